"""Conversations in Redis: which ids exist, of which channel, and when they expire.

A chat session's id is made here (`create`); a phone call's id is its CallSid (`ensure`). Both
live under `chat:session:*` with their channel, and the chat API takes only ids of the chat
channel that have the shape `create` gives them (`is_chat_id`), so a call's id never works on
the chat API.

A chat session not yet used (no message) counts against its client address in
`chat:unused:{address hash}` until its first message or for `UNUSED_LIFE_SECONDS`: one
address holds only a few unused sessions at once. A resident, or a tool that talks one
conversation after the other, holds one at a time; a script that opens hundreds at once is
refused after the first few.
"""

import hashlib
import re
import secrets
import time

from redis.asyncio import Redis

KEY_PREFIX = "chat:session:"
CHAT_ID_BYTES = 24
# What `secrets.token_urlsafe(CHAT_ID_BYTES)` gives: 32 characters of URL-safe base64.
CHAT_ID = re.compile(r"[A-Za-z0-9_-]{32}")

UNUSED_PREFIX = "chat:unused:"
UNUSED_LIFE_SECONDS = 600

# KEYS: the session, its address's unused sessions. ARGV: session id, created at (s), ttl (s),
# unused life (ms), most unused sessions per address. 1 when made; 0 when the address holds as
# many unused sessions as it may.
CREATE = """
local now = redis.call('TIME')
local now_ms = now[1] * 1000 + math.floor(now[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now_ms)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then return 0 end
redis.call('HSET', KEYS[1], 'channel', 'chat', 'created_at', ARGV[2], 'unused', KEYS[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], now_ms + tonumber(ARGV[4]), ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1
"""

# KEYS: the session. ARGV: channel, ttl (s), session id, "1" for a message. 1 and a longer
# life when the session exists and is of that channel (after a message it no longer counts as
# unused); else 0.
TOUCH = """
if redis.call('HGET', KEYS[1], 'channel') ~= ARGV[1] then return 0 end
local unused = redis.call('HGET', KEYS[1], 'unused')
if unused and ARGV[4] == '1' then
  redis.call('ZREM', unused, ARGV[3])
  redis.call('HDEL', KEYS[1], 'unused')
end
return redis.call('EXPIRE', KEYS[1], ARGV[2])
"""


def address_hash(address: str) -> str:
    """A client address as a short hash: keys say whose, never the address itself."""
    return hashlib.sha256(address.encode()).hexdigest()[:24]


def unused_key(address: str) -> str:
    return UNUSED_PREFIX + address_hash(address)


def is_chat_id(session_id: str) -> bool:
    """Whether an id can be one the chat API issued (a CallSid, "CA" + 32 hex, cannot)."""
    return CHAT_ID.fullmatch(session_id) is not None


class SessionStore:
    """Owner of the `chat:session:*` keys."""

    def __init__(self, redis: Redis, ttl_seconds: int, unused_per_address: int = 20) -> None:
        self._redis = redis
        self._ttl = ttl_seconds
        self._unused_per_address = unused_per_address
        self._create = redis.register_script(CREATE)
        self._touch = redis.register_script(TOUCH)

    async def create(self, address: str) -> str | None:
        """A new chat session for a client at `address`; None when that address already holds
        as many sessions without a message as it may."""
        session_id = secrets.token_urlsafe(CHAT_ID_BYTES)
        made = await self._create(
            keys=[KEY_PREFIX + session_id, unused_key(address)],
            args=[
                session_id,
                int(time.time()),
                self._ttl,
                UNUSED_LIFE_SECONDS * 1000,
                self._unused_per_address,
            ],
        )
        return session_id if int(made) == 1 else None

    async def ensure(self, session_id: str, channel: str) -> None:
        """A session with a given id (a phone call's CallSid)."""
        key = KEY_PREFIX + session_id
        await self._redis.hsetnx(key, "channel", channel)
        await self._redis.hsetnx(key, "created_at", str(int(time.time())))
        await self._redis.expire(key, self._ttl)

    async def erase(self, session_id: str) -> None:
        await self._redis.delete(KEY_PREFIX + session_id)

    async def touch(self, session_id: str, channel: str = "chat", message: bool = True) -> bool:
        """Extend the session's life (after a message, when `message`); False when no session
        of `channel` has this id (for the chat channel: also when the id is not one the chat
        API issued)."""
        if channel == "chat" and not is_chat_id(session_id):
            return False
        args: list[str | int] = [channel, self._ttl, session_id, "1" if message else "0"]
        return bool(await self._touch(keys=[KEY_PREFIX + session_id], args=args))
