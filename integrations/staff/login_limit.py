"""Limits on staff login attempts, per account name and per client address, in Redis.

Owner of `staff:login:failures:account:{ref}` and `staff:login:failures:address:{ref}`: counters
of failed attempts that expire one window after the first failure. Every attempt is counted
before its password is checked (so parallel guesses cannot slip past the limit); a correct
password takes its own count back and clears the account's. While a counter is at its limit
every attempt is refused without checking the password, a correct one too, until the counter
expires. Names and addresses are kept only as hashes.
"""

import hashlib
import math
from dataclasses import dataclass

from fastapi import Request
from redis.asyncio import Redis

# KEYS: account counter, address counter. ARGV: account limit, address limit, window (ms).
# {1, 0} when the attempt is counted; {0, ms left} while a counter is at its limit.
ATTEMPT = """
local limits = {tonumber(ARGV[1]), tonumber(ARGV[2])}
local wait = 0
for i = 1, 2 do
  if tonumber(redis.call('GET', KEYS[i]) or '0') >= limits[i] then
    wait = math.max(wait, redis.call('PTTL', KEYS[i]))
  end
end
if wait > 0 then return {0, wait} end
for i = 1, 2 do
  redis.call('INCR', KEYS[i])
  if redis.call('PTTL', KEYS[i]) < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
end
return {1, 0}
"""
# KEYS: account counter, address counter. A correct password: the account starts afresh, and
# the address takes back the count of this attempt.
SUCCEEDED = """
redis.call('DEL', KEYS[1])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
return 1
"""
PREFIX = "staff:login:failures:"


def login_client_address(request: Request) -> str:
    """The address a login attempt counts for. The one place to swap in the trusted-proxy
    handling of the chat API (`X-Forwarded-For` only from the project's own proxy)."""
    return request.client.host if request.client else "unknown"


def reference(value: str) -> str:
    """A short, fixed-length stand-in for a name or address: for keys and log lines."""
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def account_ref(username: str) -> str:
    """The account in keys and logs: never the name itself. Case and spaces do not count, so
    "Anna " and "anna" share one limit."""
    return reference(username.strip().casefold())


def retry_after_seconds(wait_ms: int) -> int:
    """Whole seconds for the Retry-After header: never 0 while still locked."""
    return max(1, math.ceil(wait_ms / 1000))


def retry_after_minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))


@dataclass(frozen=True)
class Attempt:
    allowed: bool
    retry_after_seconds: int = 0


class LoginLimiter:
    def __init__(
        self, redis: Redis, per_account: int, per_address: int, window_seconds: int
    ) -> None:
        self._redis = redis
        self._limits = (per_account, per_address)
        self._window_ms = window_seconds * 1000
        self._attempt = redis.register_script(ATTEMPT)
        self._succeeded = redis.register_script(SUCCEEDED)

    @staticmethod
    def _keys(username: str, address: str) -> list[str]:
        return [f"{PREFIX}account:{account_ref(username)}", f"{PREFIX}address:{reference(address)}"]

    async def attempt(self, username: str, address: str) -> Attempt:
        """Count an attempt as failed until `succeeded` says otherwise; refused while locked."""
        allowed, wait_ms = await self._attempt(
            keys=self._keys(username, address), args=[*self._limits, self._window_ms]
        )
        if int(allowed):
            return Attempt(True)
        return Attempt(False, retry_after_seconds(int(wait_ms)))

    async def succeeded(self, username: str, address: str) -> None:
        await self._succeeded(keys=self._keys(username, address))

    async def locked_seconds(self, username: str) -> int:
        """How long this account is still locked (0: not locked). For beheer."""
        key = self._keys(username, "")[0]
        count = await self._redis.get(key)
        if count is None or int(count) < self._limits[0]:
            return 0
        left = await self._redis.pttl(key)
        return retry_after_seconds(int(left)) if left > 0 else 0

    async def unlock(self, username: str) -> None:
        """Beheer lets an account log in again at once (its failures are forgotten)."""
        await self._redis.delete(self._keys(username, "")[0])
