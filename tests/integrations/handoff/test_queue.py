"""The handoff queue on a real Redis: order, lease, drop, and nothing lost under load."""

import asyncio
import time
import uuid
from collections.abc import Callable

import pytest

from integrations.handoff.queue import HandoffQueue
from integrations.redis_client import redis_client


@pytest.fixture
def run(redis_url: str) -> Callable[..., object]:
    """Run a scenario against a queue on the tests' own Redis, emptied first."""

    def runner(scenario: Callable[[HandoffQueue], object], lease_ms: int = 60_000) -> object:
        async def main() -> object:
            client = redis_client(redis_url, timeout_seconds=5)
            await client.flushdb()
            queue = HandoffQueue(client, lease_ms=lease_ms, open_ttl_seconds=3600)
            await queue.ensure_groups()
            try:
                return await scenario(queue)  # type: ignore[misc]
            finally:
                await client.aclose()

        return asyncio.run(main())

    return runner


def test_most_urgent_first_then_oldest(run: Callable[..., object]) -> None:
    async def scenario(queue: HandoffQueue) -> list[str]:
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
    async def scenario(queue: HandoffQueue) -> list[tuple[str, str]]:
        await queue.enqueue("s1", "normaal", "medewerker", "overdracht")
        assert await queue.enqueue("s1", "normaal", "nog een keer", "overdracht") is None
        await queue.enqueue("s1", "acuut", "crisis", "overdracht")
        assert await queue.enqueue("s1", "hoog", "veilig_thuis", "overdracht") is None
        return [(h.session_id, h.urgency) for h in await queue.open_handoffs()]

    assert run(scenario) == [("s1", "acuut")]


def test_a_consumer_that_dies_before_taking_gives_the_handoff_back(
    run: Callable[..., object],
) -> None:
    async def scenario(queue: HandoffQueue) -> None:
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
    async def scenario(queue: HandoffQueue) -> None:
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

    async def scenario(queue: HandoffQueue) -> tuple[int, int, float]:
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

    listed, unique, _ = run(scenario)  # type: ignore[misc]
    assert (listed, unique) == (1000, 1000)
