"""Live-message streams over real HTTP: bounded per conversation and per address, slots that
lapse when a gateway crashed, and turns that still answer while many streams are open."""

import asyncio
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from typing import Any

import httpx
import pytest
import redis

import integrations.redis_client
from integrations.app import create_app
from integrations.chat.event_streams import CLIENT_NAME
from integrations.settings import Settings
from tests.integrations.chat.servers import RasaStandIn, served

PHONE = "14 0592"
CALL_SID = "CA" + "0123456789abcdef" * 2


def own_database(settings: Settings, number: int) -> str:
    url = str(settings.redis_url).rsplit("/", 1)[0] + f"/{number}"
    redis.Redis.from_url(url).flushdb()
    return url


def wait_until(check: Callable[[], bool], what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def events_url(base: str, session_id: str) -> str:
    return f"{base}/api/chat/sessions/{session_id}/events"


async def open_streams(
    stack: AsyncExitStack, client: httpx.AsyncClient, urls: list[str]
) -> list[httpx.Response]:
    return [await stack.enter_async_context(client.stream("GET", url)) for url in urls]


def new_sessions(base: str, count: int) -> list[str]:
    return [httpx.post(f"{base}/api/chat/sessions").json()["session_id"] for _ in range(count)]


def test_streams_per_conversation_are_bounded_and_given_back(settings: Settings) -> None:
    url = own_database(settings, 9)
    app = create_app(settings.model_copy(update={"redis_url": url}))
    store = redis.Redis.from_url(url)
    with served(app) as base:
        (session_id,) = new_sessions(base, 1)
        slots = f"chat:streams:session:{session_id}"

        async def scenario() -> None:
            async with httpx.AsyncClient(timeout=20) as client:
                async with AsyncExitStack() as stack:
                    first, second = await open_streams(
                        stack, client, [events_url(base, session_id)] * 2
                    )
                    assert (first.status_code, second.status_code) == (200, 200)
                    third = await client.get(events_url(base, session_id))
                    assert third.status_code == 429
                    text = third.json()["messages"][0]["text"]
                    assert "ander venster" in text and PHONE in text
                    assert 0 < store.pttl(slots) <= 30_000  # a crashed stream's slot lapses
                # Both streams closed: their slots are given back.
                await asyncio.to_thread(wait_until, lambda: store.zcard(slots) == 0, "slots back")
                async with client.stream("GET", events_url(base, session_id)) as again:
                    assert again.status_code == 200

        asyncio.run(scenario())


def test_streams_per_address_are_bounded(settings: Settings) -> None:
    url = own_database(settings, 10)
    bounded = settings.model_copy(update={"redis_url": url, "chat_streams_per_address": 3})
    with served(create_app(bounded)) as base:
        sessions = new_sessions(base, 4)

        async def scenario() -> None:
            async with httpx.AsyncClient(timeout=20) as client, AsyncExitStack() as stack:
                opened = await open_streams(
                    stack, client, [events_url(base, s) for s in sessions[:3]]
                )
                assert [r.status_code for r in opened] == [200, 200, 200]
                refused = await client.get(events_url(base, sessions[3]))
                assert refused.status_code == 429
                assert PHONE in refused.json()["detail"]

        asyncio.run(scenario())


def test_slots_of_a_crashed_gateway_lapse(settings: Settings) -> None:
    url = own_database(settings, 11)
    store = redis.Redis.from_url(url)
    with served(create_app(settings.model_copy(update={"redis_url": url}))) as base:
        (session_id,) = new_sessions(base, 1)
        lapsed = int(time.time() * 1000) - 1
        # Two streams of a gateway that died: their slots are past their time.
        store.zadd(f"chat:streams:session:{session_id}", {"dead-1": lapsed, "dead-2": lapsed})
        with httpx.stream("GET", events_url(base, session_id), timeout=20) as stream:
            assert stream.status_code == 200
        # While a live one still counts.
        store.zadd(
            f"chat:streams:session:{session_id}", {"a": lapsed + 60_000, "b": lapsed + 60_000}
        )
        assert httpx.get(events_url(base, session_id), timeout=20).status_code == 429


def test_turns_answer_while_many_streams_are_open(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streams wait in Redis nearly all the time; if they shared the turns' pool, a small pool
    would be taken by them and the turns would wait and fail."""
    monkeypatch.setattr(integrations.redis_client, "MAX_CONNECTIONS", 4)
    url = own_database(settings, 12)
    store = redis.Redis.from_url(url)
    rasa = RasaStandIn()
    with served(rasa.app) as rasa_url:
        wide = {"redis_url": url, "rasa_url": rasa_url, "chat_streams_per_address": 100}
        app = create_app(settings.model_copy(update=wide))
        with served(app) as base:
            sessions = new_sessions(base, 20)

            def blocked_readers() -> list[dict[str, str]]:
                return [c for c in store.client_list() if c.get("cmd") == "xread"]

            async def scenario() -> list[int]:
                limits = httpx.Limits(max_connections=100)
                client = httpx.AsyncClient(timeout=20, limits=limits)
                async with client, AsyncExitStack() as stack:
                    urls = [events_url(base, s) for s in sessions for _ in range(2)]
                    opened = await open_streams(stack, client, urls)
                    assert {r.status_code for r in opened} == {200}
                    await asyncio.to_thread(
                        wait_until, lambda: len(blocked_readers()) == 40, "40 readers"
                    )
                    # Every waiting read is on the streams' own client.
                    assert {c["name"] for c in blocked_readers()} == {CLIENT_NAME}
                    path = f"{base}/api/chat/sessions/{sessions[0]}/messages"
                    turns = [await client.post(path, json={"text": f"nog {i}"}) for i in range(5)]
                    for i, turn in enumerate(turns):
                        assert turn.json()["messages"][0]["text"] == f"antwoord op nog {i}"
                    return [turn.status_code for turn in turns]

            assert asyncio.run(scenario()) == [200] * 5


def test_a_call_id_is_not_a_chat_session(settings: Settings) -> None:
    """A phone call's CallSid, or any id the chat API did not issue, is an unknown session on
    the chat API, for messages and for live events."""
    from twilio.request_validator import RequestValidator

    url = own_database(settings, 13)
    store = redis.Redis.from_url(url)
    with served(create_app(settings.model_copy(update={"redis_url": url}))) as base:
        call = {"CallSid": CALL_SID, "From": "+31612345678", "To": "+31592140592"}
        validator = RequestValidator(settings.twilio_auth_token.get_secret_value())
        signature = validator.compute_signature(
            settings.public_base_url.rstrip("/") + "/twilio/voice", call
        )
        answered = httpx.post(
            f"{base}/twilio/voice", data=call, headers={"X-Twilio-Signature": signature}
        )
        assert answered.status_code == 200
        assert store.hget(f"chat:session:{CALL_SID}", "channel") == b"phone"  # the call is live
        # A chat-shaped id that is not a chat session (here: stored as a call) neither works.
        shaped = "x" * 32
        store.hset(f"chat:session:{shaped}", mapping={"channel": "phone"})
        unknown = "Dit gesprek is gestopt of bestaat niet. Begin een nieuw gesprek."
        for session_id in (CALL_SID, shaped, "y" * 32, "kort"):
            reply = httpx.post(
                f"{base}/api/chat/sessions/{session_id}/messages", json={"text": "ja"}
            )
            assert (reply.status_code, reply.json()) == (404, {"detail": unknown}), session_id
            events = httpx.get(events_url(base, session_id), timeout=20)
            assert (events.status_code, events.json()) == (404, {"detail": unknown}), session_id
        # Nothing of the call was written through the chat API.
        entries: Any = store.xrange(f"case:{CALL_SID}:transcript")
        assert not any(b'"ja"' in fields[b"entry"] for _, fields in entries)
