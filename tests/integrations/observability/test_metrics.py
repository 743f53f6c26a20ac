"""Prometheus metrics at /metrics, for staff and the stack only."""

from fastapi.testclient import TestClient

from integrations.settings import DEV_INTERNAL_API_TOKEN, DEV_STAFF_API_TOKEN
from tests.integrations.listeners import on_internal


def test_metrics_are_not_public(client: TestClient) -> None:
    assert client.get("/metrics").status_code == 401


def test_turns_errors_routes_and_handoffs_are_counted(client: TestClient) -> None:
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": "hallo"})
    internal = {"Authorization": f"Bearer {DEV_INTERNAL_API_TOKEN}"}
    update = {"route": "veilig_thuis", "handoff": {"reason": "veilig thuis", "urgency": "hoog"}}
    client.patch(on_internal(f"/internal/cases/{session_id}"), json=update, headers=internal)
    body = client.get("/metrics", headers={"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}).text
    assert 'toegang_errors_total{kind="rasa_unavailable"} 1.0' in body
    assert 'toegang_routes_total{route="veilig_thuis"} 1.0' in body
    assert 'toegang_handoffs_total{urgency="hoog"} 1.0' in body
    assert "# TYPE toegang_turn_seconds histogram" in body
    assert session_id not in body
    assert client.get("/metrics", headers=internal).status_code == 200
