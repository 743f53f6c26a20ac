"""Office hours of the aanmeldteam: its weekdays and hours, closed on public holidays."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from integrations.agenda.closed_days import is_public_holiday
from integrations.settings import Settings


def is_open(
    now: datetime, days: set[int], opens: time, closes: time, holidays_closed: bool = True
) -> bool:
    """`now` in local time; `days` 0 (Monday) to 6 (Sunday). Open from `opens` up to, not
    including, `closes`."""
    if holidays_closed and is_public_holiday(now.date()):
        return False
    return now.weekday() in days and opens <= now.time() < closes


def office_open(settings: Settings, now: datetime | None = None) -> bool:
    local = (now or datetime.now(UTC)).astimezone(ZoneInfo(settings.timezone))
    return is_open(
        local,
        settings.office_days,
        settings.office_opens,
        settings.office_closes,
        settings.office_closed_on_public_holidays,
    )
