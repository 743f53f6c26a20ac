"""A BSN or IBAN in a message, over the gateway's own API: never stored, never passed on, and
the resident hears once that it is not needed. Real Redis; Rasa is a recording server over
real HTTP that answers every message with one question and keeps what it got."""

import json
import secrets
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient
from twilio.request_validator import RequestValidator

from integrations.app import create_app
from integrations.privacy.messages import note_phrase, say_first
from integrations.settings import Settings
from tests.recorder import Recorder, recording_server

QUESTION = "Waar kan ik u mee helpen?"
BSN = "111222333"
IBAN = "NL91ABNA0417164300"
BSN_NOTE = "U hoeft uw burgerservicenummer niet te geven. Ik heb het niet bewaard."
IBAN_NOTE = "U hoeft uw rekeningnummer niet te geven. Ik heb het niet bewaard."
DATABASE = 14  # this module's own database of the tests' Redis


@pytest.fixture
def rasa() -> Iterator[Recorder]:
    with recording_server(body=json.dumps([{"text": QUESTION}]).encode()) as recorder:
        yield recorder


@pytest.fixture
def own_redis(settings: Settings) -> Iterator[redis.Redis]:
    url = str(settings.redis_url).rsplit("/", 1)[0] + f"/{DATABASE}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield client
    client.close()


@pytest.fixture
def gateway(settings: Settings, rasa: Recorder, own_redis: redis.Redis) -> Iterator[TestClient]:
    url = str(settings.redis_url).rsplit("/", 1)[0] + f"/{DATABASE}"
    app = create_app(settings.model_copy(update={"rasa_url": rasa.url, "redis_url": url}))
    with TestClient(app) as client:
        yield client


def rasa_got(rasa: Recorder) -> list[str]:
    return [
        json.loads(r.body)["message"]
        for r in rasa.requests
        if r.path.startswith("/webhooks/") and r.body
    ]


def everything_in(store: redis.Redis) -> str:
    """Every value of every key in the database, as text."""
    seen: list[str] = []
    for key in store.scan_iter():
        raw_kind = store.type(key)
        kind = raw_kind.decode() if isinstance(raw_kind, bytes) else raw_kind
        value: Any
        if kind == "string":
            value = store.get(key)
        elif kind == "hash":
            value = store.hgetall(key)
        elif kind == "list":
            value = store.lrange(key, 0, -1)
        elif kind == "set":
            value = store.smembers(key)
        elif kind == "zset":
            value = store.zrange(key, 0, -1, withscores=True)
        elif kind == "stream":
            value = store.xrange(key)
        else:
            raise AssertionError(f"a key of a kind this test cannot read: {kind}")
        seen.append(f"{key!r} {value!r}")
    assert seen, "the database is empty: the test looks in the wrong place"
    return "\n".join(seen)


def the_case(client: TestClient, settings: Settings, session_id: str) -> dict[str, Any]:
    token = settings.staff_api_token.get_secret_value()
    response = client.get(f"/api/cases/{session_id}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    case: dict[str, Any] = response.json()
    return case


def chat(client: TestClient, session_id: str, text: str) -> list[str]:
    response = client.post(f"/api/chat/sessions/{session_id}/messages", json={"text": text})
    assert response.status_code == 200, response.text
    return [m["text"] for m in response.json()["messages"]]


# --- chat ------------------------------------------------------------------------------


def test_a_bsn_in_the_chat_is_never_stored_or_passed_on(
    gateway: TestClient, settings: Settings, rasa: Recorder, own_redis: redis.Redis
) -> None:
    session_id = gateway.post("/api/chat/sessions").json()["session_id"]
    said = chat(gateway, session_id, f"mijn bsn is {BSN}")

    assert said == [BSN_NOTE, QUESTION]  # the note first, then the bot's own reply
    assert rasa_got(rasa) == ["mijn bsn is [BSN weggehaald]"]
    case = the_case(gateway, settings, session_id)
    assert BSN not in json.dumps(case)
    assert {"sender": "resident", "text": "mijn bsn is [BSN weggehaald]"}.items() <= (
        case["transcript"][0].items()
    )
    assert BSN_NOTE in [e.get("text") for e in case["transcript"]]
    assert BSN not in everything_in(own_redis)


def test_the_note_comes_once_for_the_message_that_held_it(
    gateway: TestClient, rasa: Recorder
) -> None:
    session_id = gateway.post("/api/chat/sessions").json()["session_id"]
    assert chat(gateway, session_id, f"bsn {BSN} en rekening {IBAN}") == [
        "U hoeft uw burgerservicenummer en rekeningnummer niet te geven. Ik heb ze niet bewaard.",
        QUESTION,
    ]
    assert chat(gateway, session_id, "ik zoek hulp in huis") == [QUESTION]
    assert rasa_got(rasa) == [
        "bsn [BSN weggehaald] en rekening [rekeningnummer weggehaald]",
        "ik zoek hulp in huis",
    ]


def test_an_iban_in_the_chat_is_never_stored(
    gateway: TestClient, settings: Settings, own_redis: redis.Redis
) -> None:
    session_id = gateway.post("/api/chat/sessions").json()["session_id"]
    assert chat(gateway, session_id, "NL91 ABNA 0417 1643 00 is mijn rekening")[0] == IBAN_NOTE
    stored = everything_in(own_redis)
    assert "0417" not in stored and "ABNA" not in stored


def test_a_phone_number_or_postcode_is_no_reason_for_the_note(
    gateway: TestClient, rasa: Recorder
) -> None:
    session_id = gateway.post("/api/chat/sessions").json()["session_id"]
    text = "bel mij op 06-12345678, ik woon op 9401 AB 12, ordernummer 123456789"
    assert chat(gateway, session_id, text) == [QUESTION]
    # Nothing is taken out; a number typed in groups reaches Rasa as one word.
    assert rasa_got(rasa) == [text.replace("06-12345678", "0612345678")]


def test_a_bsn_in_a_message_about_safety_stays_out_of_the_case(
    gateway: TestClient, settings: Settings, own_redis: redis.Redis
) -> None:
    session_id = gateway.post("/api/chat/sessions").json()["session_id"]
    said = chat(gateway, session_id, f"mijn man slaat mij, mijn bsn is {BSN}")
    assert BSN_NOTE in said
    assert BSN not in json.dumps(the_case(gateway, settings, session_id))
    assert BSN not in everything_in(own_redis)


# --- phone -----------------------------------------------------------------------------


def post(client: TestClient, settings: Settings, path: str, params: dict[str, str]) -> ET.Element:
    """A signed webhook, as Twilio posts it; the answer is TwiML."""
    validator = RequestValidator(settings.twilio_auth_token.get_secret_value())
    signature = validator.compute_signature(settings.public_base_url.rstrip("/") + path, params)
    response = client.post(path, data=params, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200, response.text
    return ET.fromstring(response.text)


def listens_at(root: ET.Element) -> str:
    gather = root.find("Gather")
    assert gather is not None, ET.tostring(root)
    action = gather.get("action") or ""
    return action[action.index("/twilio/") :]


def test_a_bsn_said_on_the_phone_is_never_stored_and_the_caller_hears_why(
    gateway: TestClient, settings: Settings, rasa: Recorder, own_redis: redis.Redis
) -> None:
    call = {"CallSid": "CA" + secrets.token_hex(16), "From": "+31612345678", "To": "+3114"}
    greeting = post(gateway, settings, "/twilio/voice", call)
    speech = "mijn nummer is een een een twee twee twee drie drie drie"
    answer = post(gateway, settings, listens_at(greeting), {**call, "SpeechResult": speech})

    said = [say.text for say in answer.iter("Say")]
    assert said[:2] == [
        "U hoeft uw burgerservicenummer niet te noemen. Ik heb het niet bewaard.",
        QUESTION,
    ]
    assert rasa_got(rasa)[-1] == "mijn nummer is [BSN weggehaald]"
    stored = everything_in(own_redis)
    assert BSN not in stored and "een een een" not in stored


def test_a_bsn_typed_on_the_keypad_is_never_stored(
    gateway: TestClient, settings: Settings, rasa: Recorder, own_redis: redis.Redis
) -> None:
    call = {"CallSid": "CA" + secrets.token_hex(16), "From": "+31612345678", "To": "+3114"}
    greeting = post(gateway, settings, "/twilio/voice", call)
    answer = post(gateway, settings, listens_at(greeting), {**call, "Digits": BSN + "#"})
    assert "burgerservicenummer" in (answer.find("Gather/Say").text or "")  # type: ignore[union-attr]
    assert rasa_got(rasa)[-1] == "[BSN weggehaald]"
    assert BSN not in everything_in(own_redis)


# --- the pure parts --------------------------------------------------------------------


def test_one_note_per_message_whatever_it_held() -> None:
    assert note_phrase({"bsn"}) == "utter_privacy_bsn"
    assert note_phrase({"iban"}) == "utter_privacy_iban"
    assert note_phrase({"bsn", "iban"}) == "utter_privacy_bsn_and_iban"
    assert note_phrase(set()) is None


def test_the_note_is_said_before_the_answer() -> None:
    asked = '<?xml version="1.0"?><Response><Gather><Say>Vraag?</Say></Gather></Response>'
    root = ET.fromstring(say_first(asked, "Let op.", "Polly.Laura-Neural"))
    assert [s.text for s in root.iter("Say")] == ["Let op.", "Vraag?"]
    assert root.find("Gather/Say").get("language") == "nl-NL"  # type: ignore[union-attr]
    put_through = "<Response><Say>Ik verbind u door.</Say><Dial>+3114</Dial></Response>"
    root = ET.fromstring(say_first(put_through, "Let op.", "Polly.Laura-Neural"))
    assert [child.tag for child in root] == ["Say", "Say", "Dial"]
    assert root[0].text == "Let op."
