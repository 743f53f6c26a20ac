"""Which conversations are finished and may be reviewed. Pure."""

from datetime import UTC, datetime, timedelta

from integrations.cases.record import Case

IDLE = timedelta(minutes=15)


def is_finished(case: Case, last_activity: datetime, now: datetime, said_goodbye: bool) -> bool:
    """Closed by staff, ended with the assistant's goodbye, or quiet for 15 minutes; never a
    conversation a staff member is still having."""
    if case.closed_at is not None:
        return True
    if case.mode == "staff":
        return False
    return said_goodbye or now - last_activity >= IDLE


def stream_time(entry_id: str) -> datetime | None:
    """The time in a Redis stream id ("1733234234234-0": milliseconds since 1970)."""
    millis, _, _ = entry_id.partition("-")
    if not millis.isdigit() or millis == "0":
        return None
    return datetime.fromtimestamp(int(millis) / 1000, tz=UTC)
