"""Office hours of the aanmeldteam."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from integrations.settings import Settings


def is_open(now: datetime, days: set[int], opens: time, closes: time) -> bool:
    """`now` in local time; `days` 0 (Monday) to 6 (Sunday)."""
    return now.weekday() in days and opens <= now.time() < closes


def office_open(settings: Settings, now: datetime | None = None) -> bool:
    local = (now or datetime.now(ZoneInfo(settings.timezone))).astimezone(
        ZoneInfo(settings.timezone)
    )
    return is_open(local, settings.office_days, settings.office_opens, settings.office_closes)
