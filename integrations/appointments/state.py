"""The appointment dialogue's state in one conversation, and what a turn gives back. Pure.

`step` is the question the resident is answering now. The agenda keeps the team, the times
offered, the pick, the wish and the booking itself (integrations/agenda/dialog_state.py);
this state keeps what the dialogue needs besides: what the resident wants, the kind of
appointment, the details a home visit or a call needs, and how often an answer was unclear.
"""

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel

from integrations.appointments.reading import Kind, Purpose, Question

Step = Literal[
    "place",  # in which wijk, village or street; or the postcode, or the house number
    "outside",  # a place outside Assen was given: another place, or "ik woon niet in Assen"
    "kind",  # at the buurtteam, at home or by phone
    "home_address",  # where a home visit goes
    "call_number",  # which number the team calls for a phone appointment
    "time",  # three times offered
    "time_wish",  # "Wanneer past het u wel?"
    "no_times",  # no time free: shall the team call?
    "callback",  # the number for the team to call back on
    "confirm",  # "Zal ik de afspraak voor u maken?"
    "repeat",  # by phone: "Zal ik het nog een keer zeggen?"
    "detail",  # the house number that goes with the code
    "sms",  # "Wilt u een sms met de afspraak?"
    "sms_number",
    "cancel",  # "Wilt u de afspraak op ... afzeggen?"
    "code",  # the code of an appointment made in another conversation
    "code_detail",  # the house number that goes with that code
    "done",
]
# How the dialogue ended, as the buurtteam form and the case name it.
Outcome = Literal["geboekt", "terugbellen", "geen afspraak", "buiten Assen", "afgehandeld"]
Channel = Literal["chat", "phone"]
MAX_UNCLEAR = 2
MAX_CODE_TRIES = 3


PlaceQuestion = Literal["wijk", "postcode", "house_number"]


class Dialogue(BaseModel):
    step: Step = "done"
    # Which place question is open: the wijk, the postcode, or the house number.
    place_question: PlaceQuestion = "wijk"
    purpose: Purpose = "book"
    # A question asked before the appointment was found with its code: answered after.
    question: Question | None = None
    kind: Kind | None = None
    home_address: str | None = None
    call_number: str | None = None
    # The house number the code goes with, when the resident already gave it.
    house_number: int | None = None
    code: str | None = None
    tries: int = 0
    code_tries: int = 0
    moving: bool = False
    outcome: Outcome | None = None
    channel: Channel = "chat"

    @property
    def open(self) -> bool:
        return self.step != "done"

    def at(self, step: Step) -> "Dialogue":
        """On to `step`, with a fresh count of unclear answers."""
        return self.model_copy(update={"step": step, "tries": 0})

    def end(self, outcome: Outcome) -> "Dialogue":
        return self.model_copy(update={"step": "done", "tries": 0, "outcome": outcome})


@dataclass(frozen=True)
class Say:
    """One response of the phrasing files by name, with its values; `buttons`: only the
    buttons with these payloads (and always the way to a person)."""

    response: str
    values: dict[str, str] = field(default_factory=dict)
    buttons: tuple[str, ...] | None = None

    def as_json(self) -> dict[str, object]:
        body: dict[str, object] = {"response": self.response, "values": self.values}
        if self.buttons is not None:
            body["button_payloads"] = list(self.buttons)
        return body
