"""A resident's wish about when an appointment can be, as the agenda filters on it. Pure.

How a wish is read from what a resident says ("liefst 's middags", "niet op woensdag", "na 15
uur") belongs to the appointment dialogue (integrations/appointments/wishes.py)."""

from dataclasses import dataclass
from datetime import date, datetime

MORNING_ENDS_HOUR = 12


@dataclass(frozen=True)
class DayWish:
    """A wish about the day and the time of day; None (or empty) means any.

    `after`: only days after this one ("volgende week"); `before`: only days before it ("deze
    week"); `from_minute` and `until_minute`: the start in minutes after midnight ("na 15
    uur": from 900); `soon`: the earliest times, not spread over days ("zo snel mogelijk").
    """

    day: date | None = None
    weekday: int | None = None
    after: date | None = None
    part: str | None = None  # "ochtend" or "middag"
    not_weekdays: tuple[int, ...] = ()
    before: date | None = None
    from_minute: int | None = None
    until_minute: int | None = None
    soon: bool = False

    @property
    def empty(self) -> bool:
        return self == DayWish()

    def allows(self, start: datetime) -> bool:
        day, minute = start.date(), start.hour * 60 + start.minute
        if self.day is not None and day != self.day:
            return False
        if self.weekday is not None and day.weekday() != self.weekday:
            return False
        if day.weekday() in self.not_weekdays:
            return False
        if self.after is not None and day <= self.after:
            return False
        if self.before is not None and day >= self.before:
            return False
        if self.from_minute is not None and minute < self.from_minute:
            return False
        if self.until_minute is not None and minute >= self.until_minute:
            return False
        if self.part == "ochtend" and start.hour >= MORNING_ENDS_HOUR:
            return False
        return not (self.part == "middag" and start.hour < MORNING_ENDS_HOUR)
