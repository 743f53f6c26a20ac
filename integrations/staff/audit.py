"""Audit log: who opened, took, wrote to or closed which case, and when. Owner of `audit`."""

from datetime import UTC, datetime
from typing import Any

from redis.asyncio import Redis

from integrations.redis_client import as_text

KEY = "audit"
MAX_ENTRIES = 100_000


class AuditLog:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def record(self, who: str, action: str, session_id: str) -> None:
        entry: dict[Any, Any] = {
            "at": datetime.now(UTC).isoformat(),
            "who": who,
            "action": action,
            "session_id": session_id,
        }
        await self._redis.xadd(KEY, entry, maxlen=MAX_ENTRIES, approximate=True)

    async def recent(self, count: int = 200) -> list[dict[str, str]]:
        raw: Any = await self._redis.xrevrange(KEY, count=count)
        return [{as_text(k): as_text(v) for k, v in fields.items()} for _, fields in raw]
