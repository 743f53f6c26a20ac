"""TwiML checks: Gather attributes, only Say inside Gather, a Dutch voice, absolute URLs,
texts said for the ear, a repeat said slower, and menus of at most 4 choices."""

import xml.etree.ElementTree as ET

from integrations.chat.schemas import BotButton
from integrations.phone import twiml
from integrations.phone.keypad import answer_from_keys, choice_said, keypad_menu, read_keys

CONFIG = twiml.PhoneConfig(
    base_url="https://hulp.assen.nl",
    voice="Polly.Laura-Neural",
    speech_model="googlev2_telephony",
    speech_timeout=3,
    aanmeldteam="+31592123456",
    numbers=("14 0592", "112", "0800-0113"),
    places=("Kloosterveen", "Loon"),
)
TEMPLATE = "Zeg {choice} of kies {number}."


def says_are_dutch(element: ET.Element) -> None:
    for say in element.iter("Say"):
        assert say.get("voice") == "Polly.Laura-Neural"
        assert say.get("language") == "nl-NL"


def test_ask_listens_for_dutch_speech_and_keys() -> None:
    root = ET.fromstring(
        twiml.ask(CONFIG, ["Waar kan ik u mee helpen?", "Zeg hulp in huis of kies 1."])
    )
    (gather,) = root.findall("Gather")
    assert gather.get("input") == "speech dtmf"
    assert gather.get("language") == "nl-NL"
    assert gather.get("speechModel") == "googlev2_telephony"
    assert gather.get("speechTimeout") == "3"  # an integer, not "auto"
    assert gather.get("actionOnEmptyResult") == "true"
    assert gather.get("action") == "https://hulp.assen.nl/twilio/gather"
    hints = gather.get("hints") or ""
    for word in ("scootmobiel", "huishoudelijke hulp", "Kloosterveen", "Loon", "medewerker"):
        assert word in hints
    assert {child.tag for child in gather} <= {"Say", "Pause", "Play"}
    assert [s.text for s in gather] == ["Waar kan ik u mee helpen?", "Zeg hulp in huis of kies 1."]
    says_are_dutch(root)


def test_numbers_and_times_are_said_for_the_ear() -> None:
    root = ET.fromstring(
        twiml.ask(
            CONFIG,
            [
                "Bel 14 0592 op werkdagen van 9.00 tot 17.00 uur.",
                "Bij gevaar belt u 112. Of bel 0800-0113.",
                "Uw afspraak is om 9.45 uur.",
            ],
        )
    )
    said = [s.text for s in root.iter("Say")]
    assert said == [
        "Bel veertien, nul vijf negen twee op werkdagen van 9 uur tot 17 uur.",
        "Bij gevaar belt u één één twee. Of bel nul acht nul nul, nul één één drie.",
        "Uw afspraak is om 9 uur 45.",
    ]


def test_said_again_is_said_slower_after_one_preface() -> None:
    root = ET.fromstring(twiml.ask(CONFIG, ["Ik zeg het nog een keer."], slow=["Vraag?"]))
    gather = root.find("Gather")
    assert gather is not None
    first, second = gather.findall("Say")
    assert first.text == "Ik zeg het nog een keer." and first.find("prosody") is None
    prosody = second.find("prosody")
    assert prosody is not None and prosody.get("rate") == twiml.SLOWER
    assert twiml.spoken_text(second) == "Vraag?"
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


def test_a_goodbye_hangs_up() -> None:
    root = ET.fromstring(twiml.goodbye(CONFIG, ["Dank u wel. Tot ziens!"]))
    assert [child.tag for child in root] == ["Say", "Hangup"]


# --- menus -----------------------------------------------------------------------------


def buttons(*pairs: tuple[str, str]) -> list[BotButton]:
    return [BotButton(title=title, payload=payload) for title, payload in pairs]


def test_buttons_become_keypad_choices() -> None:
    menu = keypad_menu(
        buttons(("hulp in huis", "/ask_household_help"), ("medewerker", "/ask_person")),
        TEMPLATE,
    )
    assert menu.spoken == ["Zeg hulp in huis of kies 1.", "Zeg medewerker of kies 0."]
    assert answer_from_keys("0", menu.choices) == "/ask_person"
    assert answer_from_keys("1", menu.choices) == "/ask_household_help"
    assert answer_from_keys("9401#", menu.choices) == "9401"  # a postcode by keypad


def test_a_menu_has_at_most_4_choices_and_says_each_once() -> None:
    many = buttons(*[(f"keuze {n}", f"/k{n}") for n in range(1, 8)], ("medewerker", "/ask_person"))
    menu = keypad_menu(many, TEMPLATE)
    assert len(menu.spoken) == 4
    assert set(menu.choices) == {"1", "2", "3", "0"}


def test_say_it_again_is_9_and_asks_as_a_question() -> None:
    menu = keypad_menu(
        buttons(
            ("ja", "/affirm"),
            ("nee", "/deny"),
            ("herhaal", "/repeat"),
            ("medewerker", "/ask_person"),
        ),
        TEMPLATE,
        "Zal ik het herhalen? Kies dan 9.",
    )
    assert menu.spoken == [
        "Zeg ja of kies 1.",
        "Zeg nee of kies 2.",
        "Zal ik het herhalen? Kies dan 9.",
        "Zeg medewerker of kies 0.",
    ]
    assert menu.choices["9"] == "/repeat"


def test_keys_keep_their_meaning_and_a_wrong_key_is_no_answer() -> None:
    choices = {"1": "ja", "2": "nee"}
    assert read_keys("1", choices) == ("choice", "ja")
    assert read_keys("0", choices) == ("choice", "/ask_person")  # 0 is a person everywhere
    assert read_keys("9", choices) == ("choice", "/repeat")  # 9 says it again everywhere
    assert read_keys("7", choices) == ("wrong", "7")
    assert read_keys("0612345678#", choices) == ("digits", "0612345678")


def test_saying_a_choices_word_is_pressing_its_key() -> None:
    menu = keypad_menu(
        buttons(("niet veilig", "/safety_check"), ("medewerker", "/ask_person")), TEMPLATE
    )
    assert choice_said("Niet veilig.", menu.words) == "/safety_check"
    assert choice_said("eh medewerker", menu.words) == "/ask_person"
    assert choice_said("ik voel me thuis niet veilig", menu.words) is None  # words: for Rasa
