"""What belongs to a case goes with it, on a real Redis through the real app: callback
requests, queue entries, holds and live messages, when the case is erased or expires."""

import secrets
from typing import Any

import redis
from fastapi.testclient import TestClient

from integrations.cases.keys import case_key, handoff_open_key, transcript_key
from integrations.cases.record import CaseUpdate, Handoff
from integrations.settings import DEV_INTERNAL_API_TOKEN, DEV_STAFF_API_TOKEN, Settings
from tests.integrations.listeners import on_internal

STAFF = {"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}
INTERNAL = {"Authorization": f"Bearer {DEV_INTERNAL_API_TOKEN}"}
# Keys that name a conversation but hold nothing of it, and end by themselves within minutes
# (owned elsewhere): the chat API's rate counters and its turn queue.
SHORT_COUNTERS = ("ratelimit:", "chat:turn:")


def values_of(r: redis.Redis, key: bytes) -> list[bytes]:
    """Everything a key holds, whatever its type."""
    kind_raw: Any = r.type(key)
    kind = kind_raw.decode()
    raw: Any = []
    if kind == "string":
        raw = [r.get(key)]
    elif kind == "hash":
        raw = [b for pair in r.hgetall(key).items() for b in pair]
    elif kind == "list":
        raw = r.lrange(key, 0, -1)
    elif kind == "set":
        raw = r.smembers(key)
    elif kind == "zset":
        raw = r.zrange(key, 0, -1)
    elif kind == "stream":
        entries: Any = r.xrange(key)
        raw = [b for _, fields in entries for pair in fields.items() for b in pair]
    return [bytes(value) for value in raw if value is not None]


def keys_holding(r: redis.Redis, needle: str) -> list[str]:
    """Every key whose name or content holds `needle`."""
    found = []
    for key in r.scan_iter(count=1000):
        blob = b" ".join([key, *values_of(r, key)])
        if needle.encode() in blob:
            found.append(key.decode())
    return sorted(found)


def a_number() -> str:
    """A mobile number no other test (or earlier run on the same Redis) uses."""
    return "06" + str(secrets.randbelow(10**8)).zfill(8)


def chat_with_callback(client: TestClient, number: str) -> str:
    """A chat whose resident asked to be called back on `number`."""
    session_id: str = client.post("/api/chat/sessions").json()["session_id"]
    client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": f"bel mij op {number}"})
    update = {
        "route": "buurtteam",
        "intake": {"phone_number": number},
        "handoff": {"reason": "afspraak buurtteam: terugbellen", "urgency": "normaal"},
    }
    patched = client.patch(
        on_internal(f"/internal/cases/{session_id}"), json=update, headers=INTERNAL
    )
    assert patched.status_code == 200
    return session_id


def queued(client: TestClient) -> list[str]:
    return [row["session_id"] for row in client.get("/api/handoffs", headers=STAFF).json()]


def test_every_key_of_a_case_expires_no_later_than_the_conversation(
    client: TestClient, settings: Settings
) -> None:
    number = a_number()
    session_id = chat_with_callback(client, number)
    r = redis.Redis.from_url(settings.effective_redis_url)
    keys = keys_holding(r, number) + keys_holding(r, session_id)
    assert case_key(session_id) in keys and handoff_open_key(session_id) in keys
    for key in set(keys):
        if key.startswith("handoffs:") or key == "audit":
            continue  # shared streams: their entries go with the case (tests below)
        assert 0 < r.ttl(key) <= settings.conversation_ttl_seconds, key


def test_erasing_a_case_removes_its_callback_everywhere(
    client: TestClient, settings: Settings
) -> None:
    number = a_number()
    session_id = chat_with_callback(client, number)
    r = redis.Redis.from_url(settings.effective_redis_url)
    state: Any = client.app.state  # type: ignore[attr-defined]
    team = next(iter(state.agenda.registry.teams))
    slot = f"{team}.2030-01-07T10:00"
    assert client.portal.call(state.holds.take, slot, session_id)  # type: ignore[union-attr]
    assert session_id in queued(client)
    assert keys_holding(r, number)  # the number is there before

    assert client.delete(f"/api/cases/{session_id}", headers=STAFF).json() == {"erased": True}

    assert session_id not in queued(client)
    assert keys_holding(r, number) == []
    left = [k for k in keys_holding(r, session_id) if not k.startswith(SHORT_COUNTERS)]
    assert left == ["audit"]  # only the record that staff erased it
    assert not r.exists(f"agenda:hold:{slot}")


def test_erasing_a_phone_call_removes_the_callers_number(
    client: TestClient, settings: Settings
) -> None:
    call_sid = "CA" + secrets.token_hex(16)
    caller = "+316" + str(secrets.randbelow(10**8)).zfill(8)
    state: Any = client.app.state  # type: ignore[attr-defined]
    portal: Any = client.portal
    # What the line does when a transfer is not answered: a callback request on the call.
    portal.call(state.calls.start, call_sid, caller)
    portal.call(state.cases.create, call_sid, "phone")
    update = CaseUpdate(
        intake={"phone_number": caller},
        handoff=Handoff(reason="terugbelverzoek telefoon", urgency="hoog"),
    )
    portal.call(state.cases.update, call_sid, update)
    portal.call(
        state.queue.enqueue, call_sid, "hoog", "terugbelverzoek telefoon", "terugbelverzoek"
    )
    rows = client.get("/api/handoffs", headers=STAFF).json()
    assert [row["kind"] for row in rows if row["session_id"] == call_sid] == ["terugbelverzoek"]
    r = redis.Redis.from_url(settings.effective_redis_url)

    assert client.delete(f"/api/cases/{call_sid}", headers=STAFF).status_code == 200

    assert call_sid not in queued(client)
    assert keys_holding(r, caller) == []


def test_an_expired_case_leaves_the_queue(client: TestClient, settings: Settings) -> None:
    session_id = chat_with_callback(client, a_number())
    other = chat_with_callback(client, a_number())
    r = redis.Redis.from_url(settings.effective_redis_url)
    r.delete(case_key(session_id), transcript_key(session_id))  # as when the case expires

    assert session_id not in queued(client)
    assert other in queued(client)
    # Removed, not only hidden: no entry in the line names the conversation any more.
    assert [k for k in keys_holding(r, session_id) if k.startswith("handoffs:")] == []
    assert not r.exists(handoff_open_key(session_id))
    # Nor can staff be handed it.
    delivered = []
    while (answer := client.post("/api/handoffs/next", headers=STAFF)).status_code == 200:
        delivered.append(answer.json()["session_id"])
    assert session_id not in delivered and other in delivered
