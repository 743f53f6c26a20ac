"""The names of the Redis keys that belong to one case and live and die with it. Pure.

- `case:{id}`: the case record (owner: cases.store);
- `case:{id}:transcript`: the transcript stream, also the live messages (owner: cases.store);
- `handoff:open:{id}`: the case's open entry in the handoff queue (owner: handoff.queue).

The case store gives all three the same expiry at every change, so none outlives the record.
The entries in the shared streams `handoffs:{urgency}` cannot expire one by one: the queue
drops an entry as soon as it sees that its case is gone, and erasure removes it at once.
"""

CASE_PREFIX = "case:"
HANDOFF_OPEN_PREFIX = "handoff:open:"


def case_key(session_id: str) -> str:
    return f"{CASE_PREFIX}{session_id}"


def transcript_key(session_id: str) -> str:
    return f"{CASE_PREFIX}{session_id}:transcript"


def handoff_open_key(session_id: str) -> str:
    return f"{HANDOFF_OPEN_PREFIX}{session_id}"


def keys_of(session_id: str) -> list[str]:
    """Every key that holds this case's own data and expires with it."""
    return [case_key(session_id), transcript_key(session_id), handoff_open_key(session_id)]
