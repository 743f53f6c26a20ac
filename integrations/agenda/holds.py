"""Short holds on offered slots while the resident chooses (owner: this module).

`agenda:hold:{slot_id}` -> session id, with a time limit: the truth, taken atomically.
`agenda:holds:{team_id}`: a sorted set of held slot ids by expiry time, so an offer skips
every held slot of a team after one lookup instead of one per slot.

A hold lasts a few minutes from now, whatever day the agenda's clock says it is: both the
hold's time limit and the index's expiry times are Redis' own (`TIME` in the scripts).
"""

from collections.abc import Sequence

from redis.asyncio import Redis

from integrations.redis_client import as_text

# KEYS: hold, team index. ARGV: session, ms, slot id.
TAKE = """
local now = redis.call('TIME')
local expires = now[1] * 1000 + math.floor(now[2] / 1000) + tonumber(ARGV[2])
if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
redis.call('ZADD', KEYS[2], expires, ARGV[3])
return 1
"""
# KEYS: hold, team index. ARGV: session, slot id.
RELEASE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
return 1
"""
# KEYS: team index.
HELD = """
local now = redis.call('TIME')
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now[1] * 1000 + math.floor(now[2] / 1000))
return redis.call('ZRANGE', KEYS[1], 0, -1)
"""


def hold_key(slot_id: str) -> str:
    return f"agenda:hold:{slot_id}"


def team_holds_key(slot_id: str) -> str:
    return f"agenda:holds:{slot_id.split('.', 1)[0]}"


class Holds:
    def __init__(self, redis: Redis, hold_seconds: float) -> None:
        self._redis = redis
        self._ms = int(hold_seconds * 1000)
        self._take = redis.register_script(TAKE)
        self._release = redis.register_script(RELEASE)
        self._held = redis.register_script(HELD)

    async def holders(self, slot_ids: Sequence[str]) -> dict[str, str]:
        if not slot_ids:
            return {}
        raw = await self._redis.mget([hold_key(s) for s in slot_ids])
        return {slot: as_text(who) for slot, who in zip(slot_ids, raw, strict=True) if who}

    async def held_in_team(self, team_id: str) -> set[str]:
        """Slots of a team that someone holds now (possibly the asking session itself)."""
        raw = await self._held(keys=[f"agenda:holds:{team_id}"])
        return {as_text(slot_id) for slot_id in raw}

    async def take(self, slot_id: str, session_id: str) -> bool:
        """Hold a free slot for `session_id`, or renew its own hold."""
        keys = [hold_key(slot_id), team_holds_key(slot_id)]
        return bool(await self._take(keys=keys, args=[session_id, self._ms, slot_id]))

    async def release(self, slot_ids: Sequence[str], session_id: str) -> None:
        for slot_id in slot_ids:
            keys = [hold_key(slot_id), team_holds_key(slot_id)]
            await self._release(keys=keys, args=[session_id, slot_id])
