"""What Rasa hears with a chat message about the safety reader: `safety_read_clear` when the
reader read this very text and found nothing, so an unsure crisis intent of the classifier
gives way (bot/components/safety_signal.py); never for a button."""

import json

from fastapi.testclient import TestClient

from integrations.phone.router import phone_metadata
from tests.recorder import Recorder


def metadata_sent(rasa: Recorder, session_id: str) -> list[dict[str, object]]:
    bodies = [json.loads(r.body) for r in rasa.requests if r.path.startswith("/webhooks/")]
    return [b["metadata"] for b in bodies if b["sender"] == session_id]


def test_an_ordinary_message_is_marked_read_and_clear_a_button_is_not(
    chat: TestClient, rasa: Recorder
) -> None:
    sid = chat.post("/api/chat/sessions").json()["session_id"]
    for body in ({"text": "nee wacht het is voor mijn zus"}, {"payload": "/affirm"}):
        response = chat.post(f"/api/chat/sessions/{sid}/messages", json=body)
        assert response.status_code == 200, response.text
    typed, button = metadata_sent(rasa, sid)
    assert typed.get("safety_read_clear") is True
    assert "safety_read_clear" not in button


def test_a_spoken_turn_is_marked_only_when_the_reader_read_it_clear() -> None:
    assert phone_metadata("nl", safety_checked=False, read_clear=True)["safety_read_clear"]
    assert "safety_read_clear" not in phone_metadata("nl", safety_checked=True)
