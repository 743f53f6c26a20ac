"""The safety protocol in the gateway, with a real Redis and Rasa and the action server
down: a resident in crisis still gets the right numbers, by chat and by phone."""

import json
import xml.etree.ElementTree as ET

from fastapi.testclient import TestClient

from integrations.app import create_app
from integrations.settings import Settings
from tests.integrations.phone.test_router import signed
from tests.office_hours import NEVER_OPEN
from tests.recorder import recording_server


def staff(settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {settings.staff_api_token.get_secret_value()}"}


def chat(client: TestClient, session_id: str, text: str) -> dict[str, object]:
    response = client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def texts(body: dict[str, object]) -> str:
    return " ".join(m["text"] for m in body["messages"])  # type: ignore[attr-defined,index]


def test_crisis_by_chat_with_rasa_down_gets_113_and_an_urgent_case(
    client: TestClient, settings: Settings
) -> None:
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    # Half an emoji after it, as JSON escapes it when a browser's length limit cut the pair.
    response = client.post(
        f"/api/chat/sessions/{session_id}/messages",
        content=b'{"text": "ik wil niet meer leven\\ud83d"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "0800-0113" in texts(body) and "113.nl" in texts(body)
    assert body["quick_exit"] is True
    case = client.get(f"/api/cases/{session_id}", headers=staff(settings)).json()
    assert case["route"] == "crisis" and case["urgency"] == "acuut"
    assert "ik wil niet meer leven" in case["summary"]
    # Afraid to call: 113's chat, not Veilig Thuis.
    after = texts(chat(client, session_id, "ik durf niet te bellen"))
    assert "113.nl" in after and "Veilig Thuis" not in after
    handoffs = client.get("/api/handoffs", headers=staff(settings)).json()
    assert any(h["session_id"] == session_id and h["urgency"] == "acuut" for h in handoffs)


def test_the_caring_question_and_its_answers(client: TestClient, settings: Settings) -> None:
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    asked = texts(chat(client, session_id, "ik kan niet meer"))
    assert "uzelf iets aan te doen" in asked
    yes = texts(chat(client, session_id, "nee niet nu maar wel vaak"))
    assert "0800-0113" in yes
    case = client.get(f"/api/cases/{session_id}", headers=staff(settings)).json()
    assert case["route"] == "crisis"


def test_a_safety_message_is_never_rate_limited(settings: Settings) -> None:
    from integrations.app import create_app

    tight = settings.model_copy(update={"chat_rate_per_session": 1})
    with TestClient(create_app(tight)) as client:
        session_id = client.post("/api/chat/sessions").json()["session_id"]
        client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": "hallo"})
        limited = client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": "hoi"})
        assert limited.status_code == 429
        body = chat(client, session_id, "mijn man slaat mij")
        assert "0800-2000" in texts(body)


def test_veilig_thuis_by_phone_is_announced_and_transferred_with_a_next_step(
    client: TestClient, settings: Settings
) -> None:
    call = {"CallSid": "CA-safety-1", "From": "+31612345678", "To": "+31592140592"}
    client.post("/twilio/voice", data=call, headers=signed(settings, "/twilio/voice", call))
    spoken = {**call, "SpeechResult": "mijn vriend slaat me en ik ben bang", "Confidence": "0.9"}
    answer = client.post(
        "/twilio/gather", data=spoken, headers=signed(settings, "/twilio/gather", spoken)
    )
    root = ET.fromstring(answer.text)
    said = " ".join(s.text or "" for s in root.iter("Say"))
    assert "Ik verbind u nu door met Veilig Thuis" in said
    dial = root.find("Dial")
    assert dial is not None and dial.findtext("Number") == settings.veilig_thuis_dial
    action = dial.get("action") or ""
    path = action.removeprefix(settings.public_base_url.rstrip("/"))
    no_answer = {**call, "DialCallStatus": "no-answer"}
    after = client.post(path, data=no_answer, headers=signed(settings, path, no_answer))
    next_step = ET.fromstring(after.text)
    assert next_step.find("Hangup") is None  # never hung up on
    # Said digit by digit, as every number of the line (it was read as "800 2000").
    assert "nul acht nul nul, twee nul nul nul" in " ".join(
        s.text or "" for s in next_step.iter("Say")
    )
    case = client.get("/api/cases/CA-safety-1", headers=staff(settings)).json()
    assert case["route"] == "veilig_thuis" and case["urgency"] == "acuut"


def test_after_veilig_thuis_the_chat_asks_whether_a_call_is_safe(
    client: TestClient, settings: Settings
) -> None:
    """Held as residents on 8 December: after "mijn vriend leest al mijn berichten", "kunnen
    jullie mij bellen?" got the opening hours and the number was taken without asking whether
    a call on it is safe; the case said "Veilig contact: niet gevraagd"."""
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    chat(client, session_id, "mijn man slaat me als hij gedronken heeft")
    call_me = texts(chat(client, session_id, "kunnen jullie mij bellen?"))
    assert "Typ hier uw telefoonnummer" in call_me and "wanneer bellen veilig is" in call_me
    asked = texts(chat(client, session_id, "0611223344"))
    assert "Is het veilig als wij u op dit nummer bellen?" in asked
    told = texts(chat(client, session_id, "alleen overdag als hij werkt"))
    assert "Dat geef ik door" in told
    case = client.get(f"/api/cases/{session_id}", headers=staff(settings)).json()
    assert "alleen overdag als hij werkt" in " ".join(case["contact"]["safe_words"])
    assert "niet gevraagd" not in case["summary"]
    # Not safe: no call on that number, and Veilig Thuis to call herself.
    other = client.post("/api/chat/sessions").json()["session_id"]
    chat(client, other, "mijn vriend leest al mijn berichten en slaat me")
    chat(client, other, "0687654321")
    refused = texts(chat(client, other, "nee"))
    assert "dan bellen wij u niet op dit nummer" in refused and "0800-2000" in refused
    case = client.get(f"/api/cases/{other}", headers=staff(settings)).json()
    assert "bellen is niet veilig" in " ".join(case["contact"]["safe_words"])


def test_a_bsn_in_a_disclosure_is_not_kept(client: TestClient, settings: Settings) -> None:
    session_id = client.post("/api/chat/sessions").json()["session_id"]
    chat(client, session_id, "mijn man slaat mij, mijn bsn is 111222333")
    case = client.get(f"/api/cases/{session_id}", headers=staff(settings)).json()
    assert case["route"] == "veilig_thuis"
    disclosure = case["summary"].split("\n\n")[0]  # the "Veiligheid eerst" block comes first
    assert disclosure.startswith("Veiligheid eerst")
    # taken out at the gateway's door, before the safety protocol keeps the words
    assert "111222333" not in disclosure and "[BSN weggehaald]" in disclosure


def test_no_place_to_sleep_by_phone_at_night_is_put_through_with_a_next_step(
    settings: Settings,
) -> None:
    """Heard at night: the police's number was said once, then the menu; no transfer."""
    closed = settings.model_copy(update=NEVER_OPEN)
    with TestClient(create_app(closed)) as client:
        call = {"CallSid": "CA-shelter-1", "From": "+31612345678", "To": "+31592140592"}
        client.post("/twilio/voice", data=call, headers=signed(closed, "/twilio/voice", call))
        spoken = {**call, "SpeechResult": "ik heb vannacht geen plek om te slapen",
                  "Confidence": "0.9"}  # fmt: skip
        answer = client.post(
            "/twilio/gather", data=spoken, headers=signed(closed, "/twilio/gather", spoken)
        )
        root = ET.fromstring(answer.text)
        said = " ".join(s.text or "" for s in root.iter("Say"))
        assert "Ik verbind u nu door met de politie" in said
        dial = root.find("Dial")
        assert dial is not None and dial.findtext("Number") == closed.shelter_night_dial
        path = (dial.get("action") or "").removeprefix(closed.public_base_url.rstrip("/"))
        no_answer = {**call, "DialCallStatus": "no-answer"}
        after = client.post(path, data=no_answer, headers=signed(closed, path, no_answer))
        next_step = ET.fromstring(after.text)
        assert next_step.find("Hangup") is None  # never hung up on
        assert "nul negen nul nul, acht acht vier vier" in " ".join(
            s.text or "" for s in next_step.iter("Say")
        )


def test_after_a_disclosure_rasas_fallback_gives_way_to_the_numbers(settings: Settings) -> None:
    """Held as a resident: after Veilig Thuis, "ik wil dat de ruzie thuis stopt" got "Sorry, dat
    begreep ik niet goed" and a menu of aids. Rasa at its HTTP boundary answers the fallback."""
    sorry = "Sorry, dat begreep ik niet goed. Gaat uw vraag over een van deze dingen?"
    fallback = [{"text": sorry}]
    with recording_server(body=json.dumps(fallback).encode()) as rasa:
        app = create_app(settings.model_copy(update={"rasa_url": rasa.url}))
        with TestClient(app) as client:
            session_id = client.post("/api/chat/sessions").json()["session_id"]
            assert "0800-2000" in texts(chat(client, session_id, "mijn man slaat me"))
            chat(client, session_id, "nee nu niet")
            after = chat(client, session_id, "ik wil dat de ruzie thuis stopt")
            said = texts(after)
            assert "begreep ik niet" not in said
            assert "Veilig Thuis" in said and "0800-2000" in said
            buttons = [b["payload"] for m in after["messages"] for b in m["buttons"]]  # type: ignore[attr-defined]
            assert buttons == ["/ask_person"]
            # Before any disclosure, the fallback is Rasa's to give.
            other = client.post("/api/chat/sessions").json()["session_id"]
            assert "begreep ik niet" in texts(chat(client, other, "blabla"))


def test_after_a_disclosure_distress_is_no_new_intake(settings: Settings) -> None:
    """Held as a resident on 7 December: after 113 in the middle of a booking, "ik ben zo moe"
    was read as stress, the buurtteam intake came back and offered times. Rasa at its HTTP
    boundary answers as it did: the support text and a question of the intake."""
    support = "Wat vervelend dat het niet goed met u gaat. Het buurtteam praat graag met u."
    intake = [{"text": support}, {"text": "Wilt u in een paar woorden vertellen wat er speelt?"}]
    with recording_server(body=json.dumps(intake).encode()) as rasa:
        app = create_app(settings.model_copy(update={"rasa_url": rasa.url}))
        with TestClient(app) as client:
            session_id = client.post("/api/chat/sessions").json()["session_id"]
            assert "0800-0113" in texts(chat(client, session_id, "ik wil er een eind aan maken"))
            rasa.requests.clear()
            said = texts(chat(client, session_id, "ik ben zo moe"))
            assert "0800-0113" in said and "buurtteam" not in said
            # Rasa's classifier was asked whether this is a new request (this stand-in Rasa
            # gives no reading: the protocol stays); the message was no turn of Rasa's.
            paths = [r.path.split("?")[0] for r in rasa.requests]
            assert "/model/parse" in paths and "/webhooks/gateway/webhook" not in paths
            # Before any disclosure, the intake is Rasa's to begin.
            other = client.post("/api/chat/sessions").json()["session_id"]
            assert "buurtteam praat graag" in texts(chat(client, other, "ik ben zo moe"))
