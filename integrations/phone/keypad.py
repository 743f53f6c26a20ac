"""Buttons become keypad choices on the phone. Pure."""

import re
from dataclasses import dataclass

from integrations.chat.schemas import BotButton
from integrations.nlg.phrasing import fill_placeholders

MAX_CHOICES = 9


@dataclass(frozen=True)
class Menu:
    """What the caller hears, and which key sends which payload."""

    spoken: list[str]
    choices: dict[str, str]


def keypad_menu(buttons: list[BotButton], template: str) -> Menu:
    """One sentence per button from `template` ("Kies {number} voor {choice}."), at most 9."""
    spoken: list[str] = []
    choices: dict[str, str] = {}
    for number, button in enumerate(buttons[:MAX_CHOICES], start=1):
        spoken.append(fill_placeholders(template, {"number": str(number), "choice": button.title}))
        choices[str(number)] = button.payload
    return Menu(spoken, choices)


def answer_from_keys(digits: str, choices: dict[str, str]) -> str:
    """A menu choice becomes its payload; other keys (a postcode, a phone number) are text."""
    digits = re.sub(r"[^0-9*#]", "", digits)
    if digits in choices:
        return choices[digits]
    return digits.strip("#*")
