"""Feedback with a real Redis: asked once after the goodbye, never in a safety conversation,
answered through the chat API, counted for the figures page, erased with the conversation."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient

from integrations.cases.record import CaseUpdate, SafetySignal
from integrations.settings import DEV_STAFF_API_TOKEN

STAFF = {"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}


def goodbye(client: TestClient) -> str:
    """The goodbye as the assistant says it now (another test may have changed its words)."""
    phrasing = client.app.state.phrasing  # type: ignore[attr-defined]
    text: str = client.portal.call(phrasing.text, "utter_goodbye")  # type: ignore[union-attr]
    return text


def new_session(client: TestClient) -> str:
    session_id: str = client.post("/api/chat/sessions").json()["session_id"]
    return session_id


def ask(client: TestClient, session_id: str, said: list[str]) -> object:
    feedback = client.app.state.feedback  # type: ignore[attr-defined]
    return client.portal.call(feedback.chat_question, session_id, said)  # type: ignore[union-attr]


def counts(client: TestClient) -> dict[str, dict[str, int]]:
    today = client.get("/api/stats?days=1", headers=STAFF).json()[0]
    zone = ZoneInfo(client.app.state.settings.timezone)  # type: ignore[attr-defined]
    # The municipality's day: between midnight in Assen and midnight UTC the two differ.
    assert today["date"] == datetime.now(UTC).astimezone(zone).date().isoformat()
    return today


def test_asked_once_after_the_goodbye_and_answered(client: TestClient) -> None:
    session_id = new_session(client)
    assert ask(client, session_id, ["Kan ik u nog ergens anders mee helpen?"]) is None
    question = ask(client, session_id, [goodbye(client)])
    assert question is not None
    assert question.question == "Hoe ging dit gesprek?"  # type: ignore[attr-defined]
    assert [c.title for c in question.choices] == ["Goed", "Gaat wel", "Niet goed"]  # type: ignore[attr-defined]
    assert question.remark_label == "Wilt u nog iets zeggen over het gesprek? Dat hoeft niet."  # type: ignore[attr-defined]
    assert ask(client, session_id, [goodbye(client)]) is None  # once per conversation

    before = counts(client)["feedback"]
    url = f"/api/chat/sessions/{session_id}/feedback"
    answered = client.post(url, json={"rating": "niet_goed"})
    assert answered.status_code == 200
    assert answered.json()["messages"][0]["text"] == "Dank u wel voor uw antwoord."
    client.post(url, json={"rating": "goed"})  # a second answer does not count again
    after = counts(client)["feedback"]
    assert after["niet_goed"] == before.get("niet_goed", 0) + 1
    assert after.get("goed", 0) == before.get("goed", 0)
    assert counts(client)["feedback_asked"]["chat"] >= 1

    remark = "Het duurde lang. Mijn BSN is 111222333."
    assert client.post(url, json={"remark": remark}).status_code == 200
    kept = client.portal.call(client.app.state.feedback.store.get, session_id)  # type: ignore[union-attr, attr-defined]
    assert kept["rating"] == "niet_goed" and kept["asked"] == "chat"
    assert "111222333" not in kept["remark"] and kept["remark"].startswith("Het duurde lang.")


def test_never_asked_in_a_conversation_about_safety(client: TestClient) -> None:
    session_id = new_session(client)
    signal = SafetySignal(kind="violence", phrase="slaat mij")
    update = CaseUpdate(route="veilig_thuis", urgency="acuut", safety_signal=signal)
    client.portal.call(client.app.state.cases.update, session_id, update)  # type: ignore[union-attr, attr-defined]
    assert ask(client, session_id, [goodbye(client)]) is None
    refused = client.post(f"/api/chat/sessions/{session_id}/feedback", json={"rating": "goed"})
    assert refused.status_code == 409
    assert refused.json()["detail"] == "Deze vraag is er nu niet. U kunt gewoon verder praten."


def test_an_answer_without_the_question_or_session_is_refused(client: TestClient) -> None:
    session_id = new_session(client)
    assert (
        client.post(
            f"/api/chat/sessions/{session_id}/feedback", json={"rating": "goed"}
        ).status_code
        == 409
    )
    assert (
        client.post("/api/chat/sessions/nope/feedback", json={"rating": "goed"}).status_code == 404
    )
    bad = client.post(f"/api/chat/sessions/{session_id}/feedback", json={"rating": "super"})
    assert bad.status_code == 422


def test_the_answer_goes_when_the_conversation_is_erased(client: TestClient) -> None:
    session_id = new_session(client)
    assert ask(client, session_id, [goodbye(client)]) is not None
    client.post(
        f"/api/chat/sessions/{session_id}/feedback", json={"rating": "goed", "remark": "Fijn"}
    )
    assert client.delete(f"/api/cases/{session_id}", headers=STAFF).status_code == 200
    store = client.app.state.feedback.store  # type: ignore[attr-defined]
    assert client.portal.call(store.get, session_id) == {}  # type: ignore[union-attr]


def test_counted_on_the_municipality_s_day_not_the_machine_s(client: TestClient) -> None:
    """Kiritimati (UTC+14) and Pago Pago (UTC-11) are on different days at every hour: the day
    a feedback count lands on follows the configured timezone."""
    feedback = client.app.state.feedback  # type: ignore[attr-defined]
    days = set()
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        counter = type(feedback)(feedback.store, None, None, None, zone)  # only the day is read
        expected = datetime.now(UTC).astimezone(ZoneInfo(zone)).date()
        assert counter._today() == expected
        days.add(counter._today())
    assert len(days) == 2
