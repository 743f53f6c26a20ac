"""Waiting for a person in the chat (integrations/handoff/waiting.py), through the gateway
with a real Redis and a Rasa at its HTTP boundary that does not understand the message."""

import json
from collections.abc import Iterator
from functools import partial

import pytest
from fastapi.testclient import TestClient

from integrations.app import create_app
from integrations.cases.changes import apply_case_update
from integrations.cases.record import CaseUpdate, Handoff
from integrations.settings import Settings
from tests.office_hours import ALWAYS_OPEN, NEVER_OPEN
from tests.recorder import Recorder, recording_server

NOT_UNDERSTOOD = "Sorry, dat begreep ik niet goed. Gaat uw vraag over een van deze dingen?"
WAITING = (
    "Een medewerker komt zo bij u in dit gesprek. Uw bericht is bewaard. "
    "Bij gevaar belt u meteen 112."
)


@pytest.fixture
def rasa() -> Iterator[Recorder]:
    body = [{"text": NOT_UNDERSTOOD, "buttons": [{"title": "Geldzorgen", "payload": "/m"}]}]
    with recording_server(body=json.dumps(body).encode()) as recorder:
        yield recorder


def chat_line(settings: Settings, rasa: Recorder, hours: dict[str, object]) -> TestClient:
    return TestClient(create_app(settings.model_copy(update={"rasa_url": rasa.url, **hours})))


def hand_over(client: TestClient, session_id: str, route: str = "medewerker") -> None:
    """What the action server does when the resident asks for a person."""
    update = CaseUpdate(
        route=route,  # type: ignore[arg-type]
        handoff=Handoff(reason="vraagt om een medewerker", urgency="normaal"),
    )
    assert client.portal is not None
    client.portal.call(partial(apply_case_update, client.app.state, session_id, update))  # type: ignore[attr-defined]


def says(client: TestClient, session_id: str, text: str) -> list[str]:
    response = client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    return [m["text"] for m in response.json()["messages"]]


def test_writing_on_while_waiting_for_a_person_is_not_met_with_sorry(
    settings: Settings, rasa: Recorder
) -> None:
    """Held as a resident: after "Ik vraag een medewerker om u te helpen", "hallo?" and "is
    daar iemand" each got "Sorry, dat begreep ik niet goed" and the topic buttons."""
    with chat_line(settings, rasa, ALWAYS_OPEN) as client:
        sid = client.post("/api/chat/sessions").json()["session_id"]
        assert says(client, sid, "hallo?") == [NOT_UNDERSTOOD]  # no person asked for yet
        hand_over(client, sid)
        assert says(client, sid, "is daar iemand") == [WAITING]
        # Kept for the staff member, who reads the transcript.
        store = client.app.state.cases  # type: ignore[attr-defined]
        assert client.portal is not None
        transcript = client.portal.call(partial(store.transcript, sid))
        assert "is daar iemand" in [entry.get("text") for entry in transcript]
        # Once a staff member has taken it from the queue, nothing is waiting any more.
        client.portal.call(partial(client.app.state.queue.take, sid))  # type: ignore[attr-defined]
        assert says(client, sid, "hallo?") == [NOT_UNDERSTOOD]


@pytest.mark.parametrize(
    ("hours", "route"), [(NEVER_OPEN, "medewerker"), (ALWAYS_OPEN, "veilig_thuis")]
)
def test_out_of_hours_or_about_safety_the_answer_is_not_changed(
    settings: Settings, rasa: Recorder, hours: dict[str, object], route: str
) -> None:
    with chat_line(settings, rasa, hours) as client:
        sid = client.post("/api/chat/sessions").json()["session_id"]
        says(client, sid, "hallo")
        hand_over(client, sid, route)
        assert WAITING not in says(client, sid, "is daar iemand")
