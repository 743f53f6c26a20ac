"""The shipped texts as the phone says them: a menu of its own for every question, at most
4 choices with words a caller can say, the same key for the same answer, and never the
number the caller is calling."""

import re

import pytest

from integrations.chat.schemas import BotButton
from integrations.nlg.constants import phrasing_constants
from integrations.nlg.phrasing import PERSON_PAYLOAD, PhrasingBook, load_phrasing_dir
from integrations.phone.keypad import MAX_CHOICES, REPEAT_PAYLOAD, keypad_menu
from integrations.settings import REPO_ROOT, Settings

CONTENT = REPO_ROOT / "integrations" / "nlg" / "content"
PHRASES = load_phrasing_dir(CONTENT)
SETTINGS = Settings(_env_file=None)
BOOK = PhrasingBook(PHRASES, phrasing_constants(SETTINGS))
TEMPLATE = PHRASES["utter_phone_choice"].text
OFFERS = {"offer_1": "maandag 7 december om 9.00 uur", "offer_2": "maandag 7 december om 13.00 uur"}
WITH_BUTTONS = sorted(name for name, phrase in PHRASES.items() if phrase.buttons)


def phone_menu(name: str, **slots: str) -> tuple[str, list[str], dict[str, str]]:
    rendered = BOOK.render(name, "phone", {**OFFERS, **slots})
    buttons = [BotButton(**b) for b in rendered["buttons"]]  # type: ignore[attr-defined]
    menu = keypad_menu(buttons, TEMPLATE, "Zal ik het herhalen? Kies dan 9.")
    return str(rendered["text"]), menu.spoken, menu.choices


@pytest.mark.parametrize("name", WITH_BUTTONS)
def test_every_question_has_a_menu_for_the_ear(name: str) -> None:
    phrase = PHRASES[name]
    assert phrase.voice_buttons, f"{name}: the phone would read the chat buttons"
    numbered = [
        b for b in phrase.voice_buttons if b.payload not in (PERSON_PAYLOAD, REPEAT_PAYLOAD)
    ]
    assert len(phrase.voice_buttons) <= MAX_CHOICES and len(numbered) <= 3, name
    assert any(b.payload == PERSON_PAYLOAD for b in phrase.voice_buttons), name
    for button in phrase.voice_buttons:
        if not button.title.startswith("{"):
            assert len(button.title.split()) <= 4, (name, button.title)
            assert " of " not in f" {button.title} ", (name, button.title)  # "Zeg x of y of kies"
    _, spoken, _ = phone_menu(name)
    assert len(spoken) <= MAX_CHOICES, (name, spoken)
    for line in spoken:
        assert not re.search(r"kies \d+ voor voor", line, re.IGNORECASE), line


def test_the_same_answer_has_the_same_key_in_every_menu() -> None:
    keys: dict[str, set[str]] = {}
    for name in sorted(n for n, p in PHRASES.items() if p.voice_buttons):
        _, _, choices = phone_menu(name)
        words = {b.payload: b.title for b in PHRASES[name].voice_buttons}
        for key, payload in choices.items():
            keys.setdefault(words.get(payload, payload), set()).add(key)
    assert keys["medewerker"] == {"0"}
    assert keys["herhaal"] == {"9"}
    assert keys["ja"] == {"1"} and keys["nee"] == {"2"}
    greeting = phone_menu("utter_how_can_i_help")[2]
    assert phone_menu("utter_fallback_rephrase")[2] == greeting  # the topics keep their keys


def test_times_are_said_once() -> None:
    text, spoken, _ = phone_menu("utter_offer_appointments", team_name="Buurtteam Marsdijk")
    for offer in OFFERS.values():
        assert (text + " ".join(spoken)).count(offer) == 1


def test_the_phone_never_tells_a_caller_to_call_the_number_they_are_calling() -> None:
    contact = SETTINGS.contact_phone
    for name in PHRASES:
        if name.startswith(("utter_sms_", "utter_ics_")):
            continue  # written, not said
        said = str(BOOK.render(name, "phone", OFFERS)["text"])
        assert f"Bel ons op {contact}" not in said, name
        assert f"Bel dan {contact}" not in said, name
        assert f"Of bel {contact}" not in said, name
