"""The case record of one conversation, and how updates merge into it. Pure, no I/O.

The gateway owns the case; the actions send updates (route, answers, safety signals). Safety
comes first here too: a crisis or Veilig Thuis route is never replaced by a lesser one, and
urgency only goes up.
"""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Route = Literal[
    "crisis",
    "veilig_thuis",
    "huishoudelijke_hulp",
    "voorziening",
    "buurtteam",
    "informatie",
    "medewerker",
    "buiten_scope",
]
Urgency = Literal["acuut", "hoog", "normaal"]
Channel = Literal["chat", "phone"]
Mode = Literal["bot", "staff"]
Outcome = Literal[
    "afspraak buurtteam",
    "doorverwezen naar voorliggend veld",
    "team Buiten",
    "informatie gegeven",
    "Veilig Thuis",
    "geen actie",
]

ROUTE_RANK: dict[str, int] = {
    "crisis": 3,
    "veilig_thuis": 2,
    "huishoudelijke_hulp": 1,
    "voorziening": 1,
    "buurtteam": 1,
    "medewerker": 1,
    "informatie": 0,
    "buiten_scope": 0,
}
URGENCY_RANK: dict[str, int] = {"normaal": 0, "hoog": 1, "acuut": 2}
MAX_WORDS_KEPT = 5


class SafetySignal(BaseModel):
    kind: str = Field(max_length=40)
    phrase: str | None = Field(default=None, max_length=200)
    # The disclosure in the resident's own words, for the staff member who calls back.
    words: str | None = Field(default=None, max_length=500)
    at: datetime | None = None


class Handoff(BaseModel):
    reason: str = Field(max_length=200)
    urgency: Urgency
    requested_at: datetime | None = None


class Case(BaseModel):
    session_id: str
    channel: Channel = "chat"
    created_at: datetime
    updated_at: datetime
    route: Route | None = None
    urgency: Urgency = "normaal"
    topic: str | None = None
    life_areas: list[str] = []
    wijk: str | None = None
    buurtteam: str | None = None
    resident_words: list[str] = []
    intake: dict[str, str] = {}
    safety_signals: list[SafetySignal] = []
    appointment: dict[str, object] | None = None
    handoff: Handoff | None = None
    # Who talks to the resident now: the assistant, or a staff member who took over.
    mode: Mode = "bot"
    taken_by: str | None = None
    outcome: Outcome | None = None
    closed_by: str | None = None
    closed_at: datetime | None = None


class CaseUpdate(BaseModel):
    """What an action may change. Every field is optional."""

    route: Route | None = None
    urgency: Urgency | None = None
    topic: str | None = Field(default=None, max_length=60)
    life_area: str | None = Field(default=None, max_length=40)
    resident_words: str | None = Field(default=None, max_length=2000)
    intake: dict[str, str] | None = None
    safety_signal: SafetySignal | None = None
    handoff: Handoff | None = None


def merged_route(current: str | None, proposed: str | None) -> str | None:
    """A route of the same or higher rank replaces the current one; a lower one does not."""
    if proposed is None:
        return current
    if current is None or ROUTE_RANK[proposed] >= ROUTE_RANK[current]:
        return proposed
    return current


def merged_urgency(current: str, proposed: str | None) -> str:
    if proposed is None or URGENCY_RANK[proposed] <= URGENCY_RANK[current]:
        return current
    return proposed


def merged_handoff(current: Handoff | None, proposed: Handoff | None) -> Handoff | None:
    """The most urgent request stays; an equal one does not replace the first."""
    if proposed is None:
        return current
    if current is None or URGENCY_RANK[proposed.urgency] > URGENCY_RANK[current.urgency]:
        return proposed
    return current


def new_case(session_id: str, channel: Channel, now: datetime) -> Case:
    return Case(session_id=session_id, channel=channel, created_at=now, updated_at=now)


def apply_update(case: Case, update: CaseUpdate, now: datetime) -> Case:
    route = merged_route(case.route, update.route)
    changes: dict[str, object] = {
        "updated_at": now,
        "route": route,
        "urgency": merged_urgency(case.urgency, update.urgency),
    }
    if update.topic and route == update.route:
        changes["topic"] = update.topic
    if update.life_area and update.life_area not in case.life_areas:
        changes["life_areas"] = [*case.life_areas, update.life_area]
    if update.resident_words:
        changes["resident_words"] = [*case.resident_words, update.resident_words][-MAX_WORDS_KEPT:]
    if update.intake:
        changes["intake"] = {**case.intake, **update.intake}
    if update.safety_signal:
        signal = update.safety_signal.model_copy(update={"at": now})
        changes["safety_signals"] = [*case.safety_signals, signal]
    if update.handoff:
        proposed = update.handoff.model_copy(update={"requested_at": now})
        changes["handoff"] = merged_handoff(case.handoff, proposed)
    return case.model_copy(update=changes)
