"""Reading a postcode, a street and a house number from what a resident typed or said. Pure."""

import re
from dataclasses import dataclass

# "9401AB", "9401 ab", "9401": four digits (not 0 first), optional two letters.
_POSTCODE = re.compile(r"(?<![\d])([1-9]\d{3})\s?([a-zA-Z]{2})?(?![a-zA-Z\d])")
_NUMBER = re.compile(r"(?<![\d])(\d{1,5})(?![\d])")
MAX_WORDS_FOR_NUMBER = 4
# A street name ends like one of these ("Kerkstraat", "Vaart Noordzijde" is for the table).
_STREET = re.compile(
    r"\b([a-z][a-z'-]*(?:straat|laan|weg|plein|pad|kade|dreef|hof|singel|steeg|erf|brink"
    r"|dijk|gracht|park|wal|markt|lane|ring))\b(?:\s+(?:nummer\s+|nr\.?\s+)?(\d{1,5}))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AddressAnswer:
    postcode: str | None = None
    house_number: int | None = None


def read_address(text: str) -> AddressAnswer:
    """The postcode (upper case, no space) and house number in `text`, where there are any.

    A number of at most 5 digits in a short answer without a postcode is taken as a house
    number: that is the answer to "wat is uw huisnummer?".
    """
    cleaned = " ".join((text or "").split())
    match = _POSTCODE.search(cleaned)
    if match is None:
        # A short answer with a number ("12", "nummer 12a") is the house number.
        number = _NUMBER.search(cleaned) if len(cleaned.split()) <= MAX_WORDS_FOR_NUMBER else None
        return AddressAnswer(house_number=int(number.group(1)) if number else None)
    letters = (match.group(2) or "").upper()
    if letters and not _looks_like_postcode_letters(letters):
        letters = ""
    rest = cleaned[match.end() :]
    number = _NUMBER.search(rest)
    return AddressAnswer(
        postcode=match.group(1) + letters,
        house_number=int(number.group(1)) if number else None,
    )


@dataclass(frozen=True)
class StreetGuess:
    street: str
    house_number: int | None


def read_street(text: str) -> StreetGuess | None:
    """A word that looks like a street name, and the number after it ("Kerkstraat 12")."""
    match = _STREET.search(text or "")
    if match is None:
        return None
    number = int(match.group(2)) if match.group(2) else None
    return StreetGuess(match.group(1), number)


def _looks_like_postcode_letters(letters: str) -> bool:
    # PostNL never uses SA, SD or SS in postcodes; the rest is fine for reading answers.
    return letters not in {"SA", "SD", "SS"}
