"""Twilio requests the line has already taken, in Redis.

Owner of `twilio:seen:{fingerprint}` (kept for the replay window) and
`twilio:answer:{fingerprint}` (the TwiML of the first answer, kept briefly for Twilio's
retries). Both expire by themselves.
"""

from typing import Any

from redis.asyncio import Redis

from integrations.redis_client import as_text

SEEN_PREFIX = "twilio:seen:"
ANSWER_PREFIX = "twilio:answer:"


class SeenRequests:
    def __init__(self, redis: Redis, window_seconds: int, answer_seconds: int) -> None:
        self._redis = redis
        self._window = window_seconds
        self._answer = answer_seconds

    async def first_time(self, fingerprint: str) -> bool:
        """True once per fingerprint within the window (SET NX EX); False for a replay."""
        return bool(await self._redis.set(SEEN_PREFIX + fingerprint, "1", nx=True, ex=self._window))

    async def remember_answer(self, fingerprint: str, document: str) -> None:
        await self._redis.set(ANSWER_PREFIX + fingerprint, document, ex=self._answer)

    async def answer(self, fingerprint: str) -> str | None:
        raw: Any = await self._redis.get(ANSWER_PREFIX + fingerprint)
        return as_text(raw) if raw else None
