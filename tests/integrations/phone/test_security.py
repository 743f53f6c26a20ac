"""The phone line from outside: replays, TwiML for every answer, and only calls are calls.

Requests are signed with twilio's RequestValidator. Rasa is a recording server over real
HTTP that answers every message with one question and keeps what it got.
"""

import json
import secrets
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, cast
from urllib.parse import urlsplit

import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from twilio.request_validator import RequestValidator

from integrations.app import MAX_BODY_BYTES, create_app
from integrations.cases.store import CaseStore
from integrations.settings import Settings
from tests.office_hours import ALWAYS_OPEN, NEVER_OPEN
from tests.recorder import Recorder, recording_server

QUESTION = "Waar kan ik u mee helpen? Zeg het in een paar woorden."
BUTTONS = [
    {"title": "Hulp in huis", "payload": "/ask_household_help"},
    {"title": "Praat met een medewerker", "payload": "/ask_person"},
]


@dataclass
class StandInRasa:
    """Rasa's gateway channel at its HTTP boundary: one question with two buttons for all."""

    recorder: Recorder

    @property
    def url(self) -> str:
        return self.recorder.url

    @property
    def received(self) -> list[dict[str, Any]]:
        return [
            json.loads(r.body)
            for r in self.recorder.requests
            if r.path.startswith("/webhooks/gateway/webhook")
        ]

    def said(self, sender: str) -> list[str]:
        return [m["message"] for m in self.received if m["sender"] == sender]


@pytest.fixture
def rasa() -> Iterator[StandInRasa]:
    answer = json.dumps([{"text": QUESTION, "buttons": BUTTONS}]).encode()
    with recording_server(body=answer) as recorder:
        yield StandInRasa(recorder)


@pytest.fixture
def line(settings: Settings, rasa: StandInRasa) -> Iterator[TestClient]:
    """The gateway with a Rasa that answers (staff at work)."""
    changes = {"rasa_url": rasa.url, **ALWAYS_OPEN}
    with TestClient(create_app(settings.model_copy(update=changes))) as client:
        yield client


@pytest.fixture
def store(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


def new_call() -> dict[str, str]:
    return {"CallSid": "CA" + secrets.token_hex(16), "From": "+31612345678", "To": "+31592140592"}


def post(client: TestClient, settings: Settings, path: str, params: dict[str, str]) -> Response:
    """A signed webhook, as Twilio posts it to PUBLIC_BASE_URL + path (and query)."""
    validator = RequestValidator(settings.twilio_auth_token.get_secret_value())
    signature = validator.compute_signature(settings.public_base_url.rstrip("/") + path, params)
    response: Response = client.post(path, data=params, headers={"X-Twilio-Signature": signature})
    return response


def twiml(response: Response) -> ET.Element:
    """Every answer on a Twilio path: XML with a <Response> root."""
    assert response.headers["content-type"].startswith("application/xml"), response.text
    root = ET.fromstring(response.text)
    assert root.tag == "Response", response.text
    return root


def spoken(root: ET.Element) -> list[str]:
    return [say.text or "" for say in root.iter("Say")]


def listens_at(root: ET.Element) -> str:
    """The path and query the caller's next answer goes to."""
    gather = root.find("Gather")
    assert gather is not None, ET.tostring(root)
    parts = urlsplit(gather.get("action") or "")
    return parts.path + ("?" + parts.query if parts.query else "")


def transcript(client: TestClient, settings: Settings, call_sid: str) -> list[dict[str, Any]]:
    token = settings.staff_api_token.get_secret_value()
    response = client.get(f"/api/cases/{call_sid}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    entries: list[dict[str, Any]] = response.json()["transcript"]
    return entries


def resident_said(client: TestClient, settings: Settings, call_sid: str) -> list[str]:
    entries = transcript(client, settings, call_sid)
    return [str(e.get("text") or e.get("payload")) for e in entries if e["sender"] == "resident"]


# --- replays ---------------------------------------------------------------------------


def test_a_replayed_answer_is_taken_once_and_answered_as_the_first_time(
    line: TestClient, settings: Settings, rasa: StandInRasa
) -> None:
    call = new_call()
    greeting = twiml(post(line, settings, "/twilio/voice", call))
    answer = {**call, "SpeechResult": "ik zoek hulp in huis", "Confidence": "0.9"}
    first = post(line, settings, listens_at(greeting), answer)
    again = post(line, settings, listens_at(greeting), answer)

    assert first.status_code == again.status_code == 200
    assert QUESTION in spoken(twiml(first))
    assert again.text == first.text  # Twilio's retry hears what the first request got
    assert rasa.said(call["CallSid"]) == ["/greet", "ik zoek hulp in huis"]
    assert resident_said(line, settings, call["CallSid"]) == ["/greet", "ik zoek hulp in huis"]


def test_the_same_key_pressed_for_two_questions_is_two_answers(
    line: TestClient, settings: Settings, rasa: StandInRasa
) -> None:
    call = new_call()
    greeting = twiml(post(line, settings, "/twilio/voice", call))
    second = twiml(post(line, settings, listens_at(greeting), {**call, "Digits": "1"}))
    assert listens_at(second) != listens_at(greeting)  # each question listens on its own URL
    twiml(post(line, settings, listens_at(second), {**call, "Digits": "1"}))
    assert rasa.said(call["CallSid"]) == ["/greet", "/ask_household_help", "/ask_household_help"]


def test_a_replay_after_the_kept_answer_expired_repeats_the_last_question(
    line: TestClient, settings: Settings, rasa: StandInRasa, store: redis.Redis
) -> None:
    call = new_call()
    greeting = twiml(post(line, settings, "/twilio/voice", call))
    answer = {**call, "SpeechResult": "ik heb schulden", "Confidence": "0.8"}
    last = post(line, settings, listens_at(greeting), answer)
    for key in store.scan_iter("twilio:answer:*"):
        store.delete(key)

    replayed_call = post(line, settings, "/twilio/voice", call)
    replayed_answer = post(line, settings, listens_at(greeting), answer)

    assert replayed_call.text == replayed_answer.text == last.text
    assert rasa.said(call["CallSid"]) == ["/greet", "ik heb schulden"]
    assert resident_said(line, settings, call["CallSid"]) == ["/greet", "ik heb schulden"]


def test_a_replayed_end_of_a_transfer_does_not_ask_for_a_callback_again(
    client: TestClient, settings: Settings, store: redis.Redis
) -> None:
    call = new_call()
    sid = call["CallSid"]
    token = settings.staff_api_token.get_secret_value()

    def open_for_this_call() -> list[str]:
        queue = client.get("/api/handoffs", headers={"Authorization": f"Bearer {token}"})
        return [row["kind"] for row in queue.json() if row["session_id"] == sid]

    def staff_picks_up() -> None:
        leg = {"CallSid": "CA" + secrets.token_hex(16), "Digits": "1"}
        twiml(post(client, settings, f"/twilio/whisper-accept?session={sid}", leg))

    post(client, settings, "/twilio/voice", call)  # Rasa is down: straight to a person
    staff_picks_up()
    ended = {**call, "DialCallStatus": "no-answer"}
    path = f"/twilio/dial-status?session={sid}"
    first = twiml(post(client, settings, path, ended))
    assert "Wij bellen u zo snel mogelijk terug." in " ".join(spoken(first))
    assert open_for_this_call() == ["terugbelverzoek"]
    staff_picks_up()  # the callback is taken
    for key in store.scan_iter("twilio:answer:*"):
        store.delete(key)

    replayed = twiml(post(client, settings, path, ended))

    assert list(replayed) == []  # nothing known to repeat: an empty <Response/>
    assert open_for_this_call() == []


# --- TwiML for every answer ------------------------------------------------------------


def test_unsigned_wrongly_signed_and_tampered_requests_get_a_twiml_hang_up(
    client: TestClient, settings: Settings, store: redis.Redis
) -> None:
    call = new_call()
    validator = RequestValidator(settings.twilio_auth_token.get_secret_value())
    url = settings.public_base_url.rstrip("/") + "/twilio/voice"
    signature = {"X-Twilio-Signature": validator.compute_signature(url, call)}
    refused = [
        client.post("/twilio/voice", data=call),
        client.post("/twilio/voice", data=call, headers={"X-Twilio-Signature": "x"}),
        client.post("/twilio/voice", data={**call, "From": "+31600000000"}, headers=signature),
        client.post("/twilio/gather", data=call, headers=signature),  # signed for another URL
    ]
    for response in refused:
        assert response.status_code == 403
        root = twiml(response)
        assert [child.tag for child in root] == ["Hangup"]
    assert not store.exists(f"case:{call['CallSid']}", f"call:{call['CallSid']}")


def test_a_request_without_a_call_sid_is_put_through_without_a_case(
    line: TestClient, settings: Settings, rasa: StandInRasa, store: redis.Redis
) -> None:
    for fields in ({"From": "+31612345678"}, {"CallSid": "x" * 500}):
        response = post(line, settings, "/twilio/voice", fields)
        assert response.status_code == 200
        number = twiml(response).find("Dial/Number")
        assert number is not None and number.text == settings.aanmeldteam_dial
    assert not store.exists("case:", "call:", "chat:session:")
    assert rasa.received == []


def test_a_body_over_the_size_limit_is_asked_again_kindly(client: TestClient) -> None:
    call = new_call()
    response = client.post(
        "/twilio/gather", data={**call, "SpeechResult": "hulp " * (MAX_BODY_BYTES // 4)}
    )
    assert response.status_code == 200  # Twilio plays only what comes with a 200
    root = twiml(response)
    assert root.find("Gather") is not None
    assert spoken(root) == [
        "Sorry, dat was te lang voor mij. Zeg het nog een keer in een paar woorden. "
        "Of kies een nummer."
    ]


def test_an_over_long_speech_result_is_asked_again_and_goes_nowhere(
    line: TestClient, settings: Settings, rasa: StandInRasa
) -> None:
    call = new_call()
    greeting = twiml(post(line, settings, "/twilio/voice", call))
    speech = "ik heb hulp nodig " * (settings.max_message_chars // 10)
    response = post(line, settings, listens_at(greeting), {**call, "SpeechResult": speech})
    assert response.status_code == 200
    root = twiml(response)
    said = spoken(root)
    assert said[0].startswith("Sorry, dat was te lang voor mij.")
    assert "Zeg Hulp in huis of kies 1." in said  # the question's choices again
    assert root.find("Gather") is not None
    assert rasa.said(call["CallSid"]) == ["/greet"]
    assert resident_said(line, settings, call["CallSid"]) == ["/greet"]


def test_unknown_paths_and_methods_answer_twiml(client: TestClient) -> None:
    for response in (client.post("/twilio/nothing-here"), client.get("/twilio/voice")):
        assert response.status_code in {404, 405}
        assert [child.tag for child in twiml(response)] == ["Hangup"]


def test_redis_down_still_puts_the_caller_through(settings: Settings, closed_port_url: str) -> None:
    redis_url = closed_port_url.replace("http", "redis")
    down = settings.model_copy(update={"redis_url": redis_url, **ALWAYS_OPEN})
    with TestClient(create_app(down)) as client:
        response = post(client, down, "/twilio/voice", new_call())
    assert response.status_code == 200
    number = twiml(response).find("Dial/Number")
    assert number is not None and number.text == down.aanmeldteam_dial


def test_redis_down_at_night_still_hears_a_crisis_and_never_dials_a_closed_team(
    settings: Settings, closed_port_url: str
) -> None:
    redis_url = closed_port_url.replace("http", "redis")
    down = settings.model_copy(update={"redis_url": redis_url, **NEVER_OPEN})
    with TestClient(create_app(down)) as client:
        call = new_call()
        greeting = twiml(post(client, down, "/twilio/voice", call))
        assert greeting.find("Dial") is None and greeting.find("Gather") is not None
        assert "Zeg het mij dan." in " ".join(spoken(greeting))
        crisis = twiml(
            post(client, down, listens_at(greeting), {**call, "SpeechResult": "ik wil dood"})
        )
        number = crisis.find("Dial/Number")
        assert number is not None and number.text == down.suicide_prevention_dial
        other = twiml(
            post(client, down, listens_at(greeting), {**call, "SpeechResult": "een scootmobiel"})
        )
        words = " ".join(spoken(other))
        assert other.find("Dial") is None and other.find("Hangup") is not None
        assert "nul acht nul nul" in words and "één één twee" in words  # 113 and 112


# --- only calls are calls --------------------------------------------------------------


def test_an_answer_for_a_call_that_never_started_creates_nothing(
    line: TestClient, settings: Settings, rasa: StandInRasa, store: redis.Redis
) -> None:
    call = new_call()
    response = post(line, settings, "/twilio/gather", {**call, "SpeechResult": "ik wil dood"})
    assert response.status_code == 200
    number = twiml(response).find("Dial/Number")
    # What was said is still heard: 113, at any hour, not the aanmeldteam.
    assert number is not None and number.text == settings.suicide_prevention_dial
    assert number.get("url") is None  # no case to whisper
    sid = call["CallSid"]
    assert not store.exists(f"case:{sid}", f"call:{sid}", f"case:{sid}:transcript")
    assert rasa.received == []


def test_a_chat_conversation_is_never_taken_as_a_call(
    line: TestClient, settings: Settings, rasa: StandInRasa, store: redis.Redis
) -> None:
    chat_id = line.post("/api/chat/sessions").json()["session_id"]
    # An id of a call's shape that is a chat (any id Twilio might send could be one).
    lookalike = "CA" + secrets.token_hex(16)
    cases: CaseStore = cast(FastAPI, line.app).state.cases
    assert line.portal is not None
    line.portal.call(partial(cases.create, lookalike, "chat"))

    for sid in (chat_id, lookalike):
        call = {**new_call(), "CallSid": sid}
        for path in ("/twilio/voice", "/twilio/gather"):
            response = post(line, settings, path, {**call, "SpeechResult": "hallo"})
            number = twiml(response).find("Dial/Number")
            assert number is not None and number.get("url") is None
        after = {**call, "DialCallStatus": "no-answer"}
        ended = twiml(post(line, settings, f"/twilio/dial-status?session={sid}", after))
        assert "Bel later nog een keer." in " ".join(spoken(ended))
        whisper = twiml(post(line, settings, f"/twilio/whisper?session={sid}", new_call()))
        assert len(spoken(whisper)) == 2  # the greeting and "press 1": no case read out
        assert not store.exists(f"call:{sid}")
        assert transcript(line, settings, sid) == []
        case = json.loads(store.get(f"case:{sid}") or "{}")
        assert case["channel"] == "chat" and case["handoff"] is None
    assert rasa.received == []
