"""Counts for the team lead: per day, per route, wijk and outcome. No personal data.

Owner of `stats:{date}` hashes. Counters outlive the cases they count.
"""

from datetime import date, timedelta
from typing import Any

from redis.asyncio import Redis

from integrations.redis_client import as_text

KEEP_DAYS = 400


class Stats:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def count(self, day: date, field: str) -> None:
        key = f"stats:{day.isoformat()}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hincrby(key, field, 1)
            pipe.expire(key, KEEP_DAYS * 86400)
            await pipe.execute()

    async def days(self, last: date, count: int) -> list[dict[str, Any]]:
        result = []
        for offset in range(count):
            day = last - timedelta(days=offset)
            raw: Any = await self._redis.hgetall(f"stats:{day.isoformat()}")
            counts: dict[str, dict[str, int]] = {
                "route": {},
                "wijk": {},
                "outcome": {},
                "feedback": {},  # answers to "Hoe ging dit gesprek?" (integrations/feedback/)
                "feedback_asked": {},  # how often it was asked, per channel
            }
            for key, value in raw.items():
                kind, _, name = as_text(key).partition(":")
                if kind in counts:
                    counts[kind][name] = int(value)
            result.append({"date": day.isoformat(), **counts})
        return result
