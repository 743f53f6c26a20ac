"""The phone's menus: buttons become keys to press and words to say. Pure.

- A menu has at most 4 choices, one sentence each: "Zeg ja of kies 1." A question with more
  answers asks openly in its voice text and offers only the most needed ones as keys (the
  content files' `voice_buttons`).
- The same key keeps its meaning in the whole call: 0 is always a person, 9 always "say it
  again"; the other choices are 1, 2, 3 in the order the content file gives them.
- A key that is not on the menu is no answer: the caller hears the menu again.
- Saying a choice's word is the same as pressing its key ("Zeg niet veilig of kies 3").
"""

import re
from dataclasses import dataclass
from typing import Literal

from integrations.chat.schemas import BotButton
from integrations.nlg.phrasing import PERSON_PAYLOAD, fill_placeholders
from integrations.numbers.words import plain

REPEAT_PAYLOAD = "/repeat"
PERSON_KEY = "0"
REPEAT_KEY = "9"
RESERVED = {PERSON_KEY: PERSON_PAYLOAD, REPEAT_KEY: REPEAT_PAYLOAD}
MAX_CHOICES = 4
PERSON_WORD = "medewerker"
PERSON_WORDS = {"en": "person"}  # in a call in English (integrations/languages)
_FILLERS = {"eh", "ehm", "euh", "uh", "uhm", "hm", "nou", "eeh"}


@dataclass(frozen=True)
class Menu:
    """What the caller hears, and which key sends which payload."""

    spoken: list[str]
    choices: dict[str, str]
    words: dict[str, str]  # a choice's word, as said, and its payload


def said_plainly(speech: str) -> str:
    """Speech as the menu's words are kept: lower case, no punctuation, no "eh" in front."""
    words = re.findall(r"[a-z0-9]+", plain(speech))
    while words and words[0] in _FILLERS:
        words.pop(0)
    return " ".join(words)


def keypad_menu(
    buttons: list[BotButton], template: str, repeat_line: str = "", language: str = "nl"
) -> Menu:
    """One sentence per choice from `template` ("Zeg {choice} of kies {number}."): the
    numbered choices first, then "say it again" (`repeat_line`, when given) and a person
    (its word in the call's `language`)."""
    person = next((b for b in buttons if b.payload == PERSON_PAYLOAD), None)
    repeat = next((b for b in buttons if b.payload == REPEAT_PAYLOAD), None)
    others = [b for b in buttons if b.payload not in (PERSON_PAYLOAD, REPEAT_PAYLOAD)]
    room = MAX_CHOICES - (person is not None) - (repeat is not None)
    spoken: list[str] = []
    choices: dict[str, str] = {}
    words: dict[str, str] = {}

    def offer(key: str, button: BotButton, line: str = "") -> None:
        values = {"number": key, "choice": button.title}
        spoken.append(line or fill_placeholders(template, values))
        choices[key] = button.payload
        words[said_plainly(button.title)] = button.payload

    for number, button in enumerate(others[:room], start=1):
        offer(str(number), button)
    if repeat is not None:
        offer(REPEAT_KEY, repeat, repeat_line)
    if person is not None:  # the same words in every menu, also for a chat title
        word = PERSON_WORDS.get(language, PERSON_WORD)
        offer(PERSON_KEY, BotButton(title=word, payload=PERSON_PAYLOAD))
    return Menu(spoken, choices, words)


KeyKind = Literal["choice", "digits", "wrong"]


def read_keys(digits: str, choices: dict[str, str]) -> tuple[KeyKind, str]:
    """What the keys pressed mean: a menu choice (its payload), a number typed in (the
    digits, for a postcode or a phone number), or a key that is not on the menu."""
    digits = re.sub(r"[^0-9*#]", "", digits)
    if digits in choices:
        return "choice", choices[digits]
    if digits in RESERVED:
        return "choice", RESERVED[digits]
    number = digits.strip("#*")
    if len(number) > 1:
        return "digits", number
    return "wrong", number


def choice_said(speech: str, words: dict[str, str]) -> str | None:
    """The payload of the choice whose word the caller said, and nothing else."""
    return words.get(said_plainly(speech))


def answer_from_keys(digits: str, choices: dict[str, str]) -> str:
    """A menu choice becomes its payload; other keys (a postcode, a phone number) are text."""
    return read_keys(digits, choices)[1]
