"""Bounds on the web chat's live-message streams (server-sent events), and their own Redis.

An open stream holds a slot per conversation, per address and for the whole gateway, counted
in Redis as sorted sets of stream tokens scored by when the slot lapses. A stream renews its
slots while it runs and gives them back when it ends; a stream whose gateway crashed loses
them when they lapse (`LEASE_SECONDS`), so no slot leaks for good.

Streams wait on Redis (XREAD BLOCK) nearly all the time, so they read through a client of
their own (`stream_redis_client`): however many are open, they never take the connections
that chat turns need.

Keys (owner: this module): `chat:streams:session:{id}`, `chat:streams:address:{address}`,
`chat:streams:all`.
"""

import secrets
import time
from dataclasses import dataclass
from typing import Literal

import structlog
from redis.asyncio import BlockingConnectionPool, Redis
from redis.exceptions import RedisError

log = structlog.get_logger(__name__)

LEASE_SECONDS = 30
RENEW_SECONDS = 10
# The name of the streams' connections in Redis (CLIENT LIST), to tell them apart.
CLIENT_NAME = "toegang-streams"
# The staff pages' streams read through the same client, beside the residents' bound.
STAFF_STREAM_CONNECTIONS = 50
# Longest a stream's read blocks in Redis (integrations.cases.live), plus room to answer.
READ_ROOM_SECONDS = 2

Refusal = Literal["session", "address", "total"]
SCOPES: tuple[Refusal, Refusal, Refusal] = ("session", "address", "total")

# KEYS: the session's, the address's and all slots. ARGV: token, now (ms), lease (ms), the
# three limits. 0 when the slots are taken; else which bound refused (1, 2 or 3).
ACQUIRE = """
for i = 1, 3 do redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', ARGV[2]) end
for i = 1, 3 do
  if redis.call('ZCARD', KEYS[i]) >= tonumber(ARGV[3 + i]) then return i end
end
local lapses = tonumber(ARGV[2]) + tonumber(ARGV[3])
for i = 1, 3 do
  redis.call('ZADD', KEYS[i], lapses, ARGV[1])
  redis.call('PEXPIRE', KEYS[i], ARGV[3])
end
return 0
"""

# KEYS: the three. ARGV: token, now (ms), lease (ms).
RENEW = """
local lapses = tonumber(ARGV[2]) + tonumber(ARGV[3])
for i = 1, 3 do
  redis.call('ZADD', KEYS[i], 'XX', lapses, ARGV[1])
  redis.call('PEXPIRE', KEYS[i], ARGV[3])
end
return 1
"""

RELEASE = """
for i = 1, 3 do redis.call('ZREM', KEYS[i], ARGV[1]) end
return 1
"""


def stream_redis_client(url: str, timeout_seconds: float, max_streams: int) -> Redis:
    """The streams' own Redis client: room for every stream the bounds allow."""
    pool = BlockingConnectionPool.from_url(
        url,
        max_connections=max_streams + STAFF_STREAM_CONNECTIONS,
        timeout=timeout_seconds * 2,
        socket_timeout=timeout_seconds + READ_ROOM_SECONDS,
        socket_connect_timeout=timeout_seconds,
        client_name=CLIENT_NAME,
    )
    return Redis(connection_pool=pool)


@dataclass(frozen=True)
class StreamBounds:
    per_session: int
    per_address: int
    total: int


class StreamSlot:
    """The slots one open stream holds; `renew` is cheap to call often."""

    def __init__(self, slots: "StreamSlots", keys: list[str], token: str) -> None:
        self._slots = slots
        self._keys = keys
        self._token = token
        self._renewed = time.monotonic()
        self._released = False

    async def renew(self) -> None:
        if self._released or time.monotonic() - self._renewed < RENEW_SECONDS:
            return
        self._renewed = time.monotonic()
        try:
            await self._slots.renew(self._keys, self._token)
        except RedisError:
            log.error("chat.stream_renew_failed", reason="redis")  # tried again next time

    async def release(self) -> None:
        if self._released:
            return
        try:
            await self._slots.release(self._keys, self._token)
        except RedisError:
            log.error("chat.stream_release_failed", reason="redis")  # the slot lapses
        self._released = True


class StreamSlots:
    def __init__(self, redis: Redis, bounds: StreamBounds) -> None:
        self._redis = redis
        self._bounds = bounds
        self._acquire = redis.register_script(ACQUIRE)
        self._renew = redis.register_script(RENEW)
        self._release = redis.register_script(RELEASE)

    async def acquire(self, session_id: str, address: str) -> StreamSlot | Refusal:
        """The slots for a new stream, or which bound is full."""
        keys = [
            f"chat:streams:session:{session_id}",
            f"chat:streams:address:{address}",
            "chat:streams:all",
        ]
        token = secrets.token_hex(8)
        b = self._bounds
        args: list[str | int] = [
            token,
            now_ms(),
            LEASE_SECONDS * 1000,
            b.per_session,
            b.per_address,
            b.total,
        ]
        refused = int(await self._acquire(keys=keys, args=args))
        if refused:
            return SCOPES[refused - 1]
        return StreamSlot(self, keys, token)

    async def renew(self, keys: list[str], token: str) -> None:
        await self._renew(keys=keys, args=[token, now_ms(), LEASE_SECONDS * 1000])

    async def release(self, keys: list[str], token: str) -> None:
        await self._release(keys=keys, args=[token])


def now_ms() -> int:
    return int(time.time() * 1000)
