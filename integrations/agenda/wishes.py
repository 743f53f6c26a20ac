"""What a resident says about when they can come: "morgen", "dinsdag", "'s middags". Pure."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from integrations.agenda.registry import WEEKDAYS, fold

MORNING_ENDS_HOUR = 12


@dataclass(frozen=True)
class DayWish:
    """A wish about the day and part of the day; None means any."""

    day: date | None = None
    weekday: int | None = None
    after: date | None = None
    part: str | None = None  # "ochtend" or "middag"

    @property
    def empty(self) -> bool:
        return self == DayWish()

    def allows(self, start_day: date, hour: int) -> bool:
        if self.day is not None and start_day != self.day:
            return False
        if self.weekday is not None and start_day.weekday() != self.weekday:
            return False
        if self.after is not None and start_day <= self.after:
            return False
        if self.part == "ochtend" and hour >= MORNING_ENDS_HOUR:
            return False
        return not (self.part == "middag" and hour < MORNING_ENDS_HOUR)


def read_wish(text: str, today: date) -> DayWish:
    words = fold(text).split()
    joined = f" {' '.join(words)} "
    day: date | None = None
    weekday: int | None = None
    after: date | None = None
    if "overmorgen" in words:
        day = today + timedelta(days=2)
    elif "morgen" in words and "morgens" not in words:
        day = today + timedelta(days=1)
    elif "vandaag" in words:
        day = today
    for number, name in enumerate(WEEKDAYS):
        # "dinsdag", "dinsdags", "dinsdagmiddag"
        if any(word.startswith(name) for word in words):
            weekday = number
    if " volgende week " in joined or " week erna " in joined:
        after = today + timedelta(days=6 - today.weekday())
    part = None
    if re.search(r"(ochtend|ochtends| morgens| voor de middag) ", joined):
        part = "ochtend"
    elif re.search(r"(middag|middags) ", joined):
        part = "middag"
    return DayWish(day=day, weekday=weekday, after=after, part=part)
