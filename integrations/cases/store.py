"""Cases in Redis: `case:{id}` (the record, JSON) and `case:{id}:transcript` (a list).

Owner of those keys. Both expire with the conversation (AVG).
"""

import json
from datetime import UTC, datetime
from typing import Any, Literal

from redis.asyncio import Redis
from redis.exceptions import WatchError

from integrations.cases.record import Case, CaseUpdate, Channel, apply_update, new_case

KEY_PREFIX = "case:"
Sender = Literal["resident", "bot", "staff"]


def now() -> datetime:
    return datetime.now(UTC)


class CaseStore:
    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    async def create(self, session_id: str, channel: Channel) -> Case:
        case = new_case(session_id, channel, now())
        await self._redis.set(KEY_PREFIX + session_id, case.model_dump_json(), ex=self._ttl)
        return case

    async def get(self, session_id: str) -> Case | None:
        raw = await self._redis.get(KEY_PREFIX + session_id)
        return Case.model_validate_json(raw) if raw else None

    async def update(self, session_id: str, update: CaseUpdate) -> Case:
        """Merge `update` into the case atomically (optimistic transaction); create if new."""
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
                    case = apply_update(case, update, now())
                    pipe.multi()  # type: ignore[no-untyped-call]
                    pipe.set(key, case.model_dump_json(), ex=self._ttl)
                    await pipe.execute()
                    return case
                except WatchError:
                    continue

    async def append_transcript(self, session_id: str, entries: list[dict[str, object]]) -> None:
        if not entries:
            return
        key = f"{KEY_PREFIX}{session_id}:transcript"
        stamped = [json.dumps({"at": now().isoformat(), **e}, ensure_ascii=False) for e in entries]
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.rpush(key, *stamped)
            pipe.expire(key, self._ttl)
            await pipe.execute()

    async def transcript(self, session_id: str) -> list[dict[str, Any]]:
        raw = await self._redis.lrange(f"{KEY_PREFIX}{session_id}:transcript", 0, -1)
        return [json.loads(item) for item in raw]
