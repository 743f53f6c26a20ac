"""Handoffs through the staff API, with a real Redis: queue, take over, write, release, close."""

import pytest
from fastapi.testclient import TestClient

from integrations.settings import DEV_INTERNAL_API_TOKEN, DEV_STAFF_API_TOKEN
from tests.integrations.listeners import on_internal

STAFF = {"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}
INTERNAL = {"Authorization": f"Bearer {DEV_INTERNAL_API_TOKEN}"}

STAFF_ENDPOINTS = [
    ("GET", "/api/cases/x"),
    ("DELETE", "/api/cases/x"),
    ("POST", "/api/cases/x/take"),
    ("POST", "/api/cases/x/messages"),
    ("POST", "/api/cases/x/release"),
    ("POST", "/api/cases/x/close"),
    ("GET", "/api/cases/x/events"),
    ("GET", "/api/handoffs"),
    ("POST", "/api/handoffs/next"),
    ("POST", "/api/handoffs/hoog/1-0/drop"),
    ("GET", "/api/audit"),
    ("GET", "/api/stats"),
    ("GET", "/api/stats/figures"),
    ("GET", "/api/stats.csv"),
    ("GET", "/api/cases"),
    ("GET", "/staff/api/me"),
    ("GET", "/staff/api/beheer/accounts"),
    ("POST", "/staff/api/beheer/accounts/redacteur/unlock"),
    ("GET", "/staff/api/teksten"),
    ("POST", "/staff/api/b1"),
    ("PUT", "/staff/api/teksten/utter_goodbye"),
    ("GET", "/staff/api/teksten/utter_goodbye/history"),
    ("POST", "/staff/api/teksten/utter_goodbye/revert"),
]
STAFF_PAGES = ["/staff/", "/staff/gesprek", "/staff/monitor", "/staff/teksten", "/staff/beheer"]


@pytest.mark.parametrize(("method", "path"), STAFF_ENDPOINTS)
def test_every_staff_endpoint_refuses_without_token_or_session(
    client: TestClient, method: str, path: str
) -> None:
    assert client.request(method, path, json={}).status_code == 401


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_every_staff_page_sends_to_the_login(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/staff/login")


def chat(client: TestClient) -> str:
    session_id: str = client.post("/api/chat/sessions").json()["session_id"]
    return session_id


def ask_for_person(client: TestClient, session_id: str, urgency: str = "normaal") -> None:
    update = {
        "route": "medewerker",
        "handoff": {"reason": "vraagt om een medewerker", "urgency": urgency},
    }
    assert (
        client.patch(
            on_internal(f"/internal/cases/{session_id}"), json=update, headers=INTERNAL
        ).status_code
        == 200
    )


def test_a_handoff_is_queued_once_and_most_urgent_first(client: TestClient) -> None:
    calm, urgent = chat(client), chat(client)
    ask_for_person(client, calm)
    ask_for_person(client, calm)  # the same request again: still one entry
    ask_for_person(client, urgent, urgency="acuut")
    queue = client.get("/api/handoffs", headers=STAFF).json()
    mine = [row for row in queue if row["session_id"] in (calm, urgent)]
    assert [row["session_id"] for row in mine] == [urgent, calm]
    assert mine[0]["urgency"] == "acuut" and mine[0]["route"] == "medewerker"


def test_take_over_write_release_and_close(client: TestClient) -> None:
    session_id = chat(client)
    ask_for_person(client, session_id)

    client.post(
        f"/api/cases/{session_id}/messages",
        json={"text": "Goedemiddag, u spreekt met Anna."},
        headers=STAFF,
    )
    case = client.get(f"/api/cases/{session_id}", headers=STAFF).json()
    assert (case["mode"], case["taken_by"]) == ("staff", "api")
    assert session_id not in [
        row["session_id"] for row in client.get("/api/handoffs", headers=STAFF).json()
    ]
    senders = [(e["sender"], e.get("live")) for e in case["transcript"]]
    assert ("staff", True) in senders

    # While staff talk, the bot stays quiet (Rasa is down in these tests: no error either).
    reply = client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": "dank u"})
    assert (reply.status_code, reply.json()["messages"]) == (200, [])

    released = client.post(f"/api/cases/{session_id}/release", headers=STAFF).json()
    assert released["mode"] == "bot"
    closed = client.post(
        f"/api/cases/{session_id}/close", json={"outcome": "informatie gegeven"}, headers=STAFF
    )
    assert closed.json()["outcome"] == "informatie gegeven"
    assert (
        client.post(
            f"/api/cases/{session_id}/close", json={"outcome": "iets"}, headers=STAFF
        ).status_code
        == 422
    )

    actions = [
        e["action"]
        for e in client.get("/api/audit", headers=STAFF).json()
        if e["session_id"] == session_id
    ]
    # Every action on the case, oldest first: taking, writing, opening, giving back, closing.
    assert actions[::-1] == [
        "overgenomen",
        "schreef",
        "geopend",
        "teruggegeven aan de wachtrij",
        "afgesloten: informatie gegeven",
    ]
    today = client.get("/api/stats?days=1", headers=STAFF).json()[0]
    assert today["route"]["medewerker"] >= 1 and today["outcome"]["informatie gegeven"] >= 1


def read_events(client: TestClient, url: str, headers: dict[str, str], until: str) -> list[str]:
    lines: list[str] = []
    with client.stream("GET", url, headers=headers) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        for line in stream.iter_lines():
            lines.append(line)
            if until in line or len(lines) > 50:
                break
    return lines


def test_the_resident_hears_the_staff_member_live(client: TestClient) -> None:
    session_id = chat(client)
    events = f"/api/chat/sessions/{session_id}/events"
    # Connecting tells the browser where the stream is now ...
    ready = read_events(client, events, {}, until="event: ready")
    position = next(line.removeprefix("id: ") for line in ready if line.startswith("id: "))
    # ... so a message written while it is away is not lost when it reconnects.
    sent = client.post(
        f"/api/cases/{session_id}/messages", json={"text": "Hallo, ik ben Anna."}, headers=STAFF
    )
    assert sent.status_code == 200
    lines = read_events(client, events, {"Last-Event-ID": position}, until="Anna")
    assert any("Hallo, ik ben Anna." in line for line in lines)
    assert client.get("/api/chat/sessions/unknown/events").status_code == 404


def test_erasing_a_conversation_removes_everything(client: TestClient) -> None:
    session_id = chat(client)
    ask_for_person(client, session_id)
    client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": "ik heb hulp nodig"})
    assert client.delete(f"/api/cases/{session_id}", headers=STAFF).json() == {"erased": True}
    assert client.get(f"/api/cases/{session_id}", headers=STAFF).status_code == 404
    queue = client.get("/api/handoffs", headers=STAFF).json()
    assert session_id not in [row["session_id"] for row in queue]
    gone = client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": "hallo"})
    assert gone.status_code == 404
    assert client.delete(f"/api/cases/{session_id}", headers=STAFF).status_code == 404
