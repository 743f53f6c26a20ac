"""The agenda over HTTP with the real app and Redis: the internal booking steps, the case,
the calendar file, the SMS through the real twilio client, and the staff agenda view."""

from collections.abc import Iterator
from datetime import datetime
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


def step(client: TestClient, session_id: str, name: str, **body: object) -> dict[str, object]:
    response = client.post(
        on_internal(f"/internal/agenda/{session_id}/{name}"), json=body, headers=INTERNAL
    )
    assert response.status_code == 200, response.text
    answer: dict[str, object] = response.json()
    return answer


def book(client: TestClient, where: str = "Pittelo") -> tuple[str, dict[str, object]]:
    session_id: str = client.post("/api/chat/sessions").json()["session_id"]
    assert step(client, session_id, "place", text=where)["status"] == "found"
    offers = step(client, session_id, "offers")
    assert offers["status"] == "offered"
    chosen = step(client, session_id, "choose", text="de tweede")
    assert chosen["kind"] == "chosen"
    done = step(client, session_id, "confirm")
    assert done["status"] == "booked"
    appointment = done["appointment"]
    assert isinstance(appointment, dict)
    return session_id, appointment


def test_the_booking_steps_need_the_internal_token(app_client: TestClient) -> None:
    for headers in ({}, STAFF):
        response = app_client.post(
            on_internal("/internal/agenda/x/offers"), json={}, headers=headers
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
    sent = step(app_client, session_id, "sms", phone_number="0612345678")
    assert sent == {"status": "sent"}
    request = twilio.requests[0]
    assert request.method == "POST"
    assert request.path == f"/2010-04-01/Accounts/AC{'0' * 32}/Messages.json"
    form = parse_qs(request.body.decode())
    assert form["To"] == ["+31612345678"]
    assert str(appointment["when"]) in form["Body"][0]
    assert request.headers["Authorization"].startswith("Basic ")


def test_a_failing_sms_is_reported_not_raised(app_client: TestClient, twilio: Recorder) -> None:
    session_id, _ = book(app_client, "Marsdijk")
    twilio.status, twilio.body = 500, b'{"message": "down"}'
    assert step(app_client, session_id, "sms", phone_number="0612345678") == {"status": "failed"}
    bad = app_client.post(
        on_internal(f"/internal/agenda/{session_id}/sms"),
        json={"phone_number": "12"},
        headers=INTERNAL,
    )
    assert bad.status_code == 422


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


def test_cancel_through_the_api_frees_the_time(app_client: TestClient) -> None:
    session_id, appointment = book(app_client, "Assen-Oost")
    assert step(app_client, session_id, "cancel")["status"] == "cancelled"
    assert step(app_client, session_id, "cancel")["status"] == "none"
    case = app_client.get(f"/api/cases/{session_id}", headers=STAFF).json()
    assert case["appointment"] is None
    assert app_client.get(str(appointment["ics_url"])).status_code == 404


def test_many_sessions_asking_for_offers_leave_the_first_free_time(app_client: TestClient) -> None:
    """The attack of issue 19 over HTTP: 20 scripted sessions ask one team for times (and for
    other times). The first free time a resident is offered does not move, and the team's
    agenda shows nothing held."""

    def first_offer(session_id: str) -> dict[str, str]:
        assert step(app_client, session_id, "place", text="Kloosterveen")["status"] == "found"
        offers = step(app_client, session_id, "offers")
        assert offers["status"] == "offered" and isinstance(offers["offers"], list)
        first: dict[str, str] = offers["offers"][0]
        return first

    def held() -> list[str]:
        view = app_client.get("/api/agenda/kloosterveen?dagen=14", headers=STAFF).json()
        return [row["slot_id"] for row in view["slots"] if row["status"] == "vastgehouden"]

    before = first_offer("before")["when"]
    for n in range(20):
        assert first_offer(f"script{n}")["when"] == before
        assert step(app_client, f"script{n}", "choose", text="andere tijd")["kind"] == "more"
        step(app_client, f"script{n}", "offers")
    picked = first_offer("resident")
    assert picked["when"] == before
    assert held() == []
    # A pick is held: the staff view shows it, and it is not offered to the next resident.
    assert step(app_client, "resident", "choose", text="de eerste")["kind"] == "chosen"
    assert held() == [picked["slot_id"]]
    assert first_offer("next")["slot_id"] != picked["slot_id"]
