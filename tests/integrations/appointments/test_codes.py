"""The code of a booking and its house number, on the tests' own Redis: found only together,
tries bounded per code and per address, moved and dropped with the booking."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from integrations.appointments.codes import (
    MAX_FAILS_PER_ADDRESS,
    MAX_FAILS_PER_CODE,
    Codes,
    new_code,
)
from integrations.redis_client import redis_client

CODES_DB = 7


@pytest.fixture
def with_codes(redis_url: str) -> Callable[[Callable[[Codes, Any], Awaitable[None]]], None]:
    def run(work: Callable[[Codes, Any], Awaitable[None]]) -> None:
        async def main() -> None:
            client = redis_client(redis_url.rsplit("/", 1)[0] + f"/{CODES_DB}", 5)
            await client.flushdb()
            try:
                await work(Codes(client), client)
            finally:
                await client.aclose()

        asyncio.run(main())

    return run


def test_codes_are_six_digits_never_starting_with_zero() -> None:
    codes = {new_code() for _ in range(500)}
    assert all(len(c) == 6 and c.isdigit() and c[0] != "0" for c in codes)
    assert len(codes) > 450  # random, not a counter


def test_a_code_finds_its_booking_only_with_its_house_number(with_codes: Any) -> None:
    async def work(codes: Codes, redis: Any) -> None:
        code = await codes.issue("booking-1", 12, 3600)
        assert await codes.find(code, 12, "a") == "booking-1"
        assert await codes.find(code, 13, "a") is None
        assert await codes.find("999999", 12, "a") is None
        # The house number itself is not kept, only a salted hash of it.
        raw = (await redis.get(f"appointments:code:{code}")).decode()
        assert '"12"' not in raw and ": 12" not in raw

    with_codes(work)


def test_tries_are_bounded_per_code_and_per_address(with_codes: Any) -> None:
    async def work(codes: Codes, redis: Any) -> None:
        code = await codes.issue("booking-1", 12, 3600)
        for n in range(MAX_FAILS_PER_CODE):
            assert await codes.find(code, 100 + n, f"address{n}") is None
        # Guessed too often: even the right house number no longer opens it.
        assert await codes.find(code, 12, "resident") is None
        other = await codes.issue("booking-2", 7, 3600)
        for n in range(MAX_FAILS_PER_ADDRESS):
            await codes.find(f"{100000 + n}", 1, "script")
        assert await codes.find(other, 7, "script") is None
        assert await codes.find(other, 7, "resident") == "booking-2"

    with_codes(work)


def test_a_moved_booking_keeps_its_code_and_a_cancelled_one_loses_it(with_codes: Any) -> None:
    async def work(codes: Codes, redis: Any) -> None:
        code = await codes.issue("old", 12, 3600)
        assert await codes.move("old", "new", 3600) == code
        assert await codes.find(code, 12, None) == "new"
        assert await codes.code_of("old") is None
        await codes.drop("new")
        assert await codes.find(code, 12, None) is None
        assert await codes.move("nothing", "else", 60) is None

    with_codes(work)
