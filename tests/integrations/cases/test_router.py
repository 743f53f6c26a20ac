"""The staff case API and the internal API the actions use, with a real Redis."""

from fastapi.testclient import TestClient

from integrations.settings import DEV_INTERNAL_API_TOKEN, DEV_STAFF_API_TOKEN
from tests.integrations.listeners import on_internal

STAFF = {"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}
INTERNAL = {"Authorization": f"Bearer {DEV_INTERNAL_API_TOKEN}"}


def new_session(client: TestClient) -> str:
    session_id: str = client.post("/api/chat/sessions").json()["session_id"]
    return session_id


def test_cases_refuse_without_the_staff_token(client: TestClient) -> None:
    session_id = new_session(client)
    assert client.get(f"/api/cases/{session_id}").status_code == 401
    wrong = {"Authorization": "Bearer guess"}
    assert client.get(f"/api/cases/{session_id}", headers=wrong).status_code == 401
    assert client.get(f"/api/cases/{session_id}", headers=INTERNAL).status_code == 401


def test_a_new_chat_has_a_case_without_a_route(client: TestClient) -> None:
    session_id = new_session(client)
    case = client.get(f"/api/cases/{session_id}", headers=STAFF).json()
    assert case["session_id"] == session_id
    assert case["channel"] == "chat"
    assert case["route"] is None
    assert case["urgency"] == "normaal"
    assert case["wijk"] is None and case["buurtteam"] is None
    assert case["appointment"] is None and case["handoff"] is None
    assert case["transcript"] == []
    assert "- Route: nog geen route." in case["summary"]


def test_unknown_case_is_404(client: TestClient) -> None:
    assert client.get("/api/cases/nope", headers=STAFF).status_code == 404


def test_the_actions_update_the_case_with_the_internal_token(client: TestClient) -> None:
    session_id = new_session(client)
    url = on_internal(f"/internal/cases/{session_id}")
    update = {
        "route": "veilig_thuis",
        "urgency": "hoog",
        "handoff": {"reason": "veilig_thuis", "urgency": "hoog"},
    }
    assert client.patch(url, json=update).status_code == 401
    assert client.patch(url, json=update, headers=STAFF).status_code == 401
    assert client.patch(url, json=update, headers=INTERNAL).status_code == 200
    # A later, lesser route does not replace Veilig Thuis.
    client.patch(url, json={"route": "informatie"}, headers=INTERNAL)
    case = client.get(f"/api/cases/{session_id}", headers=STAFF).json()
    assert case["route"] == "veilig_thuis"
    assert case["handoff"]["urgency"] == "hoog"
    assert client.patch(url, json={"route": "nonsense"}, headers=INTERNAL).status_code == 422


def test_the_transcript_keeps_what_the_resident_said(client: TestClient) -> None:
    session_id = new_session(client)
    # Rasa is down in these tests: the resident's words are kept all the same.
    client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": "ik heb hulp nodig"})
    case = client.get(f"/api/cases/{session_id}", headers=STAFF).json()
    assert [(e["sender"], e["text"]) for e in case["transcript"]] == [
        ("resident", "ik heb hulp nodig")
    ]
