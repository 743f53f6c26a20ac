"""The short code of a booking, and the one detail that goes with it (owner of these keys).

A resident finds an appointment again in a new conversation, by chat or by phone, with the
code given at booking (6 digits, said digit by digit on the phone) and their house number.
Nothing else about them is asked or shown. The house number is kept only as a salted hash.
Tries are bounded: per conversation (the dialogue), per code and per client address.

Redis keys (they expire with the booking, the counters after a day or an hour):
- `appointments:code:{code}` -> JSON {"booking_id", "salt", "detail"}: the detail is the hash of
  the house number, empty until the resident gave it;
- `appointments:code-of:{booking_id}` -> the code of a booking (moved and cancelled with it);
- `appointments:code-fails:{code}` -> wrong tries on one code;
- `appointments:lookup-fails:{address hash}` -> wrong tries from one client address.
"""

import hashlib
import hmac
import json
import secrets

from redis.asyncio import Redis

from integrations.redis_client import as_text

CODE_DIGITS = 6
MAX_FAILS_PER_CODE = 5
MAX_FAILS_PER_ADDRESS = 10
CODE_FAILS_SECONDS = 24 * 3600
ADDRESS_FAILS_SECONDS = 3600


def code_key(code: str) -> str:
    return f"appointments:code:{code}"


def code_of_key(booking_id: str) -> str:
    return f"appointments:code-of:{booking_id}"


def code_fails_key(code: str) -> str:
    return f"appointments:code-fails:{code}"


def address_fails_key(address: str) -> str:
    """`address`: the client address as the agenda keeps it, a short hash."""
    return f"appointments:lookup-fails:{address}"


def _digest(salt: str, house_number: int) -> str:
    return hmac.new(salt.encode(), str(house_number).encode(), hashlib.sha256).hexdigest()


def new_code() -> str:
    """6 digits, never starting with 0 (easier to say and to type)."""
    return str(10 ** (CODE_DIGITS - 1) + secrets.randbelow(9 * 10 ** (CODE_DIGITS - 1)))


class Codes:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def issue(self, booking_id: str, house_number: int, seconds: int) -> str:
        """A new code for a booking, with the house number it goes with."""
        salt = secrets.token_hex(8)
        record = {"booking_id": booking_id, "salt": salt, "detail": _digest(salt, house_number)}
        while True:
            code = new_code()
            if await self._redis.set(code_key(code), json.dumps(record), ex=seconds, nx=True):
                await self._redis.set(code_of_key(booking_id), code, ex=seconds)
                return code

    async def code_of(self, booking_id: str) -> str | None:
        raw = await self._redis.get(code_of_key(booking_id))
        return as_text(raw) if raw else None

    async def move(self, old_booking_id: str, new_booking_id: str, seconds: int) -> str | None:
        """A moved booking keeps its code: the resident still has it."""
        code = await self.code_of(old_booking_id)
        if code is None:
            return None
        raw = await self._redis.get(code_key(code))
        if raw is None:
            return None
        record = json.loads(raw)
        record["booking_id"] = new_booking_id
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(code_key(code), json.dumps(record), ex=seconds)
            pipe.set(code_of_key(new_booking_id), code, ex=seconds)
            pipe.delete(code_of_key(old_booking_id))
            await pipe.execute()
        return code

    async def drop(self, booking_id: str) -> None:
        code = await self.code_of(booking_id)
        keys = [code_of_key(booking_id)] + ([code_key(code)] if code else [])
        await self._redis.delete(*keys)

    async def find(self, code: str, house_number: int, address: str | None) -> str | None:
        """The booking id of a code with its house number; None when they do not belong
        together, or when this code or this address tried wrongly too often."""
        if address and int(await self._redis.get(address_fails_key(address)) or 0) >= (
            MAX_FAILS_PER_ADDRESS
        ):
            return None
        fails = int(await self._redis.get(code_fails_key(code)) or 0)
        raw = await self._redis.get(code_key(code)) if fails < MAX_FAILS_PER_CODE else None
        record = json.loads(raw) if raw else None
        if record and hmac.compare_digest(record["detail"], _digest(record["salt"], house_number)):
            return str(record["booking_id"])
        await self._failed(code, address)
        return None

    async def _failed(self, code: str, address: str | None) -> None:
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.incr(code_fails_key(code))
            pipe.expire(code_fails_key(code), CODE_FAILS_SECONDS)
            if address:
                pipe.incr(address_fails_key(address))
                pipe.expire(address_fails_key(address), ADDRESS_FAILS_SECONDS)
            await pipe.execute()
