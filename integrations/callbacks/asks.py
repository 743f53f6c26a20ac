"""Owner of `callback:{session_id}`: where the chat's callback question stands (see talk.py).
It expires with the conversation."""

from typing import Any, cast

from redis.asyncio import Redis

from integrations.callbacks.talk import State
from integrations.redis_client import as_text

KEY_PREFIX = "callback:"
STATES = ("none", "asking", "asked_again", "done")


class CallbackAsks:
    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    async def state(self, session_id: str) -> State:
        raw: Any = await self._redis.get(KEY_PREFIX + session_id)
        value = as_text(raw) if raw else "none"
        return cast(State, value if value in STATES else "none")

    async def set(self, session_id: str, state: State) -> None:
        await self._redis.set(KEY_PREFIX + session_id, state, ex=self._ttl)

    async def erase(self, session_id: str) -> None:
        await self._redis.delete(KEY_PREFIX + session_id)
