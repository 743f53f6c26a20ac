"""Reading the resident's answer to the offered times. Pure.

Buttons send the time as words ("dinsdag 3 december om 10.00 uur"); residents also type or
say "de eerste", "2", "dinsdag", "10 uur", "andere tijd", "nee" or a wish like "morgen",
"liever volgende week", "na 15 uur".
"""

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from integrations.agenda.choice import Choice, ChoiceKind, Offer
from integrations.agenda.registry import fold
from integrations.agenda.wishes import DayWish
from integrations.appointments.reading import says
from integrations.appointments.wishes import any_time, clock_times, read_wish

_ORDINALS = {
    "1": 0,
    "een": 0,
    "eerste": 0,
    "eerst": 0,
    "nummer 1": 0,
    "2": 1,
    "twee": 1,
    "tweede": 1,
    "3": 2,
    "drie": 2,
    "derde": 2,
    "laatste": -1,
}
_MORE = (
    "andere tijd",
    "ander tijd",
    "ander moment",
    "andere dag",
    "andere tijden",
    "later",
    "meer tijden",
    "iets anders",
    "kan niet",
    "past niet",
    "lukt niet",
    "andere",
    "past me niet",
    "komt niet uit",
    "geen van",
    "geen een",
    "allemaal niet",
)
_NO = {"nee", "neen", "nie", "niet", "geen", "nope"}
_YES = {"ja", "jawel", "graag", "goed", "oke", "ok", "prima", "zeker"}
# Said to the times offered, with no time in it: the first time is proposed, and only the
# resident's yes to "Zal ik de afspraak voor u maken op ...?" books it (by phone "ja" or
# "weet ik niet" got "Kies een tijd met de toetsen", three times).
_TAKE_ANY = frozenset(
    {
        "ja", "ja hoor", "ja graag", "ja goed", "goed", "is goed", "prima", "oke", "ok", "okay",
        "weet ik niet", "weet niet", "ik weet het niet", "geen idee", "zeg jij maar",
        "zeg u maar", "zegt u maar", "kies jij maar", "kies u maar", "kiest u maar", "doe maar",
        "doe maar wat", "doe maar een", "maakt niks uit", "maakt niets uit", "dat is goed",
    }
)  # fmt: skip
_CALLBACK = ("bel mij", "bellen", "terugbellen", "bel me", "opbellen")
_GIVE_UP = ("geen afspraak", "hoeft niet")
_TIME = re.compile(r"\b(\d{1,2})(?:[.:](\d{2}))?\s*(?:uur|u)?\b")


def read_without_times(text: str) -> ChoiceKind:
    """The answer to "no time is free: shall the buurtteam call you?"."""
    folded = fold(text)
    wants_call = bool(set(folded.split()) & _YES) or says(folded, _CALLBACK)
    return "callback" if wants_call else "give_up"


def read_choice(text: str, offers: Sequence[Offer], today: date) -> Choice:
    """Which offer the answer picks, or that the resident wants other times (with a wish)."""
    folded = fold(text)
    words = folded.split()
    if says(folded, _CALLBACK):
        return Choice("callback")
    if says(folded, _GIVE_UP):
        return Choice("give_up")
    for offer in offers:
        if folded == fold(offer.when):
            return Choice("chosen", offer.slot_id)
    wish = read_wish(text, today)
    if (any_time(text) or folded in _TAKE_ANY) and wish.empty and offers:
        # "maakt niet uit" to the times offered: the first one, which the resident confirms.
        return Choice("chosen", offers[0].slot_id)
    if says(folded, _MORE):
        return Choice("wish", wish=wish) if not wish.empty else Choice("more")
    picked = _picked_by_words(words, text, offers, wish)
    if picked is not None:
        return Choice("chosen", picked)
    if len(_at_offered_hours(text, offers)) > 1:
        return Choice("unclear")  # "om 9 uur" when two times at 9.00 were offered
    if words and words[0] in _NO:
        return Choice("wish", wish=wish) if not wish.empty else Choice("declined")
    if not wish.empty:
        return Choice("wish", wish=wish)
    return Choice("unclear")


def read_time_answer(text: str, offers: Sequence[Offer], none_left: bool, today: date) -> Choice:
    """The answer to the times offered, or to "no time is free" when none were."""
    if none_left or not offers:
        return Choice(read_without_times(text))
    return read_choice(text, offers, today)


def _picked_by_words(
    words: list[str], text: str, offers: Sequence[Offer], wish: DayWish
) -> str | None:
    if not offers:
        return None
    numbers = [w for w in words if w in _ORDINALS]
    alone = not _TIME.search(text.replace(numbers[0], "", 1)) if numbers else False
    if len(words) <= 3 and len(numbers) == 1 and alone and not clock_times(text):
        index = _ORDINALS[numbers[0]]
        if index < len(offers):
            return offers[index].slot_id
    # A day or time that fits exactly one of the offers. Only what the resident names counts
    # ("woensdag", "13 uur"), never what is left after "woensdag kan ik niet".
    hours = _hours(text)
    # A part of the day alone ("liefst 's middags") is a wish: it gets times that fit.
    named = wish.weekday is not None or wish.day is not None
    fitting = [
        offer
        for offer in offers
        if (not named or _day_fits(wish, offer))
        and (not hours or (offer.start.hour, offer.start.minute) in hours)
    ]
    if (hours or named) and len(fitting) == 1 and not wish.not_weekdays:
        return fitting[0].slot_id
    return None


def _hours(text: str) -> list[tuple[int, int]]:
    """The clock times named: as read with their words ("half twee" is 13.30), else the
    numbers that look like an hour ("13.45", "9")."""
    named = clock_times(text)
    if named:
        return named
    hours = [(int(m.group(1)), int(m.group(2) or 0)) for m in _TIME.finditer(text)]
    return [h for h in hours if 7 <= h[0] <= 20]


def _at_offered_hours(text: str, offers: Sequence[Offer]) -> list[Offer]:
    hours = _hours(text)
    return [o for o in offers if (o.start.hour, o.start.minute) in hours]


def _day_fits(wish: DayWish, offer: Offer) -> bool:
    """The wish without its hour (that is matched on its own): "woensdag", "dinsdagmiddag"."""
    if wish.from_minute is not None and wish.until_minute is not None:
        return replace(wish, from_minute=None, until_minute=None).allows(offer.start)
    return wish.allows(offer.start)
