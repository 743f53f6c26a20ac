"""Reading the answers to the intake questions. Pure, no I/O."""

import re
from collections.abc import Callable

CALL_ME = "bellen"
CALL_SELF = "zelf bellen"
NO_PREFERENCE = "geen voorkeur"
NOT_GIVEN = "niet gegeven"
APPOINTMENT = "afspraak"
NO_APPOINTMENT = "geen afspraak"
MAX_ANSWER_CHARS = 200

_YES_WORDS = {"ja", "jaa", "graag", "afspraak", "goed", "prima", "oke", "ok", "okee", "zeker"}
# Nine digits in a row could be a BSN: the assistant never asks for one and never keeps one.
_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def answer_text(text: str | None) -> str:
    """The resident's own words, tidy and short, without anything that looks like a BSN."""
    words = " ".join((text or "").split())
    return _NINE_DIGITS.sub("[...]", words)[:MAX_ANSWER_CHARS]


def contact_preference(text: str | None) -> str:
    lowered = (text or "").lower()
    if "zelf" in lowered:
        return CALL_SELF
    if "bel" in lowered or re.search(r"\d{6,}", lowered.replace(" ", "")):
        return CALL_ME
    return NO_PREFERENCE


def dutch_phone_number(text: str | None) -> str | None:
    """A Dutch phone number as 10 digits, or None."""
    digits = re.sub(r"[^\d+]", "", text or "")
    if digits.startswith("+31"):
        digits = "0" + digits[3:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    return digits if re.fullmatch(r"0\d{9}", digits) else None


def number_answer(
    slot: str, text: str | None, tries: int, parse: Callable[[str | None], str | None]
) -> tuple[dict[str, object], bool]:
    """The slot values for an answer to a number question, and whether to ask once more.

    A good number is kept; "nee", "weet ik niet" or a wrong number twice go on without one,
    so the question never loops."""
    number = parse(text)
    if number:
        return {slot: number, "phone_tries": 0}, False
    if not has_digits(text) or tries >= 1:
        return {slot: NOT_GIVEN, "phone_tries": 0}, False
    return {slot: None, "phone_tries": tries + 1}, True


def has_digits(text: str | None) -> bool:
    return any(ch.isdigit() for ch in text or "")


def appointment_choice(text: str | None) -> str:
    words = set(re.findall(r"[a-z]+", (text or "").lower()))
    return APPOINTMENT if words & _YES_WORDS and "nee" not in words else NO_APPOINTMENT


# How the appointment dialogue ended (integrations/appointments/state.py `Outcome`).
BOOKED = "geboekt"
CALLBACK = "terugbellen"
OUTSIDE_ASSEN = "buiten Assen"
HANDLED = "afgehandeld"
