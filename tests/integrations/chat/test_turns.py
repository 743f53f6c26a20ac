"""Messages sent at once to one conversation: each is answered, one after the other, none lost;
only beyond the rate limit a kind 429; a safety message never waits. Real Redis; the gateway and
a stand-in for Rasa's channel over real HTTP where the turns must reach Rasa."""

import asyncio
import json
from collections import Counter
from ipaddress import ip_network
from typing import Any

import httpx
import redis
from fastapi.testclient import TestClient
from redis.asyncio import Redis as AsyncRedis

from integrations.app import create_app
from integrations.cases.store import transcript_key
from integrations.chat.turn_queue import TurnQueue
from integrations.safety.loading import shared_detector
from integrations.settings import Settings
from tests.integrations.chat.servers import RasaStandIn, clear_of_window_edges, served

PHONE = "14 0592"


def own_database(settings: Settings, number: int) -> str:
    """A database of the tests' Redis for one test: its counters start at zero."""
    url = str(settings.redis_url).rsplit("/", 1)[0] + f"/{number}"
    redis.Redis.from_url(url).flushdb()
    return url


def transcript(url: str, session_id: str) -> list[dict[str, Any]]:
    raw: Any = redis.Redis.from_url(url).xrange(transcript_key(session_id))
    return [json.loads(fields[b"entry"]) for _, fields in raw]


def ordinary(i: int) -> str:
    """An ordinary message, none of them a safety signal: a safety message is never rate
    limited (the limit's figures below count ordinary ones). "bericht 37" was read as a
    farewell by the meaning reader after examples such as "dit is mijn laatste bericht"."""
    return f"vraag {i}"


def test_the_messages_sent_at_once_are_ordinary() -> None:
    detector = shared_detector()
    assert [i for i in range(70) if detector.detect(ordinary(i))] == []


async def send_at_once(base_url: str, session_id: str, count: int) -> list[httpx.Response]:
    url = f"{base_url}/api/chat/sessions/{session_id}/messages"
    limits = httpx.Limits(max_connections=count)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        return await asyncio.gather(
            *(client.post(url, json={"text": ordinary(i)}) for i in range(count))
        )


def test_twenty_messages_at_once_are_all_answered_one_after_the_other(
    settings: Settings,
) -> None:
    rasa = RasaStandIn()
    with served(rasa.app) as rasa_url:
        url = own_database(settings, 9)
        gateway = create_app(settings.model_copy(update={"redis_url": url, "rasa_url": rasa_url}))
        with served(gateway) as base:
            session_id = httpx.post(f"{base}/api/chat/sessions").json()["session_id"]
            replies = asyncio.run(send_at_once(base, session_id, 20))
    assert [r.status_code for r in replies] == [200] * 20
    for i, reply in enumerate(replies):
        assert reply.json()["messages"][0]["text"] == f"antwoord op {ordinary(i)}"
    assert rasa.most_at_once == 1  # Rasa never had two turns of this conversation at once
    entries = transcript(url, session_id)
    said = [e["text"] for e in entries if e["sender"] == "resident"]
    assert sorted(said) == sorted(ordinary(i) for i in range(20))
    # Every message is followed by its own answer: the turns did not interleave.
    pairs = [(entries[i]["text"], entries[i + 1]["text"]) for i in range(0, len(entries), 2)]
    assert len(entries) == 40
    assert all(answer == f"antwoord op {message}" for message, answer in pairs)


def test_seventy_messages_at_once_the_limit_answers_429_and_none_is_lost(
    settings: Settings,
) -> None:
    """The audit's case: 70 at once to one conversation (the limit is 30 a minute)."""
    rasa = RasaStandIn()
    with served(rasa.app) as rasa_url:
        url = own_database(settings, 10)
        gateway = create_app(settings.model_copy(update={"redis_url": url, "rasa_url": rasa_url}))
        with served(gateway) as base:
            session_id = httpx.post(f"{base}/api/chat/sessions").json()["session_id"]
            clear_of_window_edges()
            replies = asyncio.run(send_at_once(base, session_id, 70))
    assert Counter(r.status_code for r in replies) == {200: 30, 429: 40}
    refused = next(r for r in replies if r.status_code == 429)
    assert PHONE in refused.json()["messages"][0]["text"]
    assert refused.headers["retry-after"] == "60"
    answered = [r.json()["messages"][0]["text"] for r in replies if r.status_code == 200]
    said = [e["text"] for e in transcript(url, session_id) if e["sender"] == "resident"]
    assert sorted(said) == sorted(a.removeprefix("antwoord op ") for a in answered)
    assert rasa.most_at_once == 1


def test_with_rasa_down_every_message_at_once_gets_the_kind_answer(settings: Settings) -> None:
    url = own_database(settings, 11)
    app = create_app(settings.model_copy(update={"redis_url": url}))

    async def scenario() -> tuple[str, list[httpx.Response]]:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
                session_id = (await client.post("/api/chat/sessions")).json()["session_id"]
                path = f"/api/chat/sessions/{session_id}/messages"
                sent = [client.post(path, json={"text": ordinary(i)}) for i in range(20)]
                return session_id, list(await asyncio.gather(*sent))

    session_id, replies = asyncio.run(scenario())
    # Rasa is down: each message still gets the phone number, none is refused or lost.
    assert {r.status_code for r in replies} == {503}
    assert all(PHONE in r.json()["messages"][0]["text"] for r in replies)
    said = [e["text"] for e in transcript(url, session_id) if e["sender"] == "resident"]
    assert sorted(said) == sorted(ordinary(i) for i in range(20))


def test_a_safety_message_never_waits_behind_a_turn(settings: Settings) -> None:
    url = own_database(settings, 12)
    app = create_app(settings.model_copy(update={"redis_url": url, "chat_turn_wait_seconds": 0.5}))

    async def scenario() -> tuple[httpx.Response, httpx.Response]:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
                session_id = (await client.post("/api/chat/sessions")).json()["session_id"]
                path = f"/api/chat/sessions/{session_id}/messages"
                other = AsyncRedis.from_url(url)
                # Another gateway is busy with a turn of this conversation and stays so.
                async with TurnQueue(other, hold_seconds=60, wait_seconds=1).turn(session_id):
                    ordinary = await client.post(path, json={"text": "hallo"})
                    safety = await client.post(path, json={"text": "mijn man slaat mij"})
                await other.aclose()
                return ordinary, safety

    ordinary, safety = asyncio.run(scenario())
    # The ordinary message waited its turn (here too long: the kind answer, never a trace).
    assert ordinary.status_code == 503 and PHONE in ordinary.json()["detail"]
    # The safety message went straight through to the protocol's answer.
    assert safety.status_code == 200
    assert "0800-2000" in " ".join(m["text"] for m in safety.json()["messages"])


def test_a_vanished_turn_does_not_block_the_conversation(settings: Settings) -> None:
    """A gateway that crashed mid-turn leaves its place in the queue; it lapses."""
    url = own_database(settings, 13)
    app = create_app(settings.model_copy(update={"redis_url": url}))
    with TestClient(app) as client:
        session_id = client.post("/api/chat/sessions").json()["session_id"]
        store = redis.Redis.from_url(url)
        queue = f"chat:turn:{session_id}:queue"
        store.zadd(queue, {"crashed": 0})  # first in line, but its "alive" key is gone
        reply = client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": "hallo"})
        assert reply.status_code == 503 and PHONE in reply.json()["detail"]  # Rasa is down
        assert store.zcard(queue) == 0
        assert not store.keys(f"chat:turn:{session_id}:alive:*")
        assert store.pttl(f"chat:turn:{session_id}:seq") > 0


def test_sessions_per_address_are_bounded_by_burst_and_per_hour(settings: Settings) -> None:
    burst = settings.model_copy(
        update={
            "redis_url": own_database(settings, 14),
            "chat_sessions_burst": 3,
            "chat_sessions_per_second": 0.01,  # one more every 100 seconds
        }
    )
    with TestClient(create_app(burst)) as client:
        codes = [client.post("/api/chat/sessions").status_code for _ in range(4)]
        assert codes == [201, 201, 201, 429]
        refused = client.post("/api/chat/sessions")
        assert refused.status_code == 429 and 90 <= int(refused.headers["retry-after"]) <= 100
        text = refused.json()["messages"][0]["text"]
        assert "nieuwe gesprekken" in text and PHONE in text and "112" in text
    per_hour = settings.model_copy(
        update={"redis_url": own_database(settings, 15), "chat_sessions_per_address_hour": 2}
    )
    clear_of_window_edges()
    with TestClient(create_app(per_hour)) as client:
        codes = [client.post("/api/chat/sessions").status_code for _ in range(3)]
        assert codes == [201, 201, 429]
        assert client.post("/api/chat/sessions").headers["retry-after"] == "3600"


def test_one_conversation_after_the_other_never_meets_the_bounds(settings: Settings) -> None:
    """As a resident, a shared computer or an evaluation tool talks: one conversation after the
    other from one address, each turn taking what a fast Rasa takes, with the shipped limits."""
    shipped = Settings(_env_file=None)
    names = (
        "chat_unused_sessions_per_address",
        "chat_sessions_burst",
        "chat_sessions_per_second",
        "chat_sessions_per_address_hour",
        "chat_messages_burst",
        "chat_messages_per_second",
        "chat_rate_per_session",
    )
    limits = {name: getattr(shipped, name) for name in names}
    rasa = RasaStandIn(turn_seconds=0.03)
    with served(rasa.app) as rasa_url:
        url = own_database(settings, 13)
        gateway = create_app(
            settings.model_copy(update={"redis_url": url, "rasa_url": rasa_url, **limits})
        )
        with served(gateway) as base, httpx.Client(base_url=base) as client:
            for i in range(200):
                made = client.post("/api/chat/sessions")
                assert made.status_code == 201, i
                turns = f"/api/chat/sessions/{made.json()['session_id']}/messages"
                for text in ("ik heb hulp nodig", "ja"):
                    assert client.post(turns, json={"text": text}).status_code == 200, i


def test_a_burst_of_new_sessions_is_cut_short(settings: Settings) -> None:
    """A script that opens hundreds of conversations at once gets few, with the shipped
    limits; the rest a kind 429."""
    url = own_database(settings, 12)
    shipped = Settings(_env_file=None)
    names = ("chat_sessions_burst", "chat_sessions_per_second", "chat_unused_sessions_per_address")
    limits = {name: getattr(shipped, name) for name in names}
    gateway = create_app(settings.model_copy(update={"redis_url": url, **limits}))

    async def at_once(base: str) -> list[int]:
        async with httpx.AsyncClient(
            timeout=60, limits=httpx.Limits(max_connections=100)
        ) as client:
            replies = await asyncio.gather(
                *(client.post(f"{base}/api/chat/sessions") for _ in range(300))
            )
        return [reply.status_code for reply in replies]

    with served(gateway) as base:
        codes = Counter(asyncio.run(at_once(base)))
    assert set(codes) == {201, 429}
    assert codes[201] == shipped.chat_unused_sessions_per_address


def test_the_message_limit_per_address_holds_across_conversations(settings: Settings) -> None:
    limited = settings.model_copy(
        update={
            "redis_url": own_database(settings, 15),
            "chat_messages_burst": 5,
            "chat_messages_per_second": 0.001,
        }
    )
    with TestClient(create_app(limited)) as client:
        sessions = [client.post("/api/chat/sessions").json()["session_id"] for _ in range(2)]
        codes = [
            client.post(f"/api/chat/sessions/{s}/messages", json={"text": "hoi"}).status_code
            for s in sessions * 3
        ]
        # Five messages of the address, whichever conversation; then refused.
        assert codes == [503, 503, 503, 503, 503, 429]


def test_trusted_proxies_is_a_list_of_networks() -> None:
    parsed = Settings(trusted_proxies=["10.0.0.1", "192.168.0.0/16"])  # type: ignore[list-item]
    assert parsed.trusted_proxies == [ip_network("10.0.0.1/32"), ip_network("192.168.0.0/16")]
    assert Settings().trusted_proxies == []
