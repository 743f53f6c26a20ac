"""Dutch phone numbers as residents give them, and as the assistant says them back. Pure.

- `phone_number` reads a whole number in any grouping, said or typed: "nul zes een twee ...",
  "zes twaalf vierendertig ...", "06 12 34 56 78", "+31 6 1234 5678".
- `means_own_number` hears "het nummer waar ik nu mee bel", "dit nummer", "hetzelfde nummer".
- `caller_number` is the caller ID as a Dutch number, or None when it is hidden.
- `spoken_number` says a number back digit by digit in small groups, for the ear.
- `joined_numbers` writes a typed number in groups ("0592 123 456") as one word of digits.
- `spelled_numbers` writes a number typed in words ("nul zes twaalf ...") as digits.
"""

import re

from integrations.numbers.words import DOUBLE, digit_words, digits_in, plain, word_value

LENGTH = 10  # a Dutch number: 0 and 9 digits
# Said with the trunk 0 left off: "zes twaalf vierendertig ..." is 06 12 34 ...
WITHOUT_ZERO = LENGTH - 1
_OWN_NUMBER = re.compile(
    r"\b(waar ?mee ik (nu |op dit moment )?bel|waar ik (nu )?(mee|van)? ?bel"
    r"|(dit|deze|het zelfde|hetzelfde|zelfde|eigen|huidige) (telefoon)?nummer"
    r"|nummer (waar|waarmee|waarvan) ik|nummer (van|op) (dit|deze) (telefoon|toestel)"
    r"|(dit|deze) (telefoon|toestel|mobiel)|nummer dat u (nu )?ziet|nummer (in beeld|van nu))\b"
)
# Caller ID that is not a number: Twilio sends "anonymous", "restricted", "unknown" or nothing.
# A number typed in groups: 0 (or +31, 0031) and 9 more digits, with spaces, dashes, dots or
# brackets between them.
_TYPED_NUMBER = re.compile(r"(?<![\d+(])\(?(?:\+31|0031|0)(?:[\s\-.()]*\d){9}(?!\d)")
_HIDDEN = {"", "anonymous", "restricted", "unknown", "unavailable", "private", "blocked"}


def normalised(digits: str) -> str:
    """+31 and 0031 become 0; a mobile number said without its 0 ("zes twaalf ...") gets it."""
    if digits.startswith("+31"):
        digits = "0" + digits[3:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    digits = digits.lstrip("+")
    if len(digits) == WITHOUT_ZERO and digits.startswith("6"):  # a mobile number said as "zes ..."
        digits = "0" + digits
    return digits


def is_dutch_number(digits: str) -> bool:
    return re.fullmatch(r"0[1-9]\d{8}", digits) is not None


def phone_number(text: str | None) -> str | None:
    """A Dutch phone number as 10 digits ("0612345678"), or None."""
    digits = normalised(digits_in(text or ""))
    return digits if is_dutch_number(digits) else None


def number_so_far(text: str | None) -> str:
    """The digits of a number given in pieces, as far as they go ("nul zes" is "06")."""
    return digits_in(text or "").lstrip("+")


def means_own_number(text: str | None) -> bool:
    """Whether the resident means the number they call or write from."""
    said = " ".join(re.findall(r"[a-z]+", plain(text or "")))
    return _OWN_NUMBER.search(said) is not None


def is_hidden(caller_id: str | None) -> bool:
    """Whether the caller ID is hidden ("anonymous", or nothing at all)."""
    return caller_id is None or caller_id.strip().lower() in _HIDDEN


def caller_number(caller_id: str | None) -> str | None:
    """The caller ID as a Dutch number; None when it is hidden or foreign."""
    if caller_id is None or is_hidden(caller_id):
        return None
    digits = normalised(re.sub(r"[^\d+]", "", caller_id))
    return digits if is_dutch_number(digits) else None


def grouped(number: str) -> list[str]:
    """A 10-digit number in the groups people say: 06 12 34 56 78, or 0592 351 247."""
    if number.startswith("06") and len(number) == LENGTH:
        return [number[i : i + 2] for i in range(0, LENGTH, 2)]
    if len(number) == LENGTH:
        return [number[:4], number[4:7], number[7:]]
    return [number]


def spoken_number(number: str) -> str:
    """The number said back: "nul zes, één twee, drie vier, vijf zes, zeven acht"."""
    return ", ".join(digit_words(group) for group in grouped(number))


def written_number(number: str) -> str:
    """The number for the eye: "06 12 34 56 78"."""
    return " ".join(grouped(number))


def joined_numbers(text: str) -> str:
    """The text with each Dutch phone number typed in groups ("0592 123 456",
    "+31 6 12 34 56 78") written as one word of 10 digits ("0592123456"). The classifier
    reads one number instead of five small ones (a number in groups made it miss the
    question: staff audit 2026-12-02, defect 2); a form still finds the number."""

    def joined(match: re.Match[str]) -> str:
        digits = normalised(re.sub(r"[^\d+]", "", match.group()))
        return digits if is_dutch_number(digits) else match.group()

    return _TYPED_NUMBER.sub(joined, text)


# At least this many number words in a row before a run is read as a phone number.
MIN_SPELLED_WORDS = 4


def _number_token(word: str) -> bool:
    bare = plain(word).strip(",.;:-()")
    return bool(bare) and (
        bare.isdigit() or bare in DOUBLE or bare == "plus" or word_value(bare) is not None
    )


def spelled_numbers(text: str) -> str:
    """The text with a Dutch phone number typed in words ("nul zes een twee drie vier vijf zes
    zeven acht", "zes twaalf vierendertig ...") written as its 10 digits. The chat's forms
    read digits; a number in words reached "Nu zijn er geen medewerkers" (residents,
    8 December). Only a run of number words that makes a whole Dutch number is changed."""
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and _number_token(words[j]):
            j += 1
        if j - i >= MIN_SPELLED_WORDS:
            digits = normalised(digits_in(" ".join(words[i:j])))
            if is_dutch_number(digits):
                out.append(digits)
                i = j
                continue
        out.extend(words[i : max(j, i + 1)])
        i = max(j, i + 1)
    return " ".join(out) if out != words else text
