"""Logged-in staff: a random session id in an HttpOnly cookie, the session itself in Redis."""

import secrets

from redis.asyncio import Redis

from integrations.redis_client import as_text

KEY_PREFIX = "staff:session:"
COOKIE = "toegang_staff"


class StaffSessions:
    """Owner of the `staff:session:*` keys."""

    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    async def open(self, username: str) -> str:
        session_id = secrets.token_urlsafe(32)
        await self._redis.set(KEY_PREFIX + session_id, username, ex=self._ttl)
        return session_id

    async def user(self, session_id: str | None) -> str | None:
        if not session_id:
            return None
        value = await self._redis.get(KEY_PREFIX + session_id)
        return as_text(value) if value is not None else None

    async def close(self, session_id: str | None) -> None:
        if session_id:
            await self._redis.delete(KEY_PREFIX + session_id)
