"""Short holds on picked slots while the resident confirms (owner: this module).

Offering times holds nothing: a time is held only when the resident picks it, until they say
yes (then the backend books it) or the hold runs out. Bounded: one hold per conversation (a new
pick gives the old one back) and a few per client address.

Keys:
- `agenda:hold:{slot_id}` -> session id, with a time limit: the truth, taken atomically;
- `agenda:holds:{team_id}`: a sorted set of held slot ids by expiry time, so an offer skips
  every held slot of a team after one lookup instead of one per slot;
- `agenda:held-by:{session_id}` -> the one slot id the conversation holds;
- `agenda:address-holds:{address}`: a sorted set of the conversations of one client address
  that hold a time, by expiry time.

A hold lasts a few minutes from now, whatever day the agenda's clock says it is: the holds' time
limits and the indexes' expiry times are Redis' own (`TIME` in the scripts). The scripts build
the old slot's keys themselves (one Redis, no cluster), from the prefixes passed in.
"""

from collections.abc import Sequence
from typing import Literal

from redis.asyncio import Redis

from integrations.redis_client import as_text

HOLD_PREFIX = "agenda:hold:"
TEAM_HOLDS_PREFIX = "agenda:holds:"

# KEYS: hold, team index, the session's hold, [the address's index]. ARGV: session, ms, slot
# id, bound per address (0: none), hold prefix, team index prefix.
# 1: held; 0: someone else holds it; 2: this address holds as many times as it may.
TAKE = """
local now = redis.call('TIME')
local now_ms = now[1] * 1000 + math.floor(now[2] / 1000)
local expires = now_ms + tonumber(ARGV[2])
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
local bound = tonumber(ARGV[4])
if #KEYS > 3 and bound > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now_ms)
  if not redis.call('ZSCORE', KEYS[4], ARGV[1]) and redis.call('ZCARD', KEYS[4]) >= bound then
    return 2
  end
end
local old = redis.call('GET', KEYS[3])
if old and old ~= ARGV[3] then
  local old_hold = ARGV[5] .. old
  if redis.call('GET', old_hold) == ARGV[1] then
    redis.call('DEL', old_hold)
    redis.call('ZREM', ARGV[6] .. string.match(old, '^[^.]*'), old)
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], expires, ARGV[3])
if #KEYS > 3 and bound > 0 then
  redis.call('ZADD', KEYS[4], expires, ARGV[1])
  redis.call('PEXPIRE', KEYS[4], ARGV[2])
end
return 1
"""
# KEYS: hold, team index. ARGV: session, slot id.
RELEASE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
return 1
"""
# KEYS: the session's hold, [the address's index]. ARGV: session, hold prefix, team prefix.
RELEASE_CONVERSATION = """
local old = redis.call('GET', KEYS[1])
if old then
  local old_hold = ARGV[2] .. old
  if redis.call('GET', old_hold) == ARGV[1] then
    redis.call('DEL', old_hold)
    redis.call('ZREM', ARGV[3] .. string.match(old, '^[^.]*'), old)
  end
  redis.call('DEL', KEYS[1])
end
if #KEYS > 1 then redis.call('ZREM', KEYS[2], ARGV[1]) end
return 1
"""
# KEYS: team index.
HELD = """
local now = redis.call('TIME')
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now[1] * 1000 + math.floor(now[2] / 1000))
return redis.call('ZRANGE', KEYS[1], 0, -1)
"""

TakeOutcome = Literal["held", "taken", "bounded"]
_OUTCOMES: dict[int, TakeOutcome] = {1: "held", 0: "taken", 2: "bounded"}


def hold_key(slot_id: str) -> str:
    return f"{HOLD_PREFIX}{slot_id}"


def team_holds_key(slot_id: str) -> str:
    return f"{TEAM_HOLDS_PREFIX}{slot_id.split('.', 1)[0]}"


def session_hold_key(session_id: str) -> str:
    return f"agenda:held-by:{session_id}"


def address_holds_key(address: str) -> str:
    return f"agenda:address-holds:{address}"


class Holds:
    def __init__(self, redis: Redis, hold_seconds: float, per_address: int = 0) -> None:
        """`per_address`: how many conversations of one client address may hold a time at
        once (0: no bound)."""
        self._redis = redis
        self._ms = int(hold_seconds * 1000)
        self._per_address = per_address
        self._take = redis.register_script(TAKE)
        self._release = redis.register_script(RELEASE)
        self._release_conversation = redis.register_script(RELEASE_CONVERSATION)
        self._held = redis.register_script(HELD)

    async def holders(self, slot_ids: Sequence[str]) -> dict[str, str]:
        if not slot_ids:
            return {}
        raw = await self._redis.mget([hold_key(s) for s in slot_ids])
        return {slot: as_text(who) for slot, who in zip(slot_ids, raw, strict=True) if who}

    async def held_in_team(self, team_id: str) -> set[str]:
        """Slots of a team that someone holds now (possibly the asking session itself)."""
        raw = await self._held(keys=[f"{TEAM_HOLDS_PREFIX}{team_id}"])
        return {as_text(slot_id) for slot_id in raw}

    async def take(self, slot_id: str, session_id: str, address: str | None = None) -> TakeOutcome:
        """Hold a picked slot for `session_id` (or renew its own hold), giving back the slot
        it held before. "taken": another conversation holds it; "bounded": `address` holds as
        many times as it may, so nothing was held (the old hold stays)."""
        keys = [hold_key(slot_id), team_holds_key(slot_id), session_hold_key(session_id)]
        if address:
            keys.append(address_holds_key(address))
        args: list[str | int] = [session_id, self._ms, slot_id, self._per_address]
        args += [HOLD_PREFIX, TEAM_HOLDS_PREFIX]
        return _OUTCOMES[int(await self._take(keys=keys, args=args))]

    async def release_conversation(self, session_id: str, address: str | None = None) -> None:
        """Give back the time this conversation holds, if any."""
        keys = [session_hold_key(session_id)]
        if address:
            keys.append(address_holds_key(address))
        args = [session_id, HOLD_PREFIX, TEAM_HOLDS_PREFIX]
        await self._release_conversation(keys=keys, args=args)

    async def release(self, slot_ids: Sequence[str], session_id: str) -> None:
        """Give back these slots where `session_id` holds them."""
        for slot_id in slot_ids:
            keys = [hold_key(slot_id), team_holds_key(slot_id)]
            await self._release(keys=keys, args=[session_id, slot_id])
