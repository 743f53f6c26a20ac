"""Log lines carry a reference to the conversation, never the conversation id itself."""

import json

import pytest
from fastapi.testclient import TestClient

from integrations.logging_setup import conversation_ref


def test_a_log_line_names_the_conversation_by_reference(
    client: TestClient, capfd: pytest.CaptureFixture[str]
) -> None:
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": "hallo"})  # Rasa down
    out = capfd.readouterr().out
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    failed = [line for line in lines if line.get("event") == "chat.rasa_unavailable"]
    assert failed and failed[-1]["conversation"] == conversation_ref(session_id)
    assert session_id not in out
