"""The answers of the intake as they are kept, and the outcomes of the appointment dialogue.

Reading an answer in its context lives in bot/answers/reading.py; these are its values and
two short readers the appointment steps use after the form has read the answer."""

from bot.answers.reading import (
    APPOINTMENT,
    CALL_ME,
    CALL_SELF,
    MAX_ANSWER_CHARS,
    NO_APPOINTMENT,
    NO_PREFERENCE,
    NOT_GIVEN,
    answer_text,
    dutch_phone_number,
    plain,
    yes_or_no,
)
from bot.answers.reading import contact_preference as _contact_preference

__all__ = [
    "APPOINTMENT",
    "BOOKED",
    "CALLBACK",
    "CALL_ME",
    "CALL_SELF",
    "HANDLED",
    "MAX_ANSWER_CHARS",
    "NOT_GIVEN",
    "NO_APPOINTMENT",
    "NO_PREFERENCE",
    "OUTSIDE_ASSEN",
    "answer_text",
    "appointment_choice",
    "contact_preference",
    "dutch_phone_number",
]


def contact_preference(text: str | None) -> str:
    return _contact_preference(plain(text)) or NO_PREFERENCE


def appointment_choice(text: str | None) -> str:
    """An appointment for a clear yes; anything else is no appointment. The form lets only a
    yes or a no come this far ("weet ik niet" is explained first, bot/answers/reading.py)."""
    return yes_or_no(plain(text)) or NO_APPOINTMENT


# How the appointment dialogue ended (integrations/appointments/state.py `Outcome`).
BOOKED = "geboekt"
CALLBACK = "terugbellen"
OUTSIDE_ASSEN = "buiten Assen"
HANDLED = "afgehandeld"
