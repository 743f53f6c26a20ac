"""TwiML checks: Gather attributes, only Say inside Gather, a Dutch voice, absolute URLs."""

import xml.etree.ElementTree as ET

from integrations.chat.schemas import BotButton
from integrations.phone import twiml
from integrations.phone.keypad import answer_from_keys, keypad_menu

CONFIG = twiml.PhoneConfig(
    base_url="https://hulp.assen.nl",
    voice="Polly.Laura-Neural",
    speech_model="deepgram_nova-2",
    speech_timeout=3,
    aanmeldteam="+31592123456",
)


def says_are_dutch(element: ET.Element) -> None:
    for say in element.iter("Say"):
        assert say.get("voice") == "Polly.Laura-Neural"
        assert say.get("language") == "nl-NL"


def test_ask_listens_for_dutch_speech_and_keys() -> None:
    root = ET.fromstring(
        twiml.ask(CONFIG, ["Waar kan ik u mee helpen?", "Kies 1 voor Hulp in huis."])
    )
    (gather,) = root.findall("Gather")
    assert gather.get("input") == "speech dtmf"
    assert gather.get("language") == "nl-NL"
    assert gather.get("speechModel") == "deepgram_nova-2"
    assert gather.get("speechTimeout") == "3"  # an integer, not "auto"
    assert gather.get("actionOnEmptyResult") == "true"
    assert gather.get("action") == "https://hulp.assen.nl/twilio/gather"
    assert "scootmobiel" in (gather.get("hints") or "")
    assert {child.tag for child in gather} <= {"Say", "Pause", "Play"}
    assert [s.text for s in gather] == ["Waar kan ik u mee helpen?", "Kies 1 voor Hulp in huis."]
    says_are_dutch(root)


def test_a_warm_transfer_whispers_the_case_first() -> None:
    root = ET.fromstring(twiml.transfer(CONFIG, ["Ik verbind u door."], "+31592123456", "CA1"))
    dial = root.find("Dial")
    assert dial is not None and dial.get("answerOnBridge") == "true"
    assert dial.get("action") == "https://hulp.assen.nl/twilio/dial-status?session=CA1"
    number = dial.find("Number")
    assert number is not None and number.text == "+31592123456"
    assert number.get("url") == "https://hulp.assen.nl/twilio/whisper?session=CA1"
    says_are_dutch(root)


def test_the_whisper_asks_to_press_1_and_has_no_dial() -> None:
    root = ET.fromstring(twiml.whisper(CONFIG, ["U zoekt hulp in het huishouden."], "CA1"))
    assert root.find("Dial") is None
    gather = root.find("Gather")
    assert gather is not None and gather.get("numDigits") == "1"
    assert gather.get("action") == "https://hulp.assen.nl/twilio/whisper-accept?session=CA1"
    texts = [s.text for s in gather.iter("Say")]
    assert "U zoekt hulp in het huishouden." in texts
    assert texts[-1] == "Druk op 1 om het gesprek aan te nemen."
    assert root.find("Hangup") is not None


def test_buttons_become_keypad_choices() -> None:
    buttons = [BotButton(title="Hulp in huis", payload="/ask_household_help"),
               BotButton(title="Praat met een medewerker", payload="/ask_person")]  # fmt: skip
    menu = keypad_menu(buttons, "Kies {number} voor {choice}.")
    assert menu.spoken == ["Kies 1 voor Hulp in huis.", "Kies 2 voor Praat met een medewerker."]
    assert answer_from_keys("2", menu.choices) == "/ask_person"
    assert answer_from_keys("9401#", menu.choices) == "9401"  # a postcode by keypad
