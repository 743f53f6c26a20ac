"""The agenda over HTTP with the real app and Redis: the internal booking steps, the case,
the calendar file, the SMS through the real twilio client, and the staff agenda view."""

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from integrations.app import create_app
from integrations.settings import DEV_INTERNAL_API_TOKEN, DEV_STAFF_API_TOKEN, Settings
from tests.integrations.listeners import on_internal
from tests.recorder import Recorder, recording_server

STAFF = {"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}
INTERNAL = {"Authorization": f"Bearer {DEV_INTERNAL_API_TOKEN}"}
TWILIO_REPLY = b'{"sid": "SM00000000000000000000000000000000", "status": "queued"}'


@pytest.fixture
def twilio() -> Iterator[Recorder]:
    with recording_server(status=201, body=TWILIO_REPLY) as server:
        yield server


@pytest.fixture
def app_client(settings: Settings, twilio: Recorder) -> Iterator[TestClient]:
    configured = settings.model_copy(
        update={"twilio_account_sid": "AC" + "0" * 32, "twilio_api_base_url": twilio.url}
    )
    with TestClient(create_app(configured)) as client:
        yield client


def turn(client: TestClient, session_id: str, name: str, **body: object) -> dict[str, Any]:
    """One turn of the appointment dialogue, as the booking actions take it."""
    response = client.post(
        on_internal(f"/internal/appointments/{session_id}/{name}"), json=body, headers=INTERNAL
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def said(client: TestClient, session_id: str, text: str) -> list[dict[str, Any]]:
    """The answer to the open question, and the next question while the dialogue goes on."""
    answer = turn(client, session_id, "answer", text=text)
    says: list[dict[str, Any]] = list(answer["say"])
    if answer["open"]:
        says += turn(client, session_id, "question")["say"]
    return says


def values(says: list[dict[str, Any]], prefix: str) -> dict[str, str]:
    found: dict[str, str] = next(s["values"] for s in says if s["response"].startswith(prefix))
    return found


def offers_of(says: list[dict[str, Any]]) -> list[str]:
    offered = values(says, "utter_offer_appointments")
    return [offered[f"offer_{n}"] for n in (1, 2, 3) if f"offer_{n}" in offered]


def book(client: TestClient, where: str = "Pittelo") -> tuple[str, dict[str, Any]]:
    session_id: str = client.post("/api/chat/sessions").json()["session_id"]
    assert turn(client, session_id, "start", intent="book_appointment", text="ja graag")["open"]
    offered = said(client, session_id, where)
    assert values(offered, "utter_wijk_found")["wijk"] == where
    assert len(offers_of(offered)) == 3
    confirm = said(client, session_id, "de tweede")
    assert confirm[0]["response"] == "utter_ask_appointment_confirmed"
    booked = said(client, session_id, "ja")
    assert booked[0]["response"] == "utter_appointment_booked"
    coded = said(client, session_id, "12")
    assert values(coded, "utter_appointment_code")["code"].isdigit()
    appointment = client.get(f"/api/cases/{session_id}", headers=STAFF).json()["appointment"]
    assert appointment["when"] == offers_of(offered)[1]
    assert values(booked, "utter_appointment_booked")["ics_url"] == appointment["ics_url"]
    return session_id, appointment


def test_the_booking_steps_need_the_internal_token(app_client: TestClient) -> None:
    for headers in ({}, STAFF):
        response = app_client.post(
            on_internal("/internal/appointments/x/question"), json={}, headers=headers
        )
        assert response.status_code == 401


def test_a_booking_shows_in_the_case_and_in_the_calendar_file(app_client: TestClient) -> None:
    session_id, appointment = book(app_client)
    case = app_client.get(f"/api/cases/{session_id}", headers=STAFF).json()
    assert case["wijk"] == "Pittelo" and case["buurtteam"] == "Buurtteam Pittelo & Lariks"
    assert case["appointment"]["when"] == appointment["when"]
    assert case["appointment"]["address"] == "Voorbeeldlaan 2, Assen"
    assert "Afspraak" in case["summary"] or appointment["when"] in case["summary"]
    ics = app_client.get(str(appointment["ics_url"]))
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert event["LOCATION"] == "Voorbeeldlaan 2, Assen"
    assert event.decoded("DTSTART") == datetime.fromisoformat(str(appointment["start"]))
    assert session_id not in ics.text
    assert app_client.get("/api/agenda/afspraak/" + "x" * 24 + ".ics").status_code == 404


def test_the_sms_goes_through_twilio_only_when_asked(
    app_client: TestClient, twilio: Recorder
) -> None:
    session_id, appointment = book(app_client)
    assert twilio.requests == []  # booking alone sends nothing
    assert said(app_client, session_id, "ja")[0]["response"] == "utter_ask_sms_number"
    sent = said(app_client, session_id, "0612345678")
    assert [s["response"] for s in sent] == ["utter_sms_sent"]
    request = twilio.requests[0]
    assert request.method == "POST"
    assert request.path == f"/2010-04-01/Accounts/AC{'0' * 32}/Messages.json"
    form = parse_qs(request.body.decode())
    assert form["To"] == ["+31612345678"]
    assert str(appointment["when"]) in form["Body"][0]
    assert request.headers["Authorization"].startswith("Basic ")


def test_a_failing_sms_is_reported_not_raised(app_client: TestClient, twilio: Recorder) -> None:
    session_id, appointment = book(app_client, "Marsdijk")
    twilio.status, twilio.body = 500, b'{"message": "down"}'
    said(app_client, session_id, "ja graag")
    bad = said(app_client, session_id, "12")
    assert bad[0]["response"] == "utter_phone_invalid"
    failed = said(app_client, session_id, "0612345678")
    assert [s["response"] for s in failed] == ["utter_sms_failed", "utter_appointment_summary"]
    assert values(failed, "utter_appointment_summary")["appointment_when"] == appointment["when"]


def test_the_staff_agenda_view(app_client: TestClient) -> None:
    session_id, appointment = book(app_client, "Kloosterveen")
    assert app_client.get("/api/agenda/kloosterveen").status_code == 401
    teams = app_client.get("/api/agenda", headers=STAFF).json()
    assert teams["sample_data"] is True and len(teams["teams"]) == 6
    start = str(appointment["start"])[:10]
    view = app_client.get(f"/api/agenda/kloosterveen?van={start}&dagen=1", headers=STAFF).json()
    booked = [row for row in view["slots"] if row["status"] == "geboekt"]
    assert [row["session_id"] for row in booked] == [session_id]
    assert booked[0]["when"] == appointment["when"]
    assert app_client.get("/api/agenda/atlantis", headers=STAFF).status_code == 404


def test_cancel_through_the_api_asks_first_then_frees_the_time(app_client: TestClient) -> None:
    session_id, appointment = book(app_client, "Assen-Oost")
    asked = turn(app_client, session_id, "start", intent="cancel_appointment", text="afzeggen")
    assert asked["open"] and asked["say"] == []
    question = turn(app_client, session_id, "question")["say"]
    assert values(question, "utter_ask_cancel")["appointment_when"] == appointment["when"]
    assert said(app_client, session_id, "ja")[0]["response"] == "utter_appointment_cancelled"
    again = turn(app_client, session_id, "start", intent="cancel_appointment", text="afzeggen")
    assert turn(app_client, session_id, "question")["say"][0]["response"] == "utter_ask_code"
    assert again["open"]
    case = app_client.get(f"/api/cases/{session_id}", headers=STAFF).json()
    assert case["appointment"] is None
    assert app_client.get(str(appointment["ics_url"])).status_code == 404


def test_many_sessions_asking_for_offers_leave_the_first_free_time(app_client: TestClient) -> None:
    """The attack of issue 19 over HTTP: 20 scripted sessions ask one team for times (and for
    other times). The first free time a resident is offered does not move, and the team's
    agenda shows nothing held."""

    def first_offer(session_id: str) -> str:
        turn(app_client, session_id, "start", intent="book_appointment", text="Kloosterveen")
        return offers_of(turn(app_client, session_id, "question")["say"])[0]

    def held() -> list[str]:
        view = app_client.get("/api/agenda/kloosterveen?dagen=14", headers=STAFF).json()
        return [row["when"] for row in view["slots"] if row["status"] == "vastgehouden"]

    before = first_offer("before")
    for n in range(20):
        assert first_offer(f"script{n}") == before
        assert said(app_client, f"script{n}", "andere tijd")[0]["response"] == (
            "utter_ask_time_wish"
        )
        assert offers_of(said(app_client, f"script{n}", "maakt niet uit"))
    picked = first_offer("resident")
    assert picked == before
    assert held() == []
    # A pick is held: the staff view shows it, and it is not offered to the next resident.
    said(app_client, "resident", "de eerste")
    assert held() == [picked]
    first_offer("next")
    service = app_client.app.state.agenda  # type: ignore[attr-defined]
    offered = {o.slot_id for o in app_client.portal.call(service.dialog, "next").offered}  # type: ignore[union-attr]
    picked_slot = app_client.portal.call(service.dialog, "resident").chosen  # type: ignore[union-attr]
    assert picked_slot and picked_slot not in offered
