"""The feedback of one conversation in Redis.

Owner of `feedback:{session_id}` (a hash: asked, rating, remark, channel); it expires with the
conversation and goes with it on erasure. Each field is written once: a question asked twice,
or an answer sent twice, counts once.
"""

from datetime import UTC, datetime
from typing import Any

from redis.asyncio import Redis

from integrations.redis_client import as_text

KEY_PREFIX = "feedback:"


class FeedbackStore:
    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    async def _set_once(self, session_id: str, field: str, value: str) -> bool:
        key = KEY_PREFIX + session_id
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hsetnx(key, field, value)
            pipe.expire(key, self._ttl)
            first, _ = await pipe.execute()
        return bool(first)

    async def asked(self, session_id: str, channel: str) -> bool:
        """Mark the question as asked; False when it was asked before."""
        return await self._set_once(session_id, "asked", channel)

    async def rated(self, session_id: str, rating: str) -> bool:
        """Keep the rating; False when there was one already."""
        if not await self._set_once(session_id, "rating", rating):
            return False
        await self._set_once(session_id, "at", datetime.now(UTC).isoformat())
        return True

    async def remarked(self, session_id: str, remark: str) -> bool:
        return await self._set_once(session_id, "remark", remark)

    async def get(self, session_id: str) -> dict[str, str]:
        raw: Any = await self._redis.hgetall(KEY_PREFIX + session_id)
        return {as_text(k): as_text(v) for k, v in raw.items()}

    async def erase(self, session_id: str) -> None:
        await self._redis.delete(KEY_PREFIX + session_id)
