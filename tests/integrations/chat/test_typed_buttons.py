"""A button's words typed instead of clicked reach Rasa as the button, through the gateway
with a real Redis and Rasa at its HTTP boundary (a recording server)."""

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from integrations.app import create_app
from integrations.settings import Settings
from tests.recorder import Recorder, recording_server

OFFER = [
    {
        "text": "Zal ik de afspraak voor u maken?",
        "buttons": [
            {"title": "Ja, maak de afspraak", "payload": "ja"},
            {"title": "Andere tijd", "payload": "andere tijd"},
        ],
    }
]


@pytest.fixture
def rasa() -> Iterator[Recorder]:
    with recording_server(body=json.dumps(OFFER).encode()) as recorder:
        yield recorder


def heard_by_rasa(rasa: Recorder) -> list[str]:
    bodies = [json.loads(r.body) for r in rasa.requests if r.path.startswith("/webhooks/")]
    return [str(b["message"]) for b in bodies]


def test_typed_button_words_reach_rasa_as_the_button(settings: Settings, rasa: Recorder) -> None:
    """Heard: "Ja, maak de afspraak" typed was read as cancelling, and asked again."""
    with TestClient(create_app(settings.model_copy(update={"rasa_url": rasa.url}))) as client:
        sid = client.post("/api/chat/sessions").json()["session_id"]
        for text in ("ik wil een afspraak", "Ja, maak de afspraak", "dinsdag graag"):
            response = client.post(f"/api/chat/sessions/{sid}/messages", json={"text": text})
            assert response.status_code == 200
        assert heard_by_rasa(rasa) == ["ik wil een afspraak", "ja", "dinsdag graag"]
        # The transcript keeps what the resident typed.
        staff = {"Authorization": f"Bearer {settings.staff_api_token.get_secret_value()}"}
        case = client.get(f"/api/cases/{sid}", headers=staff).json()
        said = [e.get("text") for e in case["transcript"] if e["sender"] == "resident"]
        assert "Ja, maak de afspraak" in said
