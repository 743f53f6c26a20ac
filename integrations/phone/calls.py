"""Per-call state in Redis: silences in a row, the keypad menu, the caller's number, the
last prompt the caller heard.

Owner of `call:{CallSid}`; it expires with the conversation. Only `start` creates it (from a
signed /twilio/voice), so an id that was never a call here is not a call.
"""

import json
from typing import Any

from redis.asyncio import Redis

from integrations.redis_client import as_text

KEY_PREFIX = "call:"


class CallState:
    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    async def start(self, call_sid: str, caller: str | None) -> None:
        key = KEY_PREFIX + call_sid
        await self._redis.hset(key, mapping={"misses": 0, "caller": caller or ""})
        await self._redis.expire(key, self._ttl)

    async def known(self, call_sid: str) -> bool:
        """Whether this id is a call the line answered (and has not expired)."""
        return bool(call_sid) and bool(await self._redis.exists(KEY_PREFIX + call_sid))

    async def save_prompt(self, call_sid: str, document: str) -> None:
        """The last TwiML that asked the caller something; never creates a call."""
        key = KEY_PREFIX + call_sid
        if await self._redis.exists(key):
            await self._redis.hset(key, "prompt", document)

    async def last_prompt(self, call_sid: str) -> str | None:
        raw: Any = await self._redis.hget(KEY_PREFIX + call_sid, "prompt")
        return as_text(raw) if raw else None

    async def erase(self, call_sid: str) -> None:
        await self._redis.delete(KEY_PREFIX + call_sid)

    async def missed(self, call_sid: str) -> int:
        """One more silence; how many in a row now."""
        return int(await self._redis.hincrby(KEY_PREFIX + call_sid, "misses", 1))

    async def heard(self, call_sid: str) -> None:
        await self._redis.hset(KEY_PREFIX + call_sid, "misses", 0)

    async def save_menu(self, call_sid: str, spoken: list[str], choices: dict[str, str]) -> None:
        menu = json.dumps({"spoken": spoken, "choices": choices}, ensure_ascii=False)
        await self._redis.hset(KEY_PREFIX + call_sid, "menu", menu)

    async def menu(self, call_sid: str) -> tuple[list[str], dict[str, str]]:
        raw: Any = await self._redis.hget(KEY_PREFIX + call_sid, "menu")
        data = json.loads(raw) if raw else {"spoken": [], "choices": {}}
        return list(data["spoken"]), dict(data["choices"])

    async def caller(self, call_sid: str) -> str | None:
        raw: Any = await self._redis.hget(KEY_PREFIX + call_sid, "caller")
        return as_text(raw) if raw else None
