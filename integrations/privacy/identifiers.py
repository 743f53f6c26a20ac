"""Finding a BSN or an IBAN in a resident's words, and taking it out. Pure, standard library
only: the gateway and the Rasa side (its log filter in bot/) both use it.

A BSN is nine digits that pass the elfproef, written plain, in groups (spaces, dots, dashes)
or spoken as digit words ("een een een twee ..."). An IBAN is a country code, two check
digits and the account part at that country's length, with or without spaces, that passes
the mod-97 check. Everything else (phone numbers, postcodes, dates, house numbers, nine
digits that fail the elfproef) stays as it is.
"""

import re
from dataclasses import dataclass

BSN = "bsn"
IBAN = "iban"
BSN_MARKER = "[BSN weggehaald]"
IBAN_MARKER = "[rekeningnummer weggehaald]"

# IBAN length per country (the ISO 13616 registry), country code and check digits included.
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
    "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip

# Where an IBAN may start: a country code and two check digits, not inside a word.
_IBAN_START = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2})(\d{2})")
# Digits, one separator (space, dot, dash) at most between two of them.
_DIGIT_RUN = re.compile(r"\d(?:[ .\-]?\d)*")
_DIGIT_WORDS = {
    "nul": "0", "een": "1", "één": "1", "eén": "1", "éen": "1", "twee": "2", "drie": "3",
    "vier": "4", "vijf": "5", "zes": "6", "zeven": "7", "acht": "8", "negen": "9",
}  # fmt: skip
_UNIT = r"(?:\d+|" + "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True)) + r")"
# Digits as they come from speech: words and digits, apart by spaces, commas, dots or dashes.
_SPOKEN_RUN = re.compile(rf"(?<!\w){_UNIT}(?:[\s,.\-]+{_UNIT})*(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Scrubbed:
    """The text without the identifiers, and which kinds were taken out."""

    text: str
    kinds: frozenset[str]


def passes_elfproef(digits: str) -> bool:
    """The BSN check: 9x1 + 8x2 + ... + 2x8 - 1x9 is a multiple of 11 (and not 0)."""
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total != 0 and total % 11 == 0


def passes_mod97(iban: str) -> bool:
    """The IBAN check: the country code and check digits moved to the end, letters as
    numbers (A=10 ... Z=35), the whole number leaves 1 when divided by 97."""
    iban = iban.upper()
    if len(iban) < 5 or not iban.isascii() or not iban.isalnum():
        return False
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def _iban_at(text: str, start: int, length: int) -> int | None:
    """The end of an IBAN of `length` characters from `start` (single spaces allowed between
    characters), or None when the characters do not fit."""
    wanted, i, taken = length - 4, start, 0
    while taken < wanted and i < len(text):
        char = text[i]
        if char.isascii() and char.isalnum():
            taken, i = taken + 1, i + 1
        elif char == " " and i + 1 < len(text) and text[i + 1].isalnum():
            i += 1
        else:
            break
    if taken != wanted or (i < len(text) and text[i].isalnum()):
        return None
    return i


def _without_ibans(text: str, marker: str) -> tuple[str, bool]:
    parts: list[str] = []
    found, done = False, 0
    for match in _IBAN_START.finditer(text):
        if match.start() < done:
            continue
        length = IBAN_LENGTHS.get(match.group(1).upper())
        end = _iban_at(text, match.end(), length) if length else None
        if end is None:
            continue
        compact = text[match.start() : end].replace(" ", "")
        if not passes_mod97(compact):
            continue
        parts += [text[done : match.start()], marker]
        found, done = True, end
    parts.append(text[done:])
    return "".join(parts), found


def _is_bsn(written: str) -> bool:
    return passes_elfproef("".join(c for c in written if c.isdigit()))


def _bsn_in_run(run: str, marker: str) -> str | None:
    """The run with its BSN replaced, or None when it holds none. A run of nine digits is
    one number; in a longer run only a nine-digit group on its own counts (two numbers
    typed next to each other), never nine digits cut from a phone number."""
    if _is_bsn(run):
        return marker
    digits = "".join(c for c in run if c.isdigit())
    if len(digits) == 10 and digits.startswith("0"):
        return None  # a Dutch phone number
    groups = run.split(" ")
    if len(groups) > 1 and any(_is_bsn(g) for g in groups):
        return " ".join(marker if _is_bsn(g) else g for g in groups)
    return None


def _without_written_bsns(text: str, marker: str) -> tuple[str, bool]:
    parts: list[str] = []
    found, done = False, 0
    for match in _DIGIT_RUN.finditer(text):
        before = text[: match.start()]
        # "+31 6 1234 5678": digits that follow a "+" or a digit are part of another number.
        if before.endswith("+") or re.search(r"[\d+][ .\-]$", before):
            continue
        replaced = _bsn_in_run(match.group(0), marker)
        if replaced is None:
            continue
        parts += [text[done : match.start()], replaced]
        found, done = True, match.end()
    parts.append(text[done:])
    return "".join(parts), found


def _without_spoken_bsns(text: str, marker: str) -> tuple[str, bool]:
    found = False

    def spoken(match: re.Match[str]) -> str:
        nonlocal found
        units = re.findall(_UNIT, match.group(0), re.IGNORECASE)
        if all(u.isdigit() for u in units):
            return match.group(0)  # only digits: the written check has seen it
        if any(len(u) > 4 for u in units if u.isdigit()):
            return match.group(0)  # "een 12345678": a word, then a number of its own
        digits = "".join(u if u.isdigit() else _DIGIT_WORDS[u.lower()] for u in units)
        if not passes_elfproef(digits):
            return match.group(0)
        found = True
        return marker

    return _SPOKEN_RUN.sub(spoken, text), found


def scrub(text: str, bsn_marker: str = BSN_MARKER, iban_marker: str = IBAN_MARKER) -> Scrubbed:
    """The text with every BSN and IBAN replaced by a neutral marker."""
    text, iban = _without_ibans(text, iban_marker)
    text, written = _without_written_bsns(text, bsn_marker)
    text, spoken = _without_spoken_bsns(text, bsn_marker)
    kinds = {kind for kind, found in ((IBAN, iban), (BSN, written or spoken)) if found}
    return Scrubbed(text, frozenset(kinds))
