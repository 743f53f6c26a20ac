"""Rate limits on the chat API: a kind answer with the phone numbers, never a dead end."""

import redis
from fastapi.testclient import TestClient

from integrations.app import create_app
from integrations.settings import Settings
from tests.integrations.chat.servers import clear_of_window_edges


def own_database(settings: Settings, number: int) -> str:
    """A database of the tests' Redis for one test: its counters start at zero."""
    url = str(settings.redis_url).rsplit("/", 1)[0] + f"/{number}"
    redis.Redis.from_url(url).flushdb()
    return url


def test_too_many_messages_get_a_kind_429(settings: Settings) -> None:
    limited = settings.model_copy(
        update={"chat_rate_per_session": 3, "redis_url": own_database(settings, 7)}
    )
    clear_of_window_edges()
    with TestClient(create_app(limited)) as client:
        session_id = client.post("/api/chat/sessions").json()["session_id"]
        url = f"/api/chat/sessions/{session_id}/messages"
        statuses = [client.post(url, json={"text": "hallo"}).status_code for _ in range(4)]
        assert statuses == [503, 503, 503, 429]  # Rasa is down in these tests: 503 first
        refused = client.post(url, json={"text": "hallo"})
        assert refused.headers["retry-after"] == "60"
        text = refused.json()["messages"][0]["text"]
        assert "14 0592" in text and "112" in text
        # Another conversation is not held back.
        other = client.post("/api/chat/sessions").json()["session_id"]
        status = client.post(f"/api/chat/sessions/{other}/messages", json={"text": "hallo"})
        assert status.status_code == 503


def test_one_address_cannot_open_endless_conversations(settings: Settings) -> None:
    limited = settings.model_copy(
        update={
            "chat_sessions_burst": 2,
            "chat_sessions_per_second": 0.001,
            "redis_url": own_database(settings, 8),
        }
    )
    with TestClient(create_app(limited)) as client:
        codes = [client.post("/api/chat/sessions").status_code for _ in range(3)]
        assert codes == [201, 201, 429]
