"""Per-call state in Redis: silences and wrong keys in a row, the caller's number, the last
question the caller heard (its texts, menu and what it expects), a talk of the line's own that
is not finished, and the last prompt's TwiML (for replays).

Owner of `call:{CallSid}`; it expires with the conversation. Only `start` creates it (from a
signed /twilio/voice), so an id that was never a call here is not a call.
"""

import json
from typing import Any

from redis.asyncio import Redis

from integrations.phone.dialogue import Asked, Pending
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

    async def heard(self, call_sid: str, wrong_key: bool = False) -> None:
        """The caller said or keyed something: no silence in a row now (and, unless it was a
        key that is not on the menu, no wrong key either)."""
        fields: dict[str | bytes, str | int] = {"misses": 0}
        if not wrong_key:
            fields["wrong"] = 0
        await self._redis.hset(KEY_PREFIX + call_sid, mapping=fields)  # type: ignore[arg-type]

    async def wrong_key(self, call_sid: str) -> int:
        """One more key that is not on the menu; how many in a row now."""
        return int(await self._redis.hincrby(KEY_PREFIX + call_sid, "wrong", 1))

    async def save_asked(self, call_sid: str, asked: Asked) -> None:
        """The question the caller hears now: a key is read with its menu."""
        await self._keep(call_sid, "asked", json.dumps(asked.as_json(), ensure_ascii=False))

    async def asked(self, call_sid: str) -> Asked:
        raw: Any = await self._redis.hget(KEY_PREFIX + call_sid, "asked")
        return Asked.from_json(json.loads(raw)) if raw else Asked()

    async def set_pending(self, call_sid: str, pending: Pending | None) -> None:
        key = KEY_PREFIX + call_sid
        if pending is None:
            await self._redis.hdel(key, "pending")
        else:
            await self._keep(call_sid, "pending", json.dumps(pending.as_json(), ensure_ascii=False))

    async def pending(self, call_sid: str) -> Pending | None:
        raw: Any = await self._redis.hget(KEY_PREFIX + call_sid, "pending")
        return Pending.from_json(json.loads(raw)) if raw else None

    async def _keep(self, call_sid: str, field: str, value: str) -> None:
        """Write one field of a call that exists; a call that expired is not made again."""
        key = KEY_PREFIX + call_sid
        if await self._redis.exists(key):
            await self._redis.hset(key, field, value)

    async def other_language_answered(self, call_sid: str) -> int:
        """One more answer in a language the assistant does not speak; how many now."""
        key = KEY_PREFIX + call_sid
        if not await self._redis.exists(key):
            return 1
        return int(await self._redis.hincrby(key, "other_language", 1))

    async def caller(self, call_sid: str) -> str | None:
        raw: Any = await self._redis.hget(KEY_PREFIX + call_sid, "caller")
        return as_text(raw) if raw else None
