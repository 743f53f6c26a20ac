"""The chat API with a real Redis; Rasa is down in these tests (tests/e2e has it up)."""

import redis
from fastapi.testclient import TestClient

from integrations.app import create_app
from integrations.settings import Settings

PHONE = "14 0592"


def new_session(client: TestClient) -> str:
    response = client.post("/api/chat/sessions")
    assert response.status_code == 201
    session_id: str = response.json()["session_id"]
    return session_id


def send(client: TestClient, session_id: str, body: object) -> tuple[int, dict[str, object]]:
    response = client.post(f"/api/chat/sessions/{session_id}/messages", json=body)
    return response.status_code, response.json()


def test_sessions_are_unguessable_and_expire(client: TestClient, settings: Settings) -> None:
    ids = {new_session(client) for _ in range(20)}
    assert len(ids) == 20
    assert all(len(session_id) >= 32 for session_id in ids)
    ttl = redis.Redis.from_url(settings.effective_redis_url).ttl(f"chat:session:{ids.pop()}")
    assert 0 < ttl <= settings.conversation_ttl_seconds


def test_unknown_session_is_404_with_a_clear_message(client: TestClient) -> None:
    status, body = send(client, "does-not-exist", {"text": "hallo"})
    assert status == 404
    assert body == {"detail": "Dit gesprek is gestopt of bestaat niet. Begin een nieuw gesprek."}


def test_empty_text_is_422_with_a_clear_message(client: TestClient) -> None:
    session_id = new_session(client)
    for body in ({"text": ""}, {"text": "   \n\t "}, {}, {"text": "\x00\x01"}, {"text": "///"}):
        status, reply = send(client, session_id, body)
        assert status == 422, body
        assert reply == {"detail": "Uw bericht is leeg. Typ eerst uw vraag."}


def test_over_long_text_is_422_with_a_clear_message(client: TestClient) -> None:
    session_id = new_session(client)
    status, reply = send(client, session_id, {"text": "a" * 2001})
    assert status == 422
    assert reply == {"detail": "Uw bericht is te lang. Schrijf uw vraag in een paar zinnen."}


def test_a_huge_body_is_refused_before_it_is_read(client: TestClient) -> None:
    session_id = new_session(client)
    status, reply = send(client, session_id, {"text": "x" * 200_000})
    assert status == 413
    assert reply == {"detail": "Uw bericht is te lang. Schrijf uw vraag in een paar zinnen."}


def test_text_and_button_together_is_refused(client: TestClient) -> None:
    session_id = new_session(client)
    status, reply = send(client, session_id, {"text": "ja", "payload": "/affirm"})
    assert status == 422
    assert "knop" in str(reply["detail"])


def test_malformed_and_binary_bodies_get_a_kind_422(client: TestClient) -> None:
    session_id = new_session(client)
    url = f"/api/chat/sessions/{session_id}/messages"
    unreadable = {"detail": "Ik kan uw bericht niet lezen. Typ uw vraag in gewone woorden."}
    for content in (b"{not json", b"[1, 2, 3]", b'{"text": 42}'):
        response = client.post(url, content=content, headers={"content-type": "application/json"})
        assert response.status_code == 422, content
        assert response.json() == unreadable
    # Bytes that are not text at all: a bad request, explained the same way.
    response = client.post(
        url, content=b"\xff\xfe\x00binary", headers={"content-type": "application/json"}
    )
    assert (response.status_code, response.json()) == (400, unreadable)
    status, _reply = send(client, session_id, {"payload": "/not a payload"})
    assert status == 422


def test_rasa_down_gives_the_phone_number_not_a_500(client: TestClient) -> None:
    session_id = new_session(client)
    status, reply = send(client, session_id, {"text": "ik heb hulp nodig"})
    assert status == 503
    messages = reply["messages"]
    assert isinstance(messages, list) and len(messages) == 1
    assert PHONE in messages[0]["text"]
    assert messages[0]["text"].startswith("Sorry, er gaat nu iets mis")


def test_redis_down_gives_the_phone_number_not_a_500(
    settings: Settings, closed_port_url: str
) -> None:
    down = settings.model_copy(update={"redis_url": closed_port_url.replace("http", "redis")})
    with TestClient(create_app(down)) as client:
        response = client.post("/api/chat/sessions")
        assert response.status_code == 503
        assert PHONE in response.json()["messages"][0]["text"]
        status, reply = send(client, "a" * 32, {"text": "hallo"})  # shaped like a chat id
        assert status == 503
        assert PHONE in str(reply["messages"])


def test_the_chat_page_is_served_with_the_phone_number_and_a_strict_policy(
    client: TestClient,
) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="nl">' in response.text
    assert f'<a href="tel:140592">{PHONE}</a>' in response.text
    assert "{contact_phone" not in response.text
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert client.get("/webchat/chat.js").status_code == 200
    assert "frame-ancestors 'self';" in policy  # no other site may frame the chat by default
    assert 'data-exit-url="https://www.google.nl/"' in response.text


def test_the_widget_sites_may_frame_the_chat_page_only(settings: Settings) -> None:
    configured = settings.model_copy(update={"widget_origins": ["https://www.assen.nl"]})
    with TestClient(create_app(configured)) as client:
        page = client.get("/").headers["content-security-policy"]
        assert "frame-ancestors 'self' https://www.assen.nl;" in page
        api = client.get("/healthz").headers["content-security-policy"]
        assert "frame-ancestors 'none'" in api
        assert client.get("/webchat/widget.js").status_code == 200


def test_a_number_and_a_safe_time_in_a_safety_case_are_passed_on_not_misunderstood(
    client: TestClient,
) -> None:
    """Staff audit 2026-12-02, defect 1: after a disclosure, "bel mij alleen overdag op ...,
    dan is hij op zijn werk" got "Sorry, dat begreep ik niet goed" and topic buttons. The
    gateway says it passes them on (Rasa is down here: it is not asked)."""
    session_id = new_session(client)
    status, _ = send(client, session_id, {"text": "mijn man slaat mij"})
    assert status == 200
    said = "bel mij alleen overdag op 0611122233, dan is hij op zijn werk"
    status, reply = send(client, session_id, {"text": said})
    assert status == 200
    assert [m["text"] for m in reply["messages"]] == [  # type: ignore[attr-defined]
        "Dank u. Ik geef uw nummer 06 1112 2233 door aan de medewerker.",
        "Ik geef door wanneer bellen veilig is.",
    ]
    case = client.app.state.cases  # type: ignore[attr-defined]
    kept = client.portal.call(case.get, session_id)  # type: ignore[union-attr]
    assert kept.contact.phones[0].number == "0611122233"
    assert kept.contact.safe_words == ["bel mij alleen overdag", "dan is hij op zijn werk"]
    # A message that says more than contact, or a case not about safety: Rasa answers.
    status, _ = send(client, session_id, {"text": "0611122233 en mijn dochter is ook bang"})
    assert status == 503
    other = new_session(client)
    status, _ = send(client, other, {"text": "bel mij op 0611122233"})
    assert status == 503
