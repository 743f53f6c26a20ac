"""What a resident chose among the offered times, as the agenda takes it. Pure.

Reading it from the resident's words ("de eerste", "dinsdagmiddag", "andere tijd") belongs to
the appointment dialogue (integrations/appointments/times.py)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from integrations.agenda.wishes import DayWish

ChoiceKind = Literal["chosen", "more", "declined", "wish", "unclear", "callback", "give_up"]


@dataclass(frozen=True)
class Offer:
    slot_id: str
    start: datetime
    when: str


@dataclass(frozen=True)
class Choice:
    kind: ChoiceKind
    slot_id: str | None = None
    wish: DayWish | None = None
