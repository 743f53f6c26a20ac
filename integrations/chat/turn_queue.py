"""One turn at a time per conversation, in the order the messages came in, across gateways.

Messages sent at once to one conversation wait for each other (Rasa handles one turn of a
conversation at a time; without this, the ones behind ran out of time and were lost). A
first-come queue in Redis: every message takes a number and waits until it is the first
living one. Each waiter keeps a short "alive" key fresh while it waits; the holder's lasts as
long as a turn may. A waiter or holder that vanished (a crash, a closed connection) is skipped
once its key expired, so nothing waits forever on it.

Keys (owner: this module): `chat:turn:{session_id}:queue` (sorted set of waiters by number),
`chat:turn:{session_id}:seq` (the numbers), `chat:turn:{session_id}:alive:{token}`. When Redis
cannot be reached a turn goes ahead unqueued: a resident is never refused for that.
"""

import asyncio
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

log = structlog.get_logger(__name__)

# KEYS: queue, seq. ARGV: token, alive (ms), key life (ms). The waiter's number.
ENQUEUE = """
local n = redis.call('INCR', KEYS[2])
redis.call('ZADD', KEYS[1], n, ARGV[1])
redis.call('SET', KEYS[1] .. ':alive:' .. ARGV[1], '1', 'PX', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return n
"""

# KEYS: queue. ARGV: token, alive while waiting (ms), alive while holding (ms).
# 1: this waiter's turn now; 0: wait on; -1: no longer in the queue (it took too long to ask).
TRY = """
local prefix = KEYS[1] .. ':alive:'
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return -1 end
redis.call('SET', prefix .. ARGV[1], '1', 'PX', ARGV[2])
while true do
  local head = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
  if head == ARGV[1] then
    redis.call('SET', prefix .. ARGV[1], '1', 'PX', ARGV[3])
    return 1
  end
  if redis.call('EXISTS', prefix .. head) == 1 then return 0 end
  redis.call('ZREM', KEYS[1], head)
end
"""

# KEYS: queue. ARGV: token.
LEAVE = """
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[1] .. ':alive:' .. ARGV[1])
return 1
"""

# A waiter asks again after this long at first, then less often.
FIRST_POLL_SECONDS = 0.01
MAX_POLL_SECONDS = 0.1
# A waiter that stopped asking for this long is skipped.
ALIVE_WHILE_WAITING_MS = 5_000


class TurnQueue:
    def __init__(self, redis: Redis, hold_seconds: float, wait_seconds: float) -> None:
        """`hold_seconds`: the longest a turn may take; `wait_seconds`: the longest a message
        waits for the turns before it."""
        self._redis = redis
        self._hold_ms = int(hold_seconds * 1000)
        self._wait = wait_seconds
        self._life_ms = int((hold_seconds + wait_seconds) * 1000) + ALIVE_WHILE_WAITING_MS
        self._enqueue = redis.register_script(ENQUEUE)
        self._try = redis.register_script(TRY)
        self._leave = redis.register_script(LEAVE)

    @asynccontextmanager
    async def turn(self, session_id: str) -> AsyncIterator[bool]:
        """Wait for this conversation's turn; yields False when the wait took too long."""
        queue = f"chat:turn:{session_id}:queue"
        token = secrets.token_hex(8)
        try:
            ours = await self._wait_for_turn(queue, f"chat:turn:{session_id}:seq", token)
        except RedisError:
            log.error("chat.turn_queue_unavailable", reason="redis")
            yield True
            return
        try:
            yield ours
        finally:
            await self._leave_queue(queue, token)

    async def _wait_for_turn(self, queue: str, seq: str, token: str) -> bool:
        enqueue_args: list[str | int] = [token, ALIVE_WHILE_WAITING_MS, self._life_ms]
        await self._enqueue(keys=[queue, seq], args=enqueue_args)
        deadline = time.monotonic() + self._wait
        pause = FIRST_POLL_SECONDS
        try:
            while True:
                answer = int(
                    await self._try(
                        keys=[queue], args=[token, ALIVE_WHILE_WAITING_MS, self._hold_ms]
                    )
                )
                if answer == 1:
                    return True
                if answer == -1:  # skipped as vanished (this process stalled): queue again
                    await self._enqueue(keys=[queue, seq], args=enqueue_args)
                if time.monotonic() >= deadline:
                    log.error("chat.turn_wait_too_long")
                    await self._leave_queue(queue, token)
                    return False
                await asyncio.sleep(pause)
                pause = min(pause * 2, MAX_POLL_SECONDS)
        except BaseException:
            await self._leave_queue(queue, token)
            raise

    async def _leave_queue(self, queue: str, token: str) -> None:
        try:
            await self._leave(keys=[queue], args=[token])
        except RedisError:
            log.error("chat.turn_release_failed", reason="redis")  # expires by itself
