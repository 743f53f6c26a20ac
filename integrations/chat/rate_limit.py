"""Rate limits of the chat API, per conversation and per address, in Redis.

Two shapes. `allow_burst` (per address) lets a short burst through and then a steady rate
(the generic cell rate algorithm, a token bucket kept as one time in Redis): a script that
fires hundreds of requests at once meets it, while one resident, a shared computer in a
library, or an evaluation tool that talks one conversation after the other never does. Its
clock is Redis' own (`TIME`).

`allow` counts a sliding window: the count of this window plus the share of the previous
window that still falls within the last `window` seconds, so a burst across a window's edge is
not let through twice. Refused requests do not count.

Keys (owner: this module): `ratelimit:{scope}:{who}:{window}:{number}`, expiring after two
windows, and `ratelimit:{scope}:{who}:burst`, expiring when the bucket is full again. When
Redis cannot be reached the request goes through: a resident is never refused because a part
of the system is down.
"""

import math
import time
from dataclasses import dataclass

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

log = structlog.get_logger(__name__)

# KEYS: this window's counter, the previous window's. ARGV: window (ms), ms into this window,
# limit. 1 when allowed (and counted); 0 when refused; -1 for the first refusal of a window.
COUNT = """
local window = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
local estimate = previous * (window - tonumber(ARGV[2])) / window + current
if estimate >= tonumber(ARGV[3]) then
  if redis.call('SET', KEYS[1] .. ':noted', '1', 'NX', 'PX', window) then return -1 end
  return 0
end
redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], 2 * window)
return 1
"""


# KEYS: the bucket's time. ARGV: ms between two requests at the steady rate, burst.
# {1, 0} when allowed (and counted); {0, ms until the next is allowed} when refused; the first
# refusal of a burst answers -1 instead of 0, so it is logged once.
BURST = """
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local interval = tonumber(ARGV[1])
local tolerance = interval * (tonumber(ARGV[2]) - 1)
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
if tat - now > tolerance then
  local wait = math.ceil(tat - tolerance - now)
  if redis.call('SET', KEYS[1] .. ':noted', '1', 'NX', 'PX', math.max(wait, 1)) then
    return {-1, wait}
  end
  return {0, wait}
end
tat = tat + interval
redis.call('SET', KEYS[1], string.format('%d', tat), 'PX', math.ceil(tat - now) + 1000)
return {1, 0}
"""


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after_seconds: int = 0


class RateLimiter:
    def __init__(self, redis: Redis, window_seconds: int = 60) -> None:
        self._redis = redis
        self._window = window_seconds
        self._count = redis.register_script(COUNT)
        self._burst = redis.register_script(BURST)

    async def allow_burst(self, scope: str, who: str, burst: int, per_second: float) -> Verdict:
        """A burst of `burst` requests of `scope` by `who`, then `per_second`; this request is
        counted when it is allowed."""
        interval_ms = 1000 / per_second
        try:
            answer, wait_ms = await self._burst(
                keys=[f"ratelimit:{scope}:{who}:burst"], args=[interval_ms, burst]
            )
        except RedisError:
            log.error("chat.rate_limit_unavailable", scope=scope, reason="redis")
            return Verdict(True)
        if int(answer) == -1:
            log.warning("chat.rate_limited", scope=scope)
        if int(answer) == 1:
            return Verdict(True)
        return Verdict(False, max(1, math.ceil(int(wait_ms) / 1000)))

    async def allow(
        self, scope: str, who: str, limit: int, window_seconds: int | None = None
    ) -> bool:
        """True while `who` made fewer than `limit` requests of `scope` in the last window
        (a minute unless `window_seconds` says otherwise); this request is then counted."""
        window = window_seconds or self._window
        now_ms = int(time.time() * 1000)
        number, into = divmod(now_ms, window * 1000)
        base = f"ratelimit:{scope}:{who}:{window}"
        keys = [f"{base}:{number}", f"{base}:{number - 1}"]
        try:
            answer = int(await self._count(keys=keys, args=[window * 1000, into, limit]))
        except RedisError:
            log.error("chat.rate_limit_unavailable", scope=scope, reason="redis")
            return True
        if answer == -1:
            log.warning("chat.rate_limited", scope=scope)
        return answer == 1
