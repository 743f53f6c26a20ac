"""Which conversations are finished, who may review them, and what a reviewer reads. Pure."""

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from integrations.cases.record import Case, is_safety_case
from integrations.privacy.redact import redact
from integrations.review.topics import button_words

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


# Who reads every conversation with its personal data: the aanmeldteam. Communicatie improves
# texts and examples: never a conversation about safety, and no numbers or addresses.
READS_ALL = "aanmeldteam"


def may_review(case: Case, roles: Iterable[str]) -> bool:
    """Crisis, Veilig Thuis or a disclosure: only for the aanmeldteam."""
    return READS_ALL in set(roles) or not is_safety_case(case)


def turns_for(
    transcript: Iterable[Mapping[str, Any]], roles: Iterable[str]
) -> list[dict[str, Any]]:
    """The transcript for review: who said what; a button by what it stands for. Without
    the aanmeldteam role, phone numbers, e-mail addresses and addresses are left out."""
    whole = READS_ALL in set(roles)
    turns = []
    for entry in transcript:
        # A button by what it stands for, never its code name.
        text = str(entry.get("text") or button_words(str(entry.get("payload") or "")))
        turns.append(
            {
                "id": entry["id"],
                "sender": entry.get("sender"),
                "text": text if whole else redact(text),
                "button": "payload" in entry and "text" not in entry,
                "at": entry.get("at"),
            }
        )
    return turns
