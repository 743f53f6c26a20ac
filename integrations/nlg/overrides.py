"""Wording changed by communication staff, kept in Redis on top of the content files.

Owner of `phrasing:override` (name -> {text, voice, closed, buttons}) and
`phrasing:history:{name}` (every change: who, when, before and after). A change takes effect
for the next message, in every gateway, without retraining or restarting anything. A change
back to the content file's wording removes the override: the text is no longer "changed".
"""

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel
from redis.asyncio import Redis

from integrations.redis_client import as_text

OVERRIDES = "phrasing:override"
HISTORY = "phrasing:history:"


class Wording(BaseModel):
    """The words of one response: chat text, phone variant, the text outside office hours
    and the button labels (in the order of the content file; None: as in the content file)."""

    text: str
    voice: str | None = None
    closed: str | None = None
    buttons: tuple[str, ...] | None = None


class Change(BaseModel):
    at: datetime
    who: str
    before: Wording
    after: Wording


class PhrasingOverrides:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def get(self, name: str) -> Wording | None:
        raw = await self._redis.hget(OVERRIDES, name)
        return Wording.model_validate_json(raw) if raw else None

    async def get_many(self, names: Sequence[str]) -> dict[str, Wording]:
        """The staff changes of several texts in one read."""
        raw = await self._redis.hmget(OVERRIDES, list(names)) if names else []
        return {n: Wording.model_validate_json(v) for n, v in zip(names, raw, strict=True) if v}

    async def all(self) -> dict[str, Wording]:
        raw = await self._redis.hgetall(OVERRIDES)
        return {as_text(k): Wording.model_validate_json(v) for k, v in raw.items()}

    async def save(
        self, name: str, before: Wording, after: Wording, who: str, base: Wording | None = None
    ) -> Change:
        """Keep `after` on top of the content file; when it is the content file's wording
        (`base`), there is nothing to keep on top any more. History keeps both ways."""
        change = Change(at=datetime.now(UTC), who=who, before=before, after=after)
        async with self._redis.pipeline(transaction=True) as pipe:
            if base is not None and after == base:
                pipe.hdel(OVERRIDES, name)
            else:
                pipe.hset(OVERRIDES, name, after.model_dump_json())
            pipe.lpush(HISTORY + name, change.model_dump_json())
            await pipe.execute()
        return change

    async def history(self, name: str) -> list[Change]:
        raw: list[Any] = await self._redis.lrange(HISTORY + name, 0, -1)
        return [Change.model_validate(json.loads(item)) for item in raw]
