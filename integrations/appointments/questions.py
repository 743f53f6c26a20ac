"""What the resident hears in the appointment dialogue: each question, the offered times, the
confirmation, and the answers to questions about an appointment. Pure: response names of the
phrasing files (integrations/nlg/content/agenda.yml) with their values.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_datetime

from integrations.agenda.slots import spoken_day, spoken_when
from integrations.appointments.reading import Kind, Question, Spoken
from integrations.appointments.state import Dialogue, Say

PERSON = "/ask_person"
# What the kind question sends for each kind, and the button that leads to it.
KIND_PAYLOADS: dict[Kind, str] = {
    "office": "bij het buurtteam",
    "home": "bij mij thuis",
    "phone": "aan de telefoon",
}
OTHER_TIME = "andere tijd"
OTHER_KIND = "andere manier"
BY_KIND: dict[Kind, str] = {"office": "", "home": "_home", "phone": "_phone"}


@dataclass(frozen=True)
class Facts:
    """An appointment as the resident hears about it."""

    start: datetime
    kind: Kind
    team_name: str
    team_address: str
    team_phone: str
    professional: str
    minutes: int
    ics_url: str
    call_number: str | None = None

    def values(self) -> dict[str, str]:
        values = {
            "appointment_when": spoken_when(self.start),
            "appointment_day": spoken_day(self.start.date()),
            "appointment_time": time_of(self.start),
            "team_name": self.team_name,
            "team_address": self.team_address,
            "team_phone": self.team_phone,
            "professional": self.professional,
            "minutes": str(self.minutes),
            "ics_url": self.ics_url,
        }
        if self.call_number:
            values["call_number"] = self.call_number
        return values


def time_of(start: datetime) -> str:
    return str(format_datetime(start, "H.mm 'uur'", locale="nl"))


def place_question(dialogue: Dialogue) -> list[Say]:
    names = {
        "wijk": "utter_ask_wijk",
        "postcode": "utter_ask_postcode",
        "house_number": "utter_ask_house_number",
    }
    return [Say(names[dialogue.place_question])]


def kind_question(kinds: Sequence[Kind]) -> list[Say]:
    return [Say("utter_ask_kind", buttons=tuple(KIND_PAYLOADS[k] for k in kinds))]


def not_offered(kind: Kind, team_name: str) -> Say:
    """ "Buurtteam X komt niet bij u thuis." and the like."""
    return Say(f"utter_kind_not_offered{BY_KIND[kind]}", {"team_name": team_name})


def offer_says(
    kind: Kind,
    team_name: str,
    whens: Sequence[str],
    spoken: str,
    team_kinds: Sequence[Kind],
) -> list[Say]:
    """Three times as buttons (and in one sentence on the phone), "Andere tijd", another
    kind of appointment when the team offers one, and the way to a person."""
    values = {"team_name": team_name, "offers_spoken": spoken}
    values.update({f"offer_{n}": when for n, when in enumerate(whens, start=1)})
    # The buttons by their payloads as the phrasing files write them: a time button whose
    # time is not there (two offered instead of three) is left out by the phrasing itself.
    payloads = [*(f"{{offer_{n}}}" for n in range(1, len(whens) + 1)), OTHER_TIME]
    if len(team_kinds) > 1:
        payloads.append(OTHER_KIND)
    return [Say(f"utter_offer_appointments{BY_KIND[kind]}", values, tuple(payloads))]


def confirm_question(facts_when: str, kind: Kind, team_name: str, moving: bool) -> list[Say]:
    values = {"appointment_when": facts_when, "team_name": team_name}
    if moving:
        return [Say("utter_ask_move_confirmed", values)]
    return [Say(f"utter_ask_appointment_confirmed{BY_KIND[kind]}", values)]


def booked_says(facts: Facts, moved: bool) -> list[Say]:
    """The confirmation: day, date, time, place and who; the calendar file in the chat. By
    phone the time is said once; the next question is whether to say it again."""
    values = facts.values()
    name = "utter_appointment_moved" if moved else f"utter_appointment_booked{BY_KIND[facts.kind]}"
    return [Say(name, values)]


def repeat_says(facts: Facts) -> list[Say]:
    """The appointment once more, in short sentences, for the ear."""
    return [Say(f"utter_appointment_repeat{BY_KIND[facts.kind]}", facts.values())]


def summary_says(facts: Facts) -> list[Say]:
    return [Say(f"utter_appointment_summary{BY_KIND[facts.kind]}", facts.values())]


def code_says(code: str, facts: Facts) -> list[Say]:
    values = {"code": code, "code_spoken": str(Spoken(code)), **facts.values()}
    return [Say("utter_appointment_code", values)]


# Why a question is asked, for the questions that ask something of the resident.
WHY = {
    "place": "utter_why_wijk",
    "outside": "utter_why_wijk",
    "home_address": "utter_why_address",
    "call_number": "utter_why_number",
    "callback": "utter_why_number",
    "detail": "utter_why_detail",
    "code_detail": "utter_why_detail",
    "code": "utter_why_code",
}


def answer(
    question: Question,
    facts: Facts | None,
    team_name: str | None,
    address: str | None,
    minutes: int,
) -> list[Say]:
    """The answer to a question about the appointment. Nothing is changed by a question."""
    if question == "why":
        return [Say("utter_why_appointment")]
    if question == "buurtteam":
        return [Say("utter_info_buurtteam")]
    if question == "cost":
        return [Say("utter_info_costs")]
    if question == "open":
        return [Say("utter_info_opening_hours")]
    if question == "bring":
        return [Say("utter_appointment_bring")]
    if question == "companion":
        return [Say("utter_appointment_companion")]
    if question == "what":
        return [Say("utter_appointment_what", {"minutes": str(minutes)})]
    if facts is None:
        if question in ("when", "repeat"):
            return [Say("utter_appointment_not_yet")]
        if question == "where" and team_name and address:
            return [Say("utter_team_address", {"team_name": team_name, "team_address": address})]
        return [Say("utter_appointment_who_unknown")]
    if question == "when":
        return [Say("utter_appointment_when", facts.values())]
    if question == "where":
        return [Say(f"utter_appointment_where{BY_KIND[facts.kind]}", facts.values())]
    if question == "who":
        return [Say("utter_appointment_who", facts.values())]
    return summary_says(facts)
