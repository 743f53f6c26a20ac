"""Cases in Redis: `case:{id}` (the record, JSON) and `case:{id}:transcript` (a stream).

Owner of those keys. They expire with the conversation (AVG): every change to the case or its
transcript gives the record, the transcript and the case's open handoff entry the same new
expiry, so nothing that belongs to the case outlives it (see cases.keys).
"""

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal

from redis.asyncio import Redis
from redis.exceptions import WatchError

from integrations.cases.keys import CASE_PREFIX, handoff_open_key, transcript_key
from integrations.cases.record import Case, CaseUpdate, Channel, apply_update, new_case
from integrations.redis_client import as_text

KEY_PREFIX = CASE_PREFIX
__all__ = ["KEY_PREFIX", "CaseStore", "Sender", "now", "transcript_key"]
MAX_TRANSCRIPT = 2000
Sender = Literal["resident", "bot", "staff"]


def now() -> datetime:
    return datetime.now(UTC)


class CaseStore:
    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    async def create(self, session_id: str, channel: Channel) -> Case:
        case = new_case(session_id, channel, now())
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(KEY_PREFIX + session_id, case.model_dump_json(), ex=self._ttl)
            self._expire_belongings(pipe, session_id)
            await pipe.execute()
        return case

    def _expire_belongings(self, pipe: Any, session_id: str) -> None:
        """What belongs to the case expires when the case does (a missing key stays missing)."""
        pipe.expire(transcript_key(session_id), self._ttl)
        pipe.expire(handoff_open_key(session_id), self._ttl)

    async def get(self, session_id: str) -> Case | None:
        raw = await self._redis.get(KEY_PREFIX + session_id)
        return Case.model_validate_json(raw) if raw else None

    async def update(self, session_id: str, update: CaseUpdate) -> Case:
        """Merge an action's update into the case; create the case if it is new."""
        return await self.change(session_id, lambda case: apply_update(case, update, now()))

    async def change(self, session_id: str, change: Callable[[Case], Case]) -> Case:
        """Apply `change` to the case atomically (optimistic transaction); create if new."""
        key = KEY_PREFIX + session_id
        async with self._redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(key)
                    raw = await pipe.get(key)
                    case = (
                        Case.model_validate_json(raw)
                        if raw
                        else new_case(session_id, "chat", now())
                    )
                    case = change(case)
                    pipe.multi()  # type: ignore[no-untyped-call]
                    pipe.set(key, case.model_dump_json(), ex=self._ttl)
                    self._expire_belongings(pipe, session_id)
                    await pipe.execute()
                    return case
                except WatchError:
                    continue

    async def append_transcript(self, session_id: str, entries: list[dict[str, object]]) -> None:
        """Add to the transcript: a Redis stream, so live readers can follow it."""
        if not entries:
            return
        key = transcript_key(session_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            for entry in entries:
                stamped = json.dumps({"at": now().isoformat(), **entry}, ensure_ascii=False)
                pipe.xadd(key, {"entry": stamped}, maxlen=MAX_TRANSCRIPT, approximate=True)
            # The case lives as long as its transcript: one expiry for all it holds.
            pipe.expire(KEY_PREFIX + session_id, self._ttl)
            self._expire_belongings(pipe, session_id)
            await pipe.execute()

    async def transcript(self, session_id: str) -> list[dict[str, Any]]:
        raw: Any = await self._redis.xrange(transcript_key(session_id))
        return [_entry(entry_id, fields) for entry_id, fields in raw]

    async def session_ids(self, most: int) -> list[str]:
        """The conversations that have a case now (at most `most`), for the review."""
        found: list[str] = []
        async for raw in self._redis.scan_iter(match=KEY_PREFIX + "*", count=500):
            key = as_text(raw)
            if not key.endswith(":transcript"):
                found.append(key.removeprefix(KEY_PREFIX))
                if len(found) >= most:
                    break
        return found

    async def erase(self, session_id: str) -> None:
        """The record and the transcript (the handoff queue removes its own entries)."""
        await self._redis.delete(KEY_PREFIX + session_id, transcript_key(session_id))

    async def transcript_position(self, session_id: str) -> str:
        """The id of the last transcript entry ("0-0" for none yet)."""
        last: Any = await self._redis.xrevrange(transcript_key(session_id), count=1)
        return as_text(last[0][0]) if last else "0-0"

    async def transcript_after(
        self, session_id: str, last_id: str, block_ms: int
    ) -> list[dict[str, Any]]:
        """Entries after `last_id`, waiting up to `block_ms` for the first one."""
        raw: Any = await self._redis.xread({transcript_key(session_id): last_id}, block=block_ms)
        return [_entry(entry_id, fields) for _, entries in raw for entry_id, fields in entries]


def _entry(entry_id: bytes | str, fields: dict[Any, Any]) -> dict[str, Any]:
    raw = fields.get(b"entry") or fields.get("entry") or "{}"
    entry: dict[str, Any] = json.loads(raw)
    entry["id"] = as_text(entry_id)
    return entry
