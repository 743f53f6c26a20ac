"""Wishes for a time, as residents say them, and said back in plain words. Pure.

"liefst 's middags want 's morgens werk ik", "niet op woensdag", "na 15 uur", "niet voor 11
uur", "volgende week", "morgen", "dinsdagmiddag", "zo snel mogelijk". A sentence is read in
parts (at commas, "want", "maar"): what a part says it cannot do ("woensdag kan ik niet",
"'s morgens werk ik") is left out, the rest is wished. Later wishes add to earlier ones.
"""

import re
from dataclasses import replace
from datetime import date, timedelta

from rapidfuzz import fuzz

from integrations.agenda.registry import WEEKDAYS, fold
from integrations.agenda.slots import spoken_day
from integrations.agenda.wishes import DayWish
from integrations.appointments.reading import phrase_list as _p
from integrations.appointments.reading import says, spoken_number

_NEGATION = _p(
    "niet|nie|geen|behalve|werk|werken|moet ik werken|bezet|druk|lukt niet|past niet|kan ik niet|"
    "uitgezonderd"
)
_SOON = _p(
    "zo snel mogelijk|zsm|z s m|zo vroeg mogelijk|zo gauw mogelijk|liefst snel|het liefst snel|"
    "snel graag|eerste de beste|eerste mogelijkheid|eerste keus|zo snel als kan|zo snel het kan|"
    "hoe eerder hoe beter|eerste tijd|snelste"
)
_ANY = _p(
    "maakt niet uit|maakt me niet uit|maakt mij niet uit|maakt nie uit|om het even|wat u wilt|"
    "alles is goed|elke dag|altijd|kan altijd"
)
_MORNING = _p(
    "ochtend|ochtends|s ochtends|smorgens|s morgens|morgens|voormiddag|voor de middag|"
    "in de morgen|voor de lunch|voor twaalven"
)
_AFTERNOON = _p("middag|middags|s middags|smiddags|namiddag|na de middag|na de lunch|na twaalven")
_EVENING = _p("avond|avonds|s avonds|savonds|na het werk|na werktijd")
_NEXT_WEEK = _p(
    "volgende week|week erna|over een week|een week later|week later|na deze week|niet deze week|"
    "volgende weken"
)
_THIS_WEEK = ("deze week", "nog deze week")
_MONTHS = _p(
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
)
_CLAUSE = re.compile(r"[,;!?]+|[.:]+(?!\d)|\s(?=(?:want|maar|omdat|behalve|alleen)\s)")
_TIME = re.compile(
    r"(?:\b(?P<word>niet na|niet voor|later dan|eerder dan|na|vanaf|voor|tot|om|rond|tegen"
    r"|uiterlijk)\s+)?\b(?P<half>half\s+|kwart\s+voor\s+|kwart\s+over\s+)?(?P<hour>\d{1,2}|[a-z]+)(?:(?P<sep>[.:]|\s)(?P<min>[0-5]\d)\b)?"
    r"(?P<uur>\s*(?:uur|u)\b)?(?!\s*(?:week|weken|dag|dagen|maand|maanden|jaar|keer|minuten"
    r"|kinderen|personen|e|ste|de|januari|februari|maart|april|mei|juni|juli|augustus"
    r"|september|oktober|november|december)\b)"
)
_TIME_NEGATED = re.compile(r"\bniet (?:na|voor)\b")
# "na drieen", "voor twaalven": an hour in words without "uur".
_HOUR_WORDS = {
    "enen": 1,
    "tweeen": 2,
    "drieen": 3,
    "vieren": 4,
    "vijven": 5,
    "zessen": 6,
    "zevenen": 7,
    "achten": 8,
    "negenen": 9,
    "tienen": 10,
    "elven": 11,
    "twaalven": 12,
}
OPENING_HOUR = 8  # "na 3 uur" is 15.00: nobody is at the buurtteam at 3 in the night


def any_time(text: str | None) -> bool:
    """ "maakt niet uit": any time is fine."""
    return says(fold(text or ""), _ANY)


def read_wish(text: str | None, today: date) -> DayWish:
    """What the text says about when the resident can come; empty when it says nothing."""
    wish = DayWish()
    for clause in _CLAUSE.split((text or "").lower()):
        folded = fold(clause)
        if folded:
            wish = _add(wish, _clause_wish(folded, today))
    if says(fold(text or ""), _SOON):
        wish = replace(wish, soon=True)
    return wish


def _morning_after_a_day(folded: str) -> str:
    """ "woensdag morgen" (speech recognition writes "woensdagmorgen" as two words) is
    Wednesday morning, not tomorrow."""
    words = folded.split()
    for i, word in enumerate(words[:-1]):
        if words[i + 1] == "morgen" and _weekdays([word]):
            words[i + 1] = "ochtend"
    return " ".join(words)


def _clause_wish(folded: str, today: date) -> DayWish:
    folded = _morning_after_a_day(folded)
    # "niet voor 11 uur" is a time of its own ("from 11"), not a clause that says no.
    negated = says(_TIME_NEGATED.sub(" ", folded), _NEGATION)
    words = folded.split()
    joined = f" {folded} "
    found: dict[str, object] = {}
    weekdays = _weekdays(words)
    part = _part(words, joined)
    times = _times(folded)
    if negated:
        if weekdays:
            found["not_weekdays"] = tuple(sorted(weekdays))
        if part == "ochtend":
            found["part"] = "middag"
        elif part == "middag":
            found["part"] = "ochtend"
        for kind, minute in times:
            if kind == "from":
                found["until_minute"] = minute
            elif kind == "until":
                found["from_minute"] = minute
        if says(folded, _THIS_WEEK) and not says(folded, _NEXT_WEEK):
            found["after"] = _end_of_week(today)
        if says(folded, ("morgen",)) and "morgens" not in words:
            found["after"] = today + timedelta(days=1)
        return DayWish(**found)  # type: ignore[arg-type]
    if weekdays:
        found["weekday"] = sorted(weekdays)[0]
    if part is not None:
        found["part"] = part
    if says(folded, _EVENING):
        found["from_minute"] = 17 * 60
    for kind, minute in times:
        if kind == "from":
            found["from_minute"] = minute
        elif kind == "until":
            found["until_minute"] = minute
        else:
            found["from_minute"], found["until_minute"] = minute, minute + 60
    if "overmorgen" in words:
        found["day"] = today + timedelta(days=2)
    elif "morgen" in words:
        found["day"] = today + timedelta(days=1)
    elif "vandaag" in words:
        found["day"] = today
    dated = _date_in(folded, today)
    if dated is not None:
        found["day"] = dated
    if says(folded, _NEXT_WEEK):
        found["after"] = _end_of_week(today)
    elif says(folded, _THIS_WEEK):
        found["before"] = _end_of_week(today) + timedelta(days=1)
    return DayWish(**found)  # type: ignore[arg-type]


def _end_of_week(today: date) -> date:
    return today + timedelta(days=6 - today.weekday())


def _weekdays(words: list[str]) -> set[int]:
    found: set[int] = set()
    for word in words:
        plain = word.replace("ij", "y")
        for number, name in enumerate(WEEKDAYS):
            simple = name.replace("ij", "y")
            # "dinsdag", "dinsdags", "dinsdagmiddag", and "wonsdag", "vrydag"
            if plain.startswith(simple) or (
                len(plain) >= 6
                and plain[0] == simple[0]
                and fuzz.ratio(plain[: len(simple) + 1], simple) >= 85
            ):
                found.add(number)
    return found


def _part(words: list[str], joined: str) -> str | None:
    if says(joined.strip(), ("voor de middag", "voor de lunch", "voor twaalven")):
        return "ochtend"
    if says(joined.strip(), _AFTERNOON) or any(w.endswith("middag") for w in words):
        return "middag"
    if says(joined.strip(), _MORNING) or any(w.endswith("ochtend") for w in words):
        return "ochtend"
    return None


def _hour(raw: str, uur: bool) -> int | None:
    """The hour a word names: "15" (with "uur" or after "na"), "drie uur", "drieen"."""
    if raw.isdigit():
        return int(raw)
    if raw in _HOUR_WORDS:
        return _HOUR_WORDS[raw]
    number = spoken_number(raw) if uur else None
    return number if number is not None and number <= 24 else None


def _times(folded: str) -> list[tuple[str, int]]:
    """("from" | "until" | "at", minute of the day) for every time named in the clause:
    "na 15 uur", "niet voor 11.00", "om half 3", "kwart voor twee", "na drieen"; never "voor 2
    weken"."""
    found: list[tuple[str, int]] = []
    for match in _TIME.finditer(folded):
        word, uur = match.group("word"), bool(match.group("uur"))
        raw = match.group("hour")
        if not (word or uur or match.group("min") or match.group("half")):
            continue
        if match.group("sep") == " " and not (word or uur):
            continue  # "06 12 34" is a phone number; "om 9 00" is "om 9.00" folded
        hour = _hour(raw, uur or bool(match.group("half")))
        if hour is None:
            continue
        minute = int(match.group("min") or 0)
        half = (match.group("half") or "").split()
        if half == ["half"]:
            hour, minute = hour - 1, 30
        elif half == ["kwart", "voor"]:
            hour, minute = hour - 1, 45
        elif half == ["kwart", "over"]:
            minute = 15
        if hour < OPENING_HOUR:
            hour += 12
        if not 0 <= hour <= 23 or minute > 59:
            continue
        at = hour * 60 + minute
        if word in ("na", "vanaf", "later dan", "niet voor"):
            found.append(("from", at))
        elif word in ("voor", "tot", "uiterlijk", "eerder dan", "niet na"):
            found.append(("until", at))
        else:
            found.append(("at", at))
    return found


def clock_times(text: str) -> list[tuple[int, int]]:
    """(hour, minute) of every clock time named as such: "om 9.00", "half twee", "kwart over 9"."""
    return [divmod(at, 60) for kind, at in _times(fold(text)) if kind == "at"]


def _date_in(folded: str, today: date) -> date | None:
    match = re.search(r"\b(\d{1,2})\s*(?:e|ste|de)?\s+(" + "|".join(_MONTHS) + r")\b", folded)
    if match is None:
        return None
    day, month = int(match.group(1)), _MONTHS.index(match.group(2)) + 1
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None


def _add(old: DayWish, new: DayWish) -> DayWish:
    return merge(old, new)


def merge(old: DayWish, new: DayWish) -> DayWish:
    """An earlier wish with a later one: what the later one says wins, days left out add up."""
    if new.empty:
        return old
    fields: dict[str, object] = {}
    for name in ("day", "weekday", "after", "part", "before", "from_minute", "until_minute"):
        value = getattr(new, name)
        fields[name] = value if value is not None else getattr(old, name)
    if new.day is not None:
        fields["weekday"], fields["after"], fields["before"] = None, None, None
    elif new.weekday is not None or new.after is not None or new.before is not None:
        fields["day"] = None
    if new.after is not None:
        fields["before"] = None
    excluded = (set(old.not_weekdays) | set(new.not_weekdays)) - {new.weekday}
    if new.weekday is not None and new.weekday in set(new.not_weekdays):
        excluded.add(new.weekday)
    if fields["weekday"] in excluded:
        fields["weekday"] = None
    fields["not_weekdays"] = tuple(sorted(excluded))
    fields["soon"] = new.soon or old.soon
    return DayWish(**fields)  # type: ignore[arg-type]


def describe(wish: DayWish | None) -> str:
    """The wish in plain words: "in de middag, niet op woensdag, na 15.00 uur"."""
    if wish is None or wish.empty:
        return ""
    parts: list[str] = []
    if wish.soon:
        parts.append("zo snel mogelijk")
    if wish.day is not None:
        parts.append(f"op {spoken_day(wish.day)}")
    if wish.weekday is not None:
        parts.append(f"op {WEEKDAYS[wish.weekday]}")
    if wish.part is not None:
        parts.append(f"in de {wish.part}")
    start, end = wish.from_minute, wish.until_minute
    if start is not None and end is not None and end - start == 60:
        parts.append(f"om {_clock(start)}")
    else:
        if start is not None:
            parts.append(f"na {_clock(start)}")
        if end is not None:
            parts.append(f"voor {_clock(end)}")
    if wish.after is not None:
        parts.append("volgende week" if wish.after.weekday() == 6 else f"na {wish.after:%d-%m}")
    if wish.before is not None:
        parts.append("deze week")
    if wish.not_weekdays:
        names = [WEEKDAYS[day] for day in wish.not_weekdays]
        parts.append("niet op " + " of ".join(names))
    return ", ".join(parts)


def _clock(minute: int) -> str:
    return f"{minute // 60}.{minute % 60:02d} uur"
