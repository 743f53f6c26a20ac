"""Reservations in Redis, atomic by Lua scripts.

Keys (owner: this module): `agenda:slot:{slot_id}` (the booking, JSON) and
`agenda:team:{team_id}` (a sorted set of booked slot ids by start time). The hold keys of
`integrations/agenda/holds.py` are read here, so a held slot is never booked by another.
"""

from collections.abc import Sequence
from datetime import datetime

from redis.asyncio import Redis

from integrations.agenda.booking import Booking
from integrations.agenda.clock import Clock, seconds_until, system_clock
from integrations.agenda.holds import hold_key
from integrations.agenda.slots import Slot
from integrations.redis_client import as_text

# KEYS: slot, hold, team. ARGV: session allowed to hold, booking JSON, score, slot id,
# seconds to keep the booking.
RESERVE = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[5])
redis.call('DEL', KEYS[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
return 1
"""
# KEYS: slot, team. ARGV: booking JSON as stored, slot id.
RELEASE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
return 1
"""


def slot_key(slot_id: str) -> str:
    return f"agenda:slot:{slot_id}"


def team_key(team_id: str) -> str:
    return f"agenda:team:{team_id}"


class RedisAgenda:
    def __init__(self, redis: Redis, keep_after_seconds: int, clock: Clock = system_clock) -> None:
        self._redis = redis
        self._clock = clock
        self._keep_after = keep_after_seconds
        self._reserve = redis.register_script(RESERVE)
        self._release = redis.register_script(RELEASE)

    async def taken(self, team_id: str, first: datetime, last: datetime) -> set[str]:
        ids = await self._redis.zrangebyscore(
            team_key(team_id), first.timestamp(), last.timestamp()
        )
        return {as_text(slot_id) for slot_id in ids}

    async def reserve(self, slot: Slot, booking: Booking, holder_ok: str | None) -> bool:
        keys = [slot_key(slot.id), hold_key(slot.id), team_key(slot.team_id)]
        keep = seconds_until(slot.end, self._clock()) + self._keep_after
        args: list[str | int | float] = [
            holder_ok or "",
            booking.model_dump_json(),
            slot.start.timestamp(),
            slot.id,
            keep,
        ]
        return bool(await self._reserve(keys=keys, args=args))

    async def release(self, booking: Booking) -> bool:
        stored = await self._redis.get(slot_key(booking.slot_id))
        if stored is None or Booking.model_validate_json(stored).id != booking.id:
            return False
        keys = [slot_key(booking.slot_id), team_key(booking.team_id)]
        return bool(await self._release(keys=keys, args=[stored, booking.slot_id]))

    async def bookings(self, team_id: str, first: datetime, last: datetime) -> Sequence[Booking]:
        ids = await self._redis.zrangebyscore(
            team_key(team_id), first.timestamp(), last.timestamp()
        )
        if not ids:
            return []
        raw = await self._redis.mget([slot_key(as_text(slot_id)) for slot_id in ids])
        return [Booking.model_validate_json(item) for item in raw if item]

    async def close(self) -> None:
        return None
