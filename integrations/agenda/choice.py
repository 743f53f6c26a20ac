"""Reading the resident's answer to the offered times. Pure.

Buttons send the time as words ("dinsdag 3 december om 10.00 uur"); residents also type
"de eerste", "2", "dinsdag", "10 uur", "andere tijd", "nee" or a wish like "morgen".
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from integrations.agenda.registry import fold
from integrations.agenda.wishes import DayWish, read_wish

ChoiceKind = Literal["chosen", "more", "declined", "wish", "unclear", "callback", "give_up"]

_ORDINALS = {
    "1": 0, "een": 0, "eerste": 0, "eerst": 0,
    "2": 1, "twee": 1, "tweede": 1,
    "3": 2, "drie": 2, "derde": 2, "laatste": -1,
}  # fmt: skip
_MORE = ("andere tijd", "ander tijd", "ander moment", "andere dag", "andere tijden", "later",
         "meer tijden", "iets anders", "kan niet", "past niet", "lukt niet")  # fmt: skip
_NO = {"nee", "neen", "nie", "niet", "geen", "nope"}
_YES = {"ja", "jawel", "graag", "goed", "oke", "ok", "prima", "zeker"}
_CALLBACK = ("bel mij", "bellen", "terugbellen", "bel me", "opbellen")
_GIVE_UP = ("geen afspraak", "hoeft niet")
_TIME = re.compile(r"\b(\d{1,2})(?:[.:](\d{2}))?\s*(?:uur|u)?\b")


@dataclass(frozen=True)
class Offer:
    slot_id: str
    start: datetime
    when: str


@dataclass(frozen=True)
class Choice:
    kind: ChoiceKind
    slot_id: str | None = None
    wish: DayWish | None = None


def _says(folded: str, phrases: Sequence[str]) -> bool:
    return any(f" {phrase} " in f" {folded} " for phrase in phrases)


def read_without_times(text: str) -> ChoiceKind:
    """The answer to "no time is free: shall the buurtteam call you?"."""
    folded = fold(text)
    wants_call = bool(set(folded.split()) & _YES) or _says(folded, _CALLBACK)
    return "callback" if wants_call else "give_up"


def read_choice(text: str, offers: Sequence[Offer], today: date) -> Choice:
    folded = fold(text)
    words = folded.split()
    if _says(folded, _CALLBACK):
        return Choice("callback")
    if _says(folded, _GIVE_UP):
        return Choice("give_up")
    for offer in offers:
        if folded == fold(offer.when):
            return Choice("chosen", offer.slot_id)
    if any(phrase in f" {folded} " for phrase in (f" {p} " for p in _MORE)):
        wish = read_wish(text, today)
        return Choice("wish", wish=wish) if not wish.empty else Choice("more")
    wish = read_wish(text, today)
    picked = _picked_by_words(words, text, offers, wish)
    if picked is not None:
        return Choice("chosen", picked)
    if words and words[0] in _NO:
        return Choice("declined")
    if not wish.empty:
        return Choice("wish", wish=wish)
    return Choice("unclear")


def _picked_by_words(
    words: list[str], text: str, offers: Sequence[Offer], wish: DayWish
) -> str | None:
    if not offers:
        return None
    numbers = [w for w in words if w in _ORDINALS]
    if len(words) <= 3 and len(numbers) == 1 and not _TIME.search(text.replace(numbers[0], "", 1)):
        index = _ORDINALS[numbers[0]]
        if index < len(offers):
            return offers[index].slot_id
    # A day or time that fits exactly one of the offers.
    hours = [(int(m.group(1)), int(m.group(2) or 0)) for m in _TIME.finditer(text)]
    hours = [h for h in hours if 7 <= h[0] <= 20]
    fitting = [
        offer
        for offer in offers
        if (wish.empty or wish.allows(offer.start.date(), offer.start.hour))
        and (not hours or (offer.start.hour, offer.start.minute) in hours)
    ]
    if (hours or not wish.empty) and len(fitting) == 1:
        return fitting[0].slot_id
    return None
