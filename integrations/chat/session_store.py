"""Chat sessions in Redis: which conversation ids exist, and when they expire."""

import secrets
import time

from redis.asyncio import Redis

KEY_PREFIX = "chat:session:"


class SessionStore:
    """Owner of the `chat:session:*` keys."""

    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    async def create(self, channel: str = "chat") -> str:
        session_id = secrets.token_urlsafe(24)
        await self._redis.hset(
            KEY_PREFIX + session_id,
            mapping={"channel": channel, "created_at": str(int(time.time()))},
        )
        await self._redis.expire(KEY_PREFIX + session_id, self._ttl)
        return session_id

    async def ensure(self, session_id: str, channel: str) -> None:
        """A session with a given id (a phone call's CallSid)."""
        key = KEY_PREFIX + session_id
        await self._redis.hsetnx(key, "channel", channel)
        await self._redis.hsetnx(key, "created_at", str(int(time.time())))
        await self._redis.expire(key, self._ttl)

    async def erase(self, session_id: str) -> None:
        await self._redis.delete(KEY_PREFIX + session_id)

    async def touch(self, session_id: str) -> bool:
        """Extend the session's life after a message; False when it does not exist."""
        return bool(await self._redis.expire(KEY_PREFIX + session_id, self._ttl))
