"""The pure parts of the replay guard: what is the same request, what is a call, a prompt."""

import dataclasses
import xml.etree.ElementTree as ET

from integrations.phone import twiml
from integrations.phone.fields import is_call_sid
from integrations.phone.replay import fingerprint

URL = "https://hulp.assen.nl/twilio/gather?step=abc"
CONFIG = twiml.PhoneConfig(
    base_url="https://hulp.assen.nl",
    voice="Polly.Laura-Neural",
    speech_model="deepgram_nova-2",
    speech_timeout=3,
    aanmeldteam="+31592123456",
)


def test_the_same_request_has_the_same_fingerprint_whatever_the_field_order() -> None:
    one = fingerprint("sig", URL, {"CallSid": "CA1", "Digits": "1"})
    assert one == fingerprint("sig", URL, {"Digits": "1", "CallSid": "CA1"})
    assert one != fingerprint("sig", URL, {"CallSid": "CA1", "Digits": "2"})
    assert one != fingerprint("sig", URL.replace("abc", "abd"), {"CallSid": "CA1", "Digits": "1"})
    assert one != fingerprint("other", URL, {"CallSid": "CA1", "Digits": "1"})


def test_each_answer_listens_and_reports_on_its_own_step() -> None:
    config = dataclasses.replace(CONFIG, step="s1")
    gather = ET.fromstring(twiml.ask(config, ["Waar kan ik u mee helpen?"])).find("Gather")
    assert (
        gather is not None and gather.get("action") == "https://hulp.assen.nl/twilio/gather?step=s1"
    )
    dial = ET.fromstring(twiml.transfer(config, [], "+31592123456", "CA1")).find("Dial")
    assert dial is not None
    assert dial.get("action") == "https://hulp.assen.nl/twilio/dial-status?session=CA1&step=s1"


def test_only_a_question_to_the_caller_is_a_prompt() -> None:
    assert twiml.is_prompt(twiml.ask(CONFIG, ["Waar kan ik u mee helpen?"]))
    assert not twiml.is_prompt(twiml.whisper(CONFIG, [], "CA1"))  # asks the staff member
    assert not twiml.is_prompt(twiml.transfer(CONFIG, [], "+31592123456"))
    assert not twiml.is_prompt(twiml.empty())


def test_a_call_sid_has_twilios_shape() -> None:
    assert is_call_sid("CA" + "0123456789abcdef" * 2)
    assert not is_call_sid("")
    assert not is_call_sid("CA")
    assert not is_call_sid("CA1\n")
    assert not is_call_sid("CA" + "x" * 100)
    assert not is_call_sid("SM0123456789abcdef")
