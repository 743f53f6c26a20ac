"""Texts made easy to hear before the phone says them. Pure.

A phone number is said once, digit by digit in its groups, the way people write it down:
"14 0592" becomes "veertien, nul vijf negen twee", "0800-0113" "nul acht nul nul, nul één
één drie", "112" "één één twee". A time is said as people say it: "9.00 uur" is "9 uur",
"9.45 uur" is "9 uur 45". Only what is said changes; transcripts keep the written text.
"""

import re
from collections.abc import Iterable

from integrations.numbers.phone_numbers import is_dutch_number, spoken_number
from integrations.numbers.words import digit_words

# Numbers residents hear by name, also when they are not a setting ("Bel 113").
ALWAYS_SPOKEN = ("112", "113")
_LONG_NUMBER = re.compile(r"(?<!\d)(?<!\d[.,])\d{5,}(?!\d|[.,]\d)")
_TIME_WITH_UUR = re.compile(r"\b(\d{1,2})\.(\d{2}) uur\b")
_TIME = re.compile(r"\b(\d{1,2})\.(\d{2})\b")


def number_for_the_ear(number: str) -> str:
    """ "14 0592" is "veertien, nul vijf negen twee"; groups are kept as pauses."""
    groups = [g for g in re.split(r"[\s-]+", number.strip()) if g]
    said = []
    for i, group in enumerate(groups):
        if i == 0 and group == "14" and len(groups) > 1:
            said.append("veertien")  # the municipal short number is "veertien ..."
        else:
            said.append(digit_words(group))
    return ", ".join(said)


def _long_number(digits: str) -> str:
    return spoken_number(digits) if is_dutch_number(digits) else number_for_the_ear(digits)


def _hour(hour: str, minutes: str) -> str:
    return f"{int(hour)} uur" if minutes == "00" else f"{int(hour)} uur {minutes}"


def for_the_ear(text: str, numbers: Iterable[str] = ()) -> str:
    """`text` as the phone should say it; `numbers` are the phone numbers it may hold."""
    known = sorted({n for n in (*numbers, *ALWAYS_SPOKEN) if n.strip()}, key=len, reverse=True)
    for number in known:
        pattern = rf"(?<![\w-]){re.escape(number)}(?![\w-])"
        text = re.sub(pattern, number_for_the_ear(number), text)
    text = _LONG_NUMBER.sub(lambda m: _long_number(m.group(0)), text)
    text = _TIME_WITH_UUR.sub(lambda m: _hour(m.group(1), m.group(2)), text)
    return _TIME.sub(lambda m: _hour(m.group(1), m.group(2)), text)
