"""Clocks for tests, derived from the real now (or the faked one under libfaketime), so that
no test depends on the day it runs."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from integrations.agenda.closed_days import is_public_holiday

AMS = ZoneInfo("Europe/Amsterdam")


def quiet_sunday_evening(now: datetime | None = None) -> datetime:
    """20.00 on the first Sunday after `now` (Amsterdam time) that is followed by a working
    week without a public holiday: the first free times are then on Monday morning."""
    today = (now or datetime.now(AMS)).astimezone(AMS).date()
    sunday = today + timedelta(days=6 - today.weekday() or 7)
    while any(is_public_holiday(sunday + timedelta(days=n)) for n in range(1, 6)):
        sunday += timedelta(days=7)
    return datetime.combine(sunday, time(20, 0), tzinfo=AMS)


def weekday_after(day: date, weekday: int) -> date:
    """The first `weekday` (0 is Monday) after `day`."""
    return day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)
