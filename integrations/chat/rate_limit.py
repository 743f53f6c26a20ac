"""Rate limits on the chat API, per conversation and per address, in Redis (fixed windows).

Keys `ratelimit:{scope}:{who}:{window}` (owner: this module) expire with their window. When
Redis cannot be reached the request goes through: a resident is never refused because a part
of the system is down.
"""

import time

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

log = structlog.get_logger(__name__)

# KEYS: counter. ARGV: window (ms). The count after this request.
COUNT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
"""


class RateLimiter:
    def __init__(self, redis: Redis, window_seconds: int = 60) -> None:
        self._redis = redis
        self._window = window_seconds
        self._count = redis.register_script(COUNT)

    async def allow(self, scope: str, who: str, limit: int) -> bool:
        """True while `who` made at most `limit` requests of `scope` in this window."""
        window = int(time.time() // self._window)
        key = f"ratelimit:{scope}:{who}:{window}"
        try:
            count = int(await self._count(keys=[key], args=[self._window * 1000]))
        except RedisError:
            return True
        if count > limit:
            if count == limit + 1:
                log.warning("chat.rate_limited", scope=scope)
            return False
        return True
