"""The review marks in Redis.

Owner of `review:mark:{session_id}:{turn}` (one mark, JSON) and the index `review:marks` (a
sorted set by time). A mark outlives the conversation it comes from, so the team can use it,
but not for ever: it expires after REVIEW_MARKS_TTL_SECONDS, and the index forgets it then.
The words in a mark have had personal data taken out (privacy.redact) before they come here.
"""

import json
import time
from typing import Any

from pydantic import BaseModel, Field
from redis.asyncio import Redis

from integrations.redis_client import as_text

INDEX = "review:marks"
PREFIX = "review:mark:"


class StoredMark(BaseModel):
    session_id: str = Field(max_length=200)
    turn: str = Field(max_length=40)
    words: str = Field(max_length=2000)
    channel: str = Field(max_length=10)
    intent: str | None = None
    route: str | None = None
    answer: str | None = Field(default=None, max_length=1000)
    who: str = Field(max_length=100)
    at: str


def _key(session_id: str, turn: str) -> str:
    return f"{PREFIX}{session_id}:{turn}"


class ReviewMarks:
    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    async def save(self, mark: StoredMark) -> None:
        key = _key(mark.session_id, mark.turn)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(key, mark.model_dump_json(), ex=self._ttl)
            pipe.zadd(INDEX, {key: time.time()})
            await pipe.execute()

    async def remove(self, session_id: str, turn: str) -> bool:
        """Remove the mark of one turn; whether there was one."""
        key = _key(session_id, turn)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.delete(key)
            pipe.zrem(INDEX, key)
            deleted, _ = await pipe.execute()
        return bool(deleted)

    async def all(self) -> list[StoredMark]:
        """Every mark still kept, oldest first; the index forgets the ones that expired."""
        raw_keys: Any = await self._redis.zrange(INDEX, 0, -1)
        keys = [as_text(k) for k in raw_keys]
        if not keys:
            return []
        values: Any = await self._redis.mget(keys)
        gone = [k for k, v in zip(keys, values, strict=True) if v is None]
        if gone:
            await self._redis.zrem(INDEX, *gone)
        return [StoredMark.model_validate(json.loads(v)) for v in values if v is not None]

    async def of(self, session_id: str) -> list[StoredMark]:
        return [m for m in await self.all() if m.session_id == session_id]

    async def erase(self, session_id: str) -> None:
        """The right to erasure: the marks of one conversation go with it."""
        for mark in await self.of(session_id):
            await self.remove(session_id, mark.turn)
