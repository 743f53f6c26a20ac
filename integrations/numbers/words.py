"""Dutch number words to digits, and digits to words. Pure.

Phone speech arrives as words ("nul zes een twee"), as digits ("06 12 34"), or mixed, in any
grouping: one digit at a time, pairs ("twaalf vierendertig"), "dubbel zes". `digits_in` reads
them all, in order, as one string of digits.
"""

import re
import unicodedata

UNITS = {
    "nul": 0, "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
    "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
}  # fmt: skip
TEENS = {
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
}  # fmt: skip
TENS = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
    "zeventig": 70, "tachtig": 80, "negentig": 90,
}  # fmt: skip
_UNIT_NAMES = "|".join(sorted(UNITS, key=len, reverse=True))
_TEN_NAMES = "|".join(TENS)
_TEEN_NAMES = "|".join(sorted(TEENS, key=len, reverse=True))
# "vierendertig", "tweeentwintig" (the diaeresis is gone after `plain`), "achthonderdtwintig".
_BELOW_HUNDRED = (
    rf"(?:(?:{_UNIT_NAMES})en(?:{_TEN_NAMES})|{_TEN_NAMES}|{_TEEN_NAMES}|{_UNIT_NAMES})"
)
_COMPOUND = re.compile(rf"^(?P<unit>{_UNIT_NAMES})en(?P<tens>{_TEN_NAMES})$")
_NUMBER_WORD = re.compile(
    rf"^(?:(?P<hundreds>(?:{_UNIT_NAMES})?honderd)(?P<rest>{_BELOW_HUNDRED})?|{_BELOW_HUNDRED})$"
)
DOUBLE = frozenset({"dubbel", "dubbele"})
_TOKEN = re.compile(r"\+|\d+|[a-z]+")
SPOKEN_DIGITS = ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen")


def plain(text: str) -> str:
    """Lower case, without accents: "Tweeëntwintig" becomes "tweeentwintig"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _below_hundred(word: str) -> int:
    if word in UNITS:
        return UNITS[word]
    if word in TEENS:
        return TEENS[word]
    if word in TENS:
        return TENS[word]
    compound = _COMPOUND.match(word)
    assert compound is not None, word
    return UNITS[compound.group("unit")] + TENS[compound.group("tens")]


def word_value(word: str) -> int | None:
    """The value of one Dutch number word ("vierendertig" is 34), or None."""
    word = plain(word)
    found = _NUMBER_WORD.match(word)
    if found is None:
        return None
    if found.group("hundreds") is None:
        return _below_hundred(word)
    prefix = found.group("hundreds")[: -len("honderd")]
    hundreds = 100 * (UNITS[prefix] if prefix else 1)
    rest = found.group("rest")
    return hundreds + (_below_hundred(rest) if rest else 0)


def digits_in(text: str) -> str:
    """Every number in `text`, said or typed, as one string of digits ("+" kept in front).

    "nul zes twaalf vierendertig" is "061234"; "dubbel zes" is "66"; "achthonderd twintig"
    is "820". "een" counts only next to another number, so "een nummer" adds nothing.
    """
    tokens = _TOKEN.findall(plain(text).replace("plus", " + "))
    values: list[str | int | None] = []
    for token in tokens:
        if token == "+" or token.isdigit():
            values.append(token)
        elif token in DOUBLE:
            values.append("double")
        else:
            values.append(word_value(token))
    out: list[str] = []
    double = False
    for i, value in enumerate(values):
        token = tokens[i]
        if value is None:
            double = False
            continue
        if value == "double":
            double = True
            continue
        if token == "een" and not _next_to_a_number(values, i):
            continue
        if isinstance(value, int):
            following = values[i + 1] if i + 1 < len(values) else None
            hundreds = value >= 100 and value % 100 == 0
            if hundreds and isinstance(following, int) and 10 <= following < 100:
                values[i + 1] = value + following  # "achthonderd twintig": one number
                continue
            written = str(value)
        else:
            written = value
        out.append(written * 2 if double else written)
        double = False
    return "".join(out)


def _next_to_a_number(values: list[str | int | None], i: int) -> bool:
    def is_number(j: int) -> bool:
        return 0 <= j < len(values) and values[j] not in (None, "double", "+")

    return is_number(i - 1) or is_number(i + 1)


def digit_words(digits: str) -> str:
    """Each digit as a word, for the ear: "112" is "één één twee"."""
    return " ".join(SPOKEN_DIGITS[int(d)] for d in digits if d.isdigit())
