"""The handoff queue on a real Redis: order, lease, drop, nothing lost under load, and no
entry that outlives its case."""

import asyncio
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from redis.asyncio import Redis

from integrations.cases.keys import case_key, handoff_open_key
from integrations.handoff.queue import GROUP, URGENCIES, HandoffQueue, stream
from integrations.redis_client import redis_client

CASE_TTL = 3600


class CaseBackedQueue(HandoffQueue):
    """The queue as the gateway uses it: a handoff is always asked for an existing case."""

    def __init__(self, redis: Redis, lease_ms: int) -> None:
        super().__init__(redis, lease_ms=lease_ms, open_ttl_seconds=CASE_TTL)
        self.redis = redis

    async def enqueue(self, session_id: str, urgency: str, reason: str, kind: str) -> str | None:
        await self.redis.set(case_key(session_id), "{}", ex=CASE_TTL, nx=True)
        return await super().enqueue(session_id, urgency, reason, kind)


@pytest.fixture
def run(redis_url: str) -> Callable[..., object]:
    """Run a scenario against a queue on the tests' own Redis, emptied first."""

    def runner(scenario: Callable[[CaseBackedQueue], object], lease_ms: int = 60_000) -> object:
        async def main() -> object:
            client = redis_client(redis_url, timeout_seconds=5)
            await client.flushdb()
            queue = CaseBackedQueue(client, lease_ms=lease_ms)
            await queue.ensure_groups()
            try:
                return await scenario(queue)  # type: ignore[misc]
            finally:
                await client.flushdb()  # no stand-in cases left for the app's tests
                await client.aclose()

        return asyncio.run(main())

    return runner


def test_most_urgent_first_then_oldest(run: Callable[..., object]) -> None:
    async def scenario(queue: CaseBackedQueue) -> list[str]:
        await queue.enqueue("normaal-1", "normaal", "vraagt om een medewerker", "overdracht")
        await queue.enqueue("hoog-1", "hoog", "veilig_thuis", "overdracht")
        await queue.enqueue("normaal-2", "normaal", "korte intake klaar", "overdracht")
        await queue.enqueue("acuut-1", "acuut", "crisis", "overdracht")
        listed = [h.session_id for h in await queue.open_handoffs()]
        delivered = []
        while (h := await queue.deliver_next("staff:anna")) is not None:
            delivered.append(h.session_id)
        assert listed == delivered
        return delivered

    assert run(scenario) == ["acuut-1", "hoog-1", "normaal-1", "normaal-2"]


def test_a_more_urgent_request_replaces_the_open_one(run: Callable[..., object]) -> None:
    async def scenario(queue: CaseBackedQueue) -> list[tuple[str, str]]:
        await queue.enqueue("s1", "normaal", "medewerker", "overdracht")
        assert await queue.enqueue("s1", "normaal", "nog een keer", "overdracht") is None
        await queue.enqueue("s1", "acuut", "crisis", "overdracht")
        assert await queue.enqueue("s1", "hoog", "veilig_thuis", "overdracht") is None
        return [(h.session_id, h.urgency) for h in await queue.open_handoffs()]

    assert run(scenario) == [("s1", "acuut")]


def test_a_consumer_that_dies_before_taking_gives_the_handoff_back(
    run: Callable[..., object],
) -> None:
    async def scenario(queue: CaseBackedQueue) -> None:
        await queue.enqueue("s1", "hoog", "veilig_thuis", "overdracht")
        first = await queue.deliver_next("staff:crashed")
        assert first is not None
        # The consumer dies here: no take, no drop. Within the lease nobody else gets it ...
        assert await queue.deliver_next("staff:bert") is None
        await asyncio.sleep(0.3)
        # ... after the lease the same handoff comes back to the next consumer.
        again = await queue.deliver_next("staff:bert")
        assert again is not None and again.entry_id == first.entry_id
        assert [h.session_id for h in await queue.open_handoffs()] == ["s1"]
        assert await queue.take("s1") == first.entry_id
        assert await queue.open_handoffs() == []

    run(scenario, lease_ms=200)


def test_a_dropped_handoff_goes_out_again_at_once_at_its_place(
    run: Callable[..., object],
) -> None:
    async def scenario(queue: CaseBackedQueue) -> None:
        await queue.enqueue("old", "normaal", "a", "overdracht")
        await queue.enqueue("new", "normaal", "b", "overdracht")
        first = await queue.deliver_next("staff:anna")
        assert first is not None and first.session_id == "old"
        await queue.drop(first.urgency, first.entry_id)
        again = await queue.deliver_next("staff:bert")
        assert again is not None and again.session_id == "old"

    run(scenario)


def test_a_thousand_concurrent_handoffs_none_lost_or_duplicated(
    run: Callable[..., object],
) -> None:
    sessions = [uuid.uuid4().hex for _ in range(1000)]

    async def scenario(queue: CaseBackedQueue) -> tuple[int, int, float]:
        started = time.perf_counter()
        await asyncio.gather(
            *(queue.enqueue(s, ("acuut", "hoog", "normaal")[i % 3], "r", "overdracht")
              for i, s in enumerate(sessions))
        )  # fmt: skip
        elapsed = time.perf_counter() - started
        listed = [h.session_id for h in await queue.open_handoffs()]
        delivered = await asyncio.gather(*(queue.deliver_next(f"staff:{i}") for i in range(1100)))
        got = [h.session_id for h in delivered if h is not None]
        assert sorted(listed) == sorted(sessions)
        assert sorted(got) == sorted(sessions)
        return len(listed), len(set(got)), elapsed

    result: Any = run(scenario)
    assert result[:2] == (1000, 1000)


async def stream_ids(redis: Redis) -> list[str]:
    found = []
    for urgency in URGENCIES:
        entries: Any = await redis.xrange(stream(urgency))
        found += [f"{urgency}:{entry_id!r}" for entry_id, _ in entries]
    return found


def test_an_entry_whose_case_expired_is_removed_not_listed(run: Callable[..., object]) -> None:
    async def scenario(queue: CaseBackedQueue) -> None:
        await queue.enqueue("gone", "acuut", "terugbelverzoek telefoon", "terugbelverzoek")
        await queue.enqueue("here", "normaal", "medewerker", "overdracht")
        await queue.redis.delete(case_key("gone"))  # the case expired
        assert [h.session_id for h in await queue.open_handoffs()] == ["here"]
        # Removed from the stream, with its open key, not only hidden.
        assert len(await stream_ids(queue.redis)) == 1
        assert not await queue.redis.exists(handoff_open_key("gone"))

    run(scenario)


def test_a_delivery_skips_and_removes_an_entry_whose_case_expired(
    run: Callable[..., object],
) -> None:
    async def scenario(queue: CaseBackedQueue) -> None:
        await queue.enqueue("gone", "acuut", "crisis", "overdracht")
        await queue.enqueue("here", "acuut", "crisis", "overdracht")
        await queue.redis.delete(case_key("gone"))
        delivered = await queue.deliver_next("staff:anna")
        assert delivered is not None and delivered.session_id == "here"
        assert await queue.deliver_next("staff:bert") is None
        pending = await queue.redis.xpending(stream("acuut"), GROUP)
        assert pending["pending"] == 1  # only "here", delivered to anna

    run(scenario)


def test_forget_removes_every_entry_of_a_conversation(run: Callable[..., object]) -> None:
    async def scenario(queue: CaseBackedQueue) -> None:
        await queue.enqueue("erased", "hoog", "terugbelverzoek telefoon", "terugbelverzoek")
        await queue.enqueue("other", "hoog", "medewerker", "overdracht")
        delivered = await queue.deliver_next("staff:anna")  # in someone's hands, even
        assert delivered is not None and delivered.session_id == "erased"
        assert await queue.forget("erased") == 1
        assert [h.session_id for h in await queue.open_handoffs()] == ["other"]
        assert not await queue.redis.exists(handoff_open_key("erased"))
        assert len(await stream_ids(queue.redis)) == 1

    run(scenario)


def test_the_open_entry_never_expires_after_its_case(run: Callable[..., object]) -> None:
    async def scenario(queue: CaseBackedQueue) -> None:
        await queue.redis.set(case_key("short"), "{}", ex=100)
        await queue.enqueue("short", "normaal", "medewerker", "overdracht")
        # Both read in one script, the case first: a later read can only give less.
        both = "return {redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2])}"
        pair: Any = await queue.redis.eval(both, 2, case_key("short"), handoff_open_key("short"))
        case_ms, open_ms = pair
        assert 0 < open_ms <= case_ms

    run(scenario)


def test_one_conversations_open_handoff_is_read_by_its_key_as_in_the_line(
    run: Callable[..., object],
) -> None:
    """A case page reads its open handoff on every view: by its key, not by reading the whole
    line (with thousands waiting, each view read them all)."""

    async def scenario(queue: CaseBackedQueue) -> None:
        for number in range(50):
            await queue.enqueue(f"other{number}", "normaal", "a", "overdracht")
        await queue.enqueue("s1", "hoog", "veilig_thuis", "overdracht")
        listed = {h.session_id: h for h in await queue.open_handoffs()}
        assert await queue.open_handoff("s1") == listed["s1"]
        delivered = await queue.deliver_next("staff:anna")  # the most urgent: s1
        assert delivered is not None and delivered.session_id == "s1"
        mine = await queue.open_handoff("s1")
        assert mine is not None and mine.consumer == "staff:anna"
        await queue.take("s1")
        assert await queue.open_handoff("s1") is None
        assert await queue.open_handoff("nobody") is None

    run(scenario)
