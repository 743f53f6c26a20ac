"""Phone webhooks with signatures computed by twilio's RequestValidator: with Rasa down, and
calls played against a Rasa at its HTTP boundary, read as a caller hears them."""

import json
import re
import secrets
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from twilio.request_validator import RequestValidator

from integrations.app import create_app
from integrations.nlg.service import Phrasing
from integrations.phone.twiml import spoken_text
from integrations.settings import DEV_STAFF_API_TOKEN, Settings
from tests.office_hours import ALWAYS_OPEN, NEVER_OPEN
from tests.recorder import Recorder, recording_server

CALL = {"CallSid": "CA-test-1", "From": "+31612345678", "To": "+31592140592"}


def signed(settings: Settings, path: str, params: dict[str, str]) -> dict[str, str]:
    validator = RequestValidator(settings.twilio_auth_token.get_secret_value())
    url = settings.public_base_url.rstrip("/") + path
    return {"X-Twilio-Signature": validator.compute_signature(url, params)}


def test_a_signed_call_is_answered_and_put_through_when_rasa_is_down(settings: Settings) -> None:
    # In office hours (outside them: the last test of this file).
    with TestClient(create_app(settings.model_copy(update=ALWAYS_OPEN))) as client:
        response = client.post(
            "/twilio/voice", data=CALL, headers=signed(settings, "/twilio/voice", CALL)
        )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(response.text)
    number = root.find("Dial/Number")
    assert number is not None and number.text == settings.aanmeldteam_dial
    assert "medewerker" in (root.find("Say").text or "")  # type: ignore[union-attr]


def test_tampered_wrong_url_or_unsigned_requests_are_refused(
    client: TestClient, settings: Settings
) -> None:
    headers = signed(settings, "/twilio/voice", CALL)
    tampered = {**CALL, "From": "+31600000000"}
    assert client.post("/twilio/voice", data=tampered, headers=headers).status_code == 403
    assert client.post("/twilio/gather", data=CALL, headers=headers).status_code == 403
    assert client.post("/twilio/voice", data=CALL).status_code == 403
    assert (
        client.post("/twilio/voice", data=CALL, headers={"X-Twilio-Signature": "x"}).status_code
        == 403
    )


# --- the line as a caller hears it, with Rasa at its HTTP boundary ----------------------
# Rasa is a recording server: each test sets what it answers next (the texts the real
# content gives on the phone), and reads what the line sent it.

STAFF_HEADERS = {"Authorization": f"Bearer {DEV_STAFF_API_TOKEN}"}


class Caller:
    """One call: signed webhooks to the gateway, and the stand-in Rasa's next answer."""

    def __init__(
        self, client: TestClient, settings: Settings, rasa: Recorder, caller: str = "+31612345678"
    ) -> None:
        self.client, self.settings, self.rasa = client, settings, rasa
        self.call = {"CallSid": "CA" + secrets.token_hex(16), "From": caller, "To": "+3114"}
        self.listening_at = "/twilio/gather"
        self.last: ET.Element | None = None

    @property
    def sid(self) -> str:
        return self.call["CallSid"]

    def phone_text(self, name: str, **slots: str) -> dict[str, object]:
        phrasing: Phrasing = self.client.app.state.phrasing  # type: ignore[attr-defined]
        assert self.client.portal is not None
        rendered: dict[str, object] = self.client.portal.call(
            partial(phrasing.render, name, "phone", slots)
        )
        return rendered

    def rasa_says(self, *names: str) -> None:
        self.rasa.body = json.dumps([self.phone_text(name) for name in names]).encode()

    def post(self, path: str, params: dict[str, str]) -> ET.Element:
        response = self.client.post(path, data=params, headers=signed(self.settings, path, params))
        assert response.status_code == 200, response.text
        root = ET.fromstring(response.text)
        heard_as_a_caller(root)
        gather = root.find("Gather")
        if gather is not None:
            parts = urlsplit(gather.get("action") or "")
            self.listening_at = parts.path + "?" + parts.query
        self.last = root
        return root

    def start(self) -> ET.Element:
        return self.post("/twilio/voice", self.call)

    def say(self, words: str, confidence: str = "0.9") -> ET.Element:
        return self.post(
            self.listening_at, {**self.call, "SpeechResult": words, "Confidence": confidence}
        )

    def press(self, keys: str) -> ET.Element:
        return self.post(self.listening_at, {**self.call, "Digits": keys})

    def silence(self) -> ET.Element:
        return self.post(self.listening_at, self.call)

    def rasa_got(self) -> list[str]:
        return [
            json.loads(r.body)["message"]
            for r in self.rasa.requests
            if r.path.startswith("/webhooks/") and json.loads(r.body)["sender"] == self.sid
        ]

    def case(self) -> dict[str, Any]:
        response = self.client.get(f"/api/cases/{self.sid}", headers=STAFF_HEADERS)
        case: dict[str, Any] = response.json()
        return case

    def queued(self) -> list[dict[str, Any]]:
        rows = self.client.get("/api/handoffs", headers=STAFF_HEADERS).json()
        return [row for row in rows if row["session_id"] == self.sid]


def said(root: ET.Element) -> list[str]:
    return [spoken_text(say) for say in root.iter("Say")]


def slower(root: ET.Element) -> list[str]:
    return ["".join(p.itertext()) for p in root.iter("prosody")]


def heard_as_a_caller(root: ET.Element) -> None:
    """Every reply as a caller hears it: each Say answered by a Gather, a Dial or a Hangup;
    at most 4 choices; no "Kies 1 voor Voor"; numbers said digit by digit."""
    verbs = [child.tag for child in root]
    if "Say" in verbs:
        last_say = max(i for i, tag in enumerate(verbs) if tag == "Say")
        assert set(verbs[last_say + 1 :]) & {"Gather", "Dial", "Hangup"}, ET.tostring(root)
    for gather in root.iter("Gather"):
        choices = [t for t in said(gather) if re.search(r"\bkies( dan)? \d\b", t, re.I)]
        assert len(choices) <= 4, said(gather)
    for text in said(root):
        assert not re.search(r"kies \d+ voor voor", text, re.I), text
        assert not re.search(r"\d{3,}", text), text  # 112, 14 0592: said digit by digit


@pytest.fixture
def rasa() -> Iterator[Recorder]:
    with recording_server(body=b"[]") as recorder:
        yield recorder


def line_with(settings: Settings, rasa: Recorder, **changes: object) -> TestClient:
    return TestClient(create_app(settings.model_copy(update={"rasa_url": rasa.url, **changes})))


@pytest.fixture
def open_line(settings: Settings, rasa: Recorder) -> Iterator[TestClient]:
    with line_with(settings, rasa, **ALWAYS_OPEN) as client:
        yield client


@pytest.fixture
def closed_line(settings: Settings, rasa: Recorder) -> Iterator[TestClient]:
    with line_with(settings, rasa, **NEVER_OPEN) as client:
        yield client


def greeted(client: TestClient, settings: Settings, rasa: Recorder, **kw: str) -> Caller:
    caller = Caller(client, settings, rasa, **kw)
    caller.rasa_says("utter_welcome", "utter_how_can_i_help")
    greeting = caller.start()
    assert said(greeting)[2:] == [
        "Zeg hulp in huis of kies 1.",
        "Zeg hulpmiddel of kies 2.",
        "Zeg niet veilig of kies 3.",
        "Zeg medewerker of kies 0.",
    ]
    return caller


def test_goodbye_says_tot_ziens_and_hangs_up(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa)
    caller.rasa_says("utter_goodbye")
    bye = caller.say("nee dank u")
    # After the goodbye, one keypad question about the conversation (issue 21) ...
    assert said(bye) == [
        "Dank u wel. Tot ziens!",
        "Wilt u zeggen hoe het ging? Kies 1 voor goed of 2 voor gaat wel. "
        "Kies 3 voor niet goed. Ophangen mag ook.",
    ]
    # ... that silence skips: tot ziens, and the line hangs up.
    skipped = caller.silence()
    assert said(skipped) == ["Dank u wel voor uw telefoontje. Tot ziens."]
    assert [child.tag for child in skipped] == ["Say", "Hangup"]


def test_the_feedback_answer_is_thanked_and_the_line_hangs_up(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa)
    caller.rasa_says("utter_goodbye")
    caller.say("dat was het")
    thanks = caller.say("prima")
    assert said(thanks) == ["Dank u wel voor uw antwoord. Tot ziens."]
    assert [child.tag for child in thanks] == ["Say", "Hangup"]
    assert "prima" not in caller.rasa_got()  # the rating never reaches the assistant


def test_no_thanks_to_the_feedback_question_ends_the_call(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    # Held by phone: "nee dank u" after the question went to the assistant, which started over.
    caller = greeted(open_line, settings, rasa)
    caller.rasa_says("utter_goodbye")
    caller.say("nee")
    bye = caller.say("nee dank u")
    assert said(bye) == ["Dank u wel voor uw telefoontje. Tot ziens."]
    assert [child.tag for child in bye] == ["Say", "Hangup"]
    assert "nee dank u" not in caller.rasa_got()


def test_silence_twice_is_a_goodbye_and_never_a_callback(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa)
    first = caller.silence()
    assert said(first)[0] == "Ik hoor u niet. Ik zeg het nog een keer."
    assert "Waar kan ik u mee helpen? Zeg het in een paar woorden." in slower(first)
    second = caller.silence()
    assert said(second)[0].startswith("Ik hoor u nog steeds niet.")
    assert second.find("Hangup") is not None and second.find("Dial") is None
    assert caller.case()["handoff"] is None and caller.queued() == []
    assert caller.rasa_got() == ["/greet"]


def test_say_it_again_repeats_slower_once_and_never_stacks(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa)
    caller.rasa_says("utter_ask_help_for")
    question = caller.press("1")
    assert said(question) == [
        "Voor wie is de hulp?",
        "Zeg voor mezelf of kies 1.",
        "Zeg voor iemand anders of kies 2.",
        "Zeg medewerker of kies 0.",
    ]
    caller.rasa_says("utter_say_again", "utter_say_again", "utter_ask_help_for")  # Rasa stacks
    for ask_again in (lambda: caller.say("wat zegt u"), lambda: caller.press("9")):
        again = ask_again()
        assert said(again)[0] == "Goed. Ik zeg het nog een keer, wat langzamer."
        assert slower(again) == said(question)  # the question once, slower; no preface piled up
    assert caller.press("2") is not None
    assert caller.rasa_got() == [
        "/greet",
        "/ask_household_help",
        "wat zegt u",
        "voor iemand anders",
    ]


def test_a_key_that_is_not_on_the_menu_is_no_answer(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa)
    caller.rasa_says("utter_ask_help_for")
    caller.press("1")
    wrong = caller.press("7")
    assert said(wrong)[0] == "Die toets hoort niet bij deze vraag."
    assert said(wrong)[1:] == [
        "Zeg voor mezelf of kies 1.",
        "Zeg voor iemand anders of kies 2.",
        "Zeg medewerker of kies 0.",
    ]
    caller.press("0")  # a person is 0 in every menu of the call
    assert caller.rasa_got() == ["/greet", "/ask_household_help", "/ask_person"]


def test_a_wrong_key_twice_reaches_a_person_never_the_menu_again(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa)
    caller.rasa_says("utter_ask_help_for")
    caller.press("1")
    assert said(caller.press("7"))[0] == "Die toets hoort niet bij deze vraag."
    second = caller.press("8")
    assert (
        said(second)[0] == "Het lukt zo niet met de toetsen. Ik verbind u door met een medewerker."
    )
    number = second.find("Dial/Number")
    assert number is not None and number.text == settings.aanmeldteam_dial


def test_a_right_key_between_two_wrong_ones_starts_the_count_again(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa)
    caller.rasa_says("utter_ask_help_for")
    caller.press("7")
    caller.press("1")
    again = caller.press("7")
    assert said(again)[0] == "Die toets hoort niet bij deze vraag." and again.find("Dial") is None


def test_a_wrong_key_twice_when_nobody_is_there_asks_where_to_call_back(
    closed_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(closed_line, settings, rasa)
    caller.press("7")
    second = caller.press("8")
    assert said(second)[:2] == [
        "Het lukt zo niet met de toetsen. Er is nu geen medewerker. Wij bellen u terug.",
        "Mogen wij u terugbellen op het nummer waarmee u nu belt?",
    ]
    assert second.find("Dial") is None and second.find("Gather") is not None
    assert [row["kind"] for row in caller.queued()] == ["terugbelverzoek"]


def test_speech_heard_badly_is_checked_back_not_guessed(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa)
    check = caller.say("ik wil een scootmobiel", confidence="0.31")
    assert said(check) == [
        "Zei u: ik wil een scootmobiel?",
        "Zeg ja of kies 1.",
        "Zeg nee of kies 2.",
    ]
    again = caller.say("nee")
    assert said(again)[0] == "Zeg het dan nog een keer in een paar woorden."
    assert "Zeg hulp in huis of kies 1." in said(again)
    caller.say("ik wil een traplift", confidence="0.35")
    caller.rasa_says("utter_ack_aids", "utter_ask_aid_needed")
    caller.press("1")  # "ja"
    assert caller.rasa_got() == ["/greet", "ik wil een traplift"]


def test_the_number_question_reads_numbers_in_any_grouping_and_the_callers_own(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa)
    caller.rasa_says("utter_ask_phone_number")
    asked = caller.say("bel mij maar")
    assert said(asked)[-2:] == ["Zeg geen nummer of kies 1.", "Zeg medewerker of kies 0."]
    more = caller.say("nul zes")
    assert said(more) == ["Ik heb nu: nul zes. Zeg de rest van het nummer."]
    read_back = caller.say("twaalf vierendertig zesenvijftig achtenzeventig")
    assert said(read_back)[0] == (
        "Ik heb dit nummer: nul zes, één twee, drie vier, vijf zes, zeven acht. Klopt dat?"
    )
    caller.rasa_says("utter_ask_phone_number")
    caller.press("1")  # ja
    caller.say("het nummer waar ik nu mee bel")
    caller.press("0687654321#")
    assert caller.rasa_got()[-3:] == ["0612345678", "0612345678", "0687654321"]


def test_a_hidden_number_is_asked_for(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa, caller="anonymous")
    caller.rasa_says("utter_ask_phone_number")
    caller.say("bel mij maar")
    hidden = caller.say("dit nummer")
    assert said(hidden)[0] == "Uw nummer is afgeschermd. Daarom zie ik het niet."
    assert caller.rasa_got() == ["/greet", "bel mij maar"]


def test_a_postcode_said_in_words_goes_on_as_digits(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa)
    caller.rasa_says("utter_ask_wijk")
    wijk = caller.say("ik wil een afspraak")
    assert said(wijk)[-2:] == ["Zeg weet ik niet of kies 1.", "Zeg medewerker of kies 0."]
    caller.say("negen vier nul acht")
    assert caller.rasa_got()[-1] == "9408"


def test_asking_for_a_person_in_office_hours_is_an_announced_warm_transfer(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa)
    caller.rasa_says("utter_handoff")
    put_through = caller.press("0")
    assert said(put_through) == ["Ik verbind u door met een medewerker. Een moment alstublieft."]
    number = put_through.find("Dial/Number")
    assert number is not None and number.text == settings.aanmeldteam_dial
    whisper_url = urlsplit(number.get("url") or "")
    staff = caller.post(whisper_url.path + "?" + whisper_url.query, {"CallSid": "CA-staff"})
    heard = said(staff)
    assert heard[0] == "Beller van de assistent: nog geen route, urgentie normaal."
    assert heard[-1] == "Druk op 1 om het gesprek aan te nemen."
    assert not any("opgeschreven" in line for line in heard)  # not the resident's read-back


def test_nobody_answers_a_callback_with_the_routes_urgency_on_a_confirmed_number(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa, caller="anonymous")
    caller.rasa_says("utter_handoff")
    put_through = caller.press("0")
    dial = put_through.find("Dial")
    assert dial is not None
    action = urlsplit(dial.get("action") or "")
    ended = caller.post(
        action.path + "?" + action.query, {**caller.call, "DialCallStatus": "no-answer"}
    )
    assert said(ended)[:3] == [
        "Er is nu niemand vrij. Wij bellen u zo snel mogelijk terug.",
        "Uw nummer is afgeschermd. Daarom zie ik het niet.",
        "Op welk nummer kunnen wij u bellen? Zeg het nummer. Of toets het in.",
    ]
    assert [(row["kind"], row["urgency"]) for row in caller.queued()] == [
        ("terugbelverzoek", "normaal")
    ]
    caller.say("nul vijf negen twee")
    caller.say("drie vijf een twee vier zeven")
    saved = caller.say("ja")
    assert said(saved)[0].startswith("Dank u wel. Ik heb uw nummer doorgegeven.")
    assert saved.find("Hangup") is not None
    assert caller.case()["intake"]["phone_number"] == "0592351247"


def test_asking_for_a_person_when_nobody_is_there_is_a_callback_never_a_transfer(
    closed_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(closed_line, settings, rasa)
    caller.rasa_says("utter_handoff")
    closed = caller.say("ik wil een medewerker spreken")
    assert closed.find("Dial") is None
    assert said(closed)[0].startswith("Nu zijn er geen medewerkers.")
    assert "Mogen wij u terugbellen op het nummer waarmee u nu belt?" in said(closed)
    done = caller.press("1")
    assert done.find("Hangup") is not None
    assert caller.case()["intake"]["phone_number"] == "0612345678"


def test_help_three_times_at_night_asks_where_to_call_back_never_silence(
    closed_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    """Held on 7 December: the third "help" got "Nu is er niemand van de gemeente" and then
    nothing, and a fourth "help" began the intake again."""
    caller = greeted(closed_line, settings, rasa)
    caller.rasa_says("utter_ack_support", "utter_ask_situation")
    caller.say("help")
    caller.say("help")
    third = caller.say("help")
    assert third.find("Dial") is None
    assert "Mogen wij u terugbellen op het nummer waarmee u nu belt?" in said(third)
    done = caller.press("1")
    assert done.find("Hangup") is not None
    assert caller.case()["intake"]["phone_number"] == "0612345678"


def test_words_that_held_a_bsn_are_never_said_back(
    open_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    caller = greeted(open_line, settings, rasa)
    caller.rasa_says("utter_ack_aids", "utter_ask_aid_needed")
    answer = caller.say("mijn bsn is 111222333 ik wil een scootmobiel", confidence="0.2")
    assert (
        said(answer)[0] == "U hoeft uw burgerservicenummer niet te noemen. Ik heb het niet bewaard."
    )
    assert not any(text.startswith("Zei u") for text in said(answer))
    assert caller.rasa_got()[-1] == "mijn bsn is [BSN weggehaald] ik wil een scootmobiel"


def test_the_assistant_down_outside_office_hours_asks_where_to_call_back(
    closed_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    # Rasa answers nothing: in office hours the caller is put through (the first test);
    # outside them nobody would answer, so the line asks for a number to call back.
    caller = Caller(closed_line, settings, rasa)
    first = caller.start()
    assert said(first)[:2] == [
        "Sorry, er gaat nu iets mis bij ons. En er is nu geen medewerker.",
        "Mogen wij u terugbellen op het nummer waarmee u nu belt?",
    ]
    assert first.find("Dial") is None and first.find("Gather") is not None
    assert [row["kind"] for row in caller.queued()] == ["terugbelverzoek"]
    done = caller.say("ja")
    assert done.find("Hangup") is not None and done.find("Dial") is None
    assert caller.case()["intake"]["phone_number"] == "0612345678"


def test_a_silent_caller_in_the_safety_protocol_is_put_through_once_never_just_hung_up_on(
    closed_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    """Held as a resident on 7 December: "ik kan het allemaal niet meer aan", then silence
    twice after "Denkt u eraan om uzelf iets aan te doen?": "Ik hoor u nog steeds niet. ...
    Tot ziens." and the line hung up. The caller may be unable to speak, not gone."""
    caller = greeted(closed_line, settings, rasa)
    caring = caller.say("ik kan het allemaal niet meer aan")
    assert any("uzelf iets aan te doen" in line for line in said(caring))
    caller.silence()
    put_through = caller.silence()
    assert said(put_through)[0].startswith("Ik hoor u niet. Misschien kunt u nu niet praten.")
    number = put_through.find("Dial/Number")
    assert number is not None and number.text == settings.suicide_prevention_dial
    assert put_through.find("Hangup") is None
    # 113 does not answer: its number to call, and the line stays open.
    action = urlsplit(put_through.find("Dial").get("action") or "")  # type: ignore[union-attr]
    no_answer = {**caller.call, "DialCallStatus": "no-answer"}
    after = caller.post(action.path + "?" + action.query, no_answer)
    assert after.find("Gather") is not None and after.find("Hangup") is None
    # Still silent: once put through is enough; the goodbye names 113 and 112.
    caller.silence()
    bye = caller.silence()
    assert bye.find("Dial") is None and bye.find("Hangup") is not None
    last = said(bye)[0]
    assert last == (
        "Ik hoor u nog steeds niet. U kunt één één drie altijd gratis bellen op nul acht nul "
        "nul, nul één één drie. Bij gevaar belt u meteen één één twee. Tot ziens."
    )


def test_a_suicidal_caller_who_is_called_back_hears_113_once_more(
    closed_line: TestClient, settings: Settings, rasa: Recorder
) -> None:
    """Held as a resident on 7 December: after 113 did not answer and a callback was agreed,
    "Dank u wel. Ik heb uw nummer doorgegeven. ... Tot ziens." and the line hung up (the
    callback only comes on the next working day)."""
    caller = greeted(closed_line, settings, rasa)
    put_through = caller.say("ik wil niet meer leven")
    action = urlsplit(put_through.find("Dial").get("action") or "")  # type: ignore[union-attr]
    caller.post(action.path + "?" + action.query, {**caller.call, "DialCallStatus": "no-answer"})
    caller.press("7")
    asked = caller.press("8")  # the keys do not work: where to call back
    assert "Mogen wij u terugbellen op het nummer waarmee u nu belt?" in said(asked)
    saved = caller.say("ja")
    assert said(saved)[-1] == (
        "Dank u wel, ik heb uw nummer doorgegeven. Wilt u nu al met iemand praten? Bel dan "
        "gratis één één drie op nul acht nul nul, nul één één drie, dag en nacht. Tot ziens."
    )
