"""Cases in Redis: `case:{id}` (the record, JSON), `case:{id}:transcript` (a stream) and
`cases:index` (a sorted set of case ids by their start, so taken and closed cases stay
findable).

Owner of those keys. They expire with the conversation (AVG): every change to the case or its
transcript gives the record, the transcript and the case's open handoff entry the same new
expiry, so nothing that belongs to the case outlives it (see cases.keys). The index lives as
long as its youngest case; an id whose case is gone is dropped as soon as a listing meets it,
and erasure removes it at once.

Every change goes through one optimistic transaction (`change`), which also moves the daily
counts (cases.stats) in the same transaction, so each conversation is counted once. What the
resident types is read for facts (cases.facts: a number, when contact is safe, children named,
their own words) as it is written to the transcript.
"""

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from redis.asyncio import Redis
from redis.exceptions import WatchError

from integrations.cases import stats
from integrations.cases.facts import read_message
from integrations.cases.keys import CASE_PREFIX, handoff_open_key, transcript_key
from integrations.cases.record import (
    Case,
    CaseUpdate,
    Channel,
    apply_update,
    facts_update,
    new_case,
)
from integrations.cases.transcript import LOOK_BACK, typed_choice, with_choice
from integrations.redis_client import as_text

KEY_PREFIX = CASE_PREFIX
INDEX = "cases:index"
__all__ = ["INDEX", "KEY_PREFIX", "CaseStore", "Sender", "now", "transcript_key"]
MAX_TRANSCRIPT = 2000
MAX_LISTED = 1000
Sender = Literal["resident", "bot", "staff"]


def now() -> datetime:
    return datetime.now(UTC)


class CaseStore:
    def __init__(self, redis: Redis, ttl_seconds: int, timezone: str = "Europe/Amsterdam") -> None:
        self._redis = redis
        self._ttl = ttl_seconds
        self._tz = ZoneInfo(timezone)

    async def create(self, session_id: str, channel: Channel) -> Case:
        case = new_case(session_id, channel, now())
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(KEY_PREFIX + session_id, case.model_dump_json(), ex=self._ttl)
            pipe.zadd(INDEX, {session_id: case.created_at.timestamp()}, nx=True)
            self._expire_belongings(pipe, session_id)
            await pipe.execute()
        return case

    def _expire_belongings(self, pipe: Any, session_id: str) -> None:
        """What belongs to the case expires when the case does (a missing key stays missing);
        the index lives as long as the youngest case in it."""
        pipe.expire(transcript_key(session_id), self._ttl)
        pipe.expire(handoff_open_key(session_id), self._ttl)
        pipe.expire(INDEX, self._ttl)

    async def get(self, session_id: str) -> Case | None:
        raw = await self._redis.get(KEY_PREFIX + session_id)
        return Case.model_validate_json(raw) if raw else None

    async def update(self, session_id: str, update: CaseUpdate) -> Case:
        """Merge an action's update into the case; create the case if it is new."""
        return await self.change(session_id, lambda case: apply_update(case, update, now()))

    async def change(self, session_id: str, change: Callable[[Case], Case]) -> Case:
        """Apply `change` to the case atomically (optimistic transaction); create if new.
        An exception raised by `change` leaves the case as it was."""
        case = await self._change(session_id, change, create=True)
        assert case is not None
        return case

    async def change_existing(self, session_id: str, change: Callable[[Case], Case]) -> Case | None:
        """Like `change`, for a case that exists; None (and nothing made) when it does not."""
        return await self._change(session_id, change, create=False)

    async def _change(
        self, session_id: str, change: Callable[[Case], Case], create: bool
    ) -> Case | None:
        key = KEY_PREFIX + session_id
        async with self._redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(key)
                    raw = await pipe.get(key)
                    before = Case.model_validate_json(raw) if raw else None
                    if before is None and not create:
                        await pipe.unwatch()  # type: ignore[no-untyped-call]
                        return None
                    case = change(before or new_case(session_id, "chat", now()))
                    pipe.multi()  # type: ignore[no-untyped-call]
                    pipe.set(key, case.model_dump_json(), ex=self._ttl)
                    pipe.zadd(INDEX, {session_id: case.created_at.timestamp()}, nx=True)
                    self._expire_belongings(pipe, session_id)
                    stats.add_moves(pipe, stats.moves(before, case, self._tz))
                    await pipe.execute()
                    return case
                except WatchError:
                    continue

    async def append_transcript(self, session_id: str, entries: list[dict[str, object]]) -> None:
        """Add to the transcript: a Redis stream, so live readers can follow it. A button click
        keeps the button's words; what the resident types is read for facts."""
        if not entries:
            return
        key = transcript_key(session_id)
        if any(e.get("sender") == "resident" and e.get("payload") for e in entries):
            recent = list(reversed(await self._recent(session_id)))
            entries = [with_choice(entry, recent) for entry in entries]
        async with self._redis.pipeline(transaction=True) as pipe:
            for entry in entries:
                stamped = json.dumps({"at": now().isoformat(), **entry}, ensure_ascii=False)
                pipe.xadd(key, {"entry": stamped}, maxlen=MAX_TRANSCRIPT, approximate=True)
            # The case lives as long as its transcript: one expiry for all it holds.
            pipe.expire(KEY_PREFIX + session_id, self._ttl)
            self._expire_belongings(pipe, session_id)
            await pipe.execute()
        for entry in entries:
            text = entry.get("text")
            if entry.get("sender") == "resident" and isinstance(text, str):
                facts = read_message(text)
                update = facts_update(
                    facts.phones, facts.contact_words, facts.children, facts.own_words
                )
                if update is not None:
                    await self.change_existing(session_id, _merging(update))

    async def typed_choice(self, session_id: str, text: str) -> str | None:
        """The payload of a button of the last answer whose words the resident typed."""
        return typed_choice(text, list(reversed(await self._recent(session_id))))

    async def _recent(self, session_id: str) -> list[dict[str, Any]]:
        raw: Any = await self._redis.xrevrange(transcript_key(session_id), count=LOOK_BACK)
        return [_entry(entry_id, fields) for entry_id, fields in raw]

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
        """The record, the transcript and its place in the index (the handoff queue removes
        its own entries)."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.delete(KEY_PREFIX + session_id, transcript_key(session_id))
            pipe.zrem(INDEX, session_id)
            await pipe.execute()

    async def recent_cases(self, limit: int = MAX_LISTED) -> list[Case]:
        """The cases that still exist, newest first; ids of cases that are gone are dropped."""
        ids = [as_text(i) for i in await self._redis.zrevrange(INDEX, 0, limit - 1)]
        if not ids:
            return []
        raws: list[Any] = await self._redis.mget([KEY_PREFIX + i for i in ids])
        gone = [i for i, raw in zip(ids, raws, strict=True) if raw is None]
        if gone:
            await self._redis.zrem(INDEX, *gone)
        return [Case.model_validate_json(raw) for raw in raws if raw is not None]

    async def many(self, session_ids: list[str]) -> dict[str, Case]:
        """The cases of these ids that still exist."""
        if not session_ids:
            return {}
        raws: list[Any] = await self._redis.mget([KEY_PREFIX + i for i in session_ids])
        return {
            i: Case.model_validate_json(raw)
            for i, raw in zip(session_ids, raws, strict=True)
            if raw is not None
        }

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


def _merging(update: CaseUpdate) -> Callable[[Case], Case]:
    def merge(case: Case) -> Case:
        return apply_update(case, update, now())

    return merge


def _entry(entry_id: bytes | str, fields: dict[Any, Any]) -> dict[str, Any]:
    raw = fields.get(b"entry") or fields.get("entry") or "{}"
    entry: dict[str, Any] = json.loads(raw)
    entry["id"] = as_text(entry_id)
    return entry
