"""The case record of one conversation, and how changes merge into it. Pure, no I/O.

The gateway owns the case; the actions send updates (route, answers, safety signals), the
gateway adds what the resident's own messages say (cases.facts), staff take, give back and
close it. The rules:
- safety first: a crisis or Veilig Thuis route is never replaced by a lesser one, and
  urgency only goes up;
- a later answer adds to an earlier one, it never erases it ("niet gegeven" never replaces an
  answer); only a correction the resident confirms replaces one (`corrections`);
- a phone number, once given, stays; a confirmed number is marked so;
- one staff member holds a case at a time; a closed case takes no staff messages, and closing a
  crisis or Veilig Thuis case needs a confirmation.
"""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from integrations.cases.facts import is_small_talk, phone_numbers, plain

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
# Where a phone number comes from: said in the conversation, the answer to the question for a
# number, or the number the caller calls with.
PhoneSource = Literal["gesprek", "vraag", "beller"]
Preference = Literal["bellen", "zelf bellen", "geen voorkeur"]

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
SAFETY_ROUTES = frozenset({"crisis", "veilig_thuis"})
MAX_WORDS_KEPT = 6
MAX_PHONES = 4
MAX_SAFE_WORDS = 8
MAX_CHILDREN = 6
NOT_GIVEN = "niet gegeven"
# Intake slots that hold where the dialogue stands, not the resident's words: the latest wins.
STATE_SLOTS = frozenset({"next_step", "appointment", "contact_preference", "wijk"})
ANSWER_SEPARATOR = "; "


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


class ContactPhone(BaseModel):
    number: str = Field(pattern=r"^0\d{9}$")
    source: PhoneSource = "vraag"
    confirmed: bool = False


class Contact(BaseModel):
    """How staff may reach the resident, and when that is safe."""

    phones: list[ContactPhone] = []
    # How and when contact is safe, in the resident's own words ("alleen overdag").
    safe_words: list[str] = []
    preference: Preference | None = None
    # Why there is no number, in words ("De inwoner wilde geen nummer geven.").
    no_number: str | None = None


class ContactUpdate(BaseModel):
    """What an action, the phone line or the gateway learnt about contact. All optional."""

    phone: str | None = Field(default=None, pattern=r"^0\d{9}$")
    phone_source: PhoneSource = "vraag"
    confirmed: bool = False
    safe_words: list[str] = Field(default=[], max_length=MAX_SAFE_WORDS)
    preference: Preference | None = None
    no_number: str | None = Field(default=None, max_length=200)


class Case(BaseModel):
    session_id: str
    channel: Channel = "chat"
    created_at: datetime
    updated_at: datetime
    route: Route | None = None
    urgency: Urgency = "normaal"
    topic: str | None = None
    # Every topic the conversation was about, each once (the route may have moved on).
    topics: list[str] = []
    life_areas: list[str] = []
    wijk: str | None = None
    buurtteam: str | None = None
    # What the resident needs, in their own words, each once, the earliest first.
    resident_words: list[str] = []
    intake: dict[str, str] = {}
    # After the read-back: the answers the resident corrected, the correction in their own
    # words (each once), and what staff must check when it was not settled.
    corrected: list[str] = []
    correction_words: list[str] = []
    readback_note: str | None = None
    safety_signals: list[SafetySignal] = []
    children_named: list[str] = []
    contact: Contact = Field(default_factory=Contact)
    appointment: dict[str, object] | None = None
    # The time of an appointment that was booked and then cancelled (as said to the resident).
    cancelled_appointment: str | None = None
    handoff: Handoff | None = None
    # Who talks to the resident now: the assistant, or a staff member who took over.
    mode: Mode = "bot"
    taken_by: str | None = None
    taken_at: datetime | None = None  # the first time a staff member took it
    outcome: Outcome | None = None
    closed_by: str | None = None
    closed_at: datetime | None = None


class CaseUpdate(BaseModel):
    """What an action may change. Every field is optional."""

    route: Route | None = None
    # The resident withdrew the request ("eigenlijk wil ik eerst alleen weten wat het kost"):
    # `route` replaces the route even when it ranks lower, never a crisis or Veilig Thuis.
    route_withdrawn: bool = False
    urgency: Urgency | None = None
    topic: str | None = Field(default=None, max_length=60)
    life_area: str | None = Field(default=None, max_length=40)
    resident_words: str | None = Field(default=None, max_length=2000)
    # The resident's first message that says something (the gateway reads it): kept only
    # while the case has no words of the resident yet, so a later answer is no "question".
    first_words: str | None = Field(default=None, max_length=2000)
    intake: dict[str, str] | None = None
    # Answers the resident corrected after the read-back: these replace the earlier answer.
    corrections: dict[str, str] | None = None
    # The resident's words of that correction, and what staff must check (in words).
    correction_words: str | None = Field(default=None, max_length=500)
    readback_note: str | None = Field(default=None, max_length=300)
    safety_signal: SafetySignal | None = None
    handoff: Handoff | None = None
    contact: ContactUpdate | None = None
    children: list[str] | None = Field(default=None, max_length=MAX_CHILDREN)


class HeldByOther(Exception):
    """Another staff member holds this case."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


class CaseClosed(Exception):
    """The case is closed: no messages, no taking over."""


class NeedsConfirmation(Exception):
    """Closing this case (crisis, Veilig Thuis) asks for a confirmation first."""


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


def merged_answer(current: str | None, proposed: str) -> str:
    """A later answer adds to an earlier one; "niet gegeven" never replaces an answer."""
    proposed = " ".join(proposed.split())
    if not current or current == NOT_GIVEN:
        return proposed
    if not proposed or proposed == NOT_GIVEN:
        return current
    parts = current.split(ANSWER_SEPARATOR)
    if any(plain(proposed) == plain(part) or plain(proposed) in plain(part) for part in parts):
        return current
    if len(parts) == 1 and plain(current) in plain(proposed):
        return proposed  # the same answer, said more fully
    return current + ANSWER_SEPARATOR + proposed


def merged_intake(current: dict[str, str], proposed: dict[str, str]) -> dict[str, str]:
    merged = dict(current)
    for slot, value in proposed.items():
        if slot in STATE_SLOTS:
            if value != NOT_GIVEN or slot not in merged:
                merged[slot] = value
        else:
            merged[slot] = merged_answer(merged.get(slot), value)
    return merged


def merged_words(current: list[str], proposed: str | None) -> list[str]:
    """Own words, each once (however written), the earliest kept; never small talk."""
    if not proposed or proposed.startswith("/") or is_small_talk(proposed):
        return current
    words = " ".join(proposed.split())
    known = {plain(w) for w in current}
    if plain(words) in known or len(current) >= MAX_WORDS_KEPT:
        return current
    return [*current, words]


def merged_contact(current: Contact, update: ContactUpdate) -> Contact:
    phones = list(current.phones)
    if update.phone:
        same = [i for i, p in enumerate(phones) if p.number == update.phone]
        if same:
            old = phones[same[0]]
            phones[same[0]] = old.model_copy(
                update={"confirmed": old.confirmed or update.confirmed}
            )
        elif len(phones) < MAX_PHONES:
            phones.append(
                ContactPhone(
                    number=update.phone, source=update.phone_source, confirmed=update.confirmed
                )
            )
    safe = list(current.safe_words)
    for words in update.safe_words:
        tidy = " ".join(words.split())[:300]
        if tidy and plain(tidy) not in {plain(w) for w in safe} and len(safe) < MAX_SAFE_WORDS:
            safe.append(tidy)
    preference = current.preference
    if update.preference and (update.preference != "geen voorkeur" or preference is None):
        preference = update.preference
    return Contact(
        phones=phones,
        safe_words=safe,
        preference=preference,
        no_number=update.no_number or current.no_number,
    )


def contact_from_intake(intake: dict[str, str], channel: Channel) -> ContactUpdate | None:
    """The intake's contact answers, as contact: the number asked for, or why there is none.
    On the phone line a number without the contact question is the caller's own number
    (a callback after an unanswered transfer): not confirmed by the caller."""
    number = intake.get("phone_number")
    preference = intake.get("contact_preference")
    if number is None and preference is None:
        return None
    update = ContactUpdate()
    if preference in ("bellen", "zelf bellen", "geen voorkeur"):
        update.preference = preference  # type: ignore[assignment]
    numbers = phone_numbers(number or "")  # the caller's number comes as +31...
    if numbers:
        update.phone = numbers[0]
        update.phone_source = "beller" if channel == "phone" and preference is None else "vraag"
    elif number == NOT_GIVEN:
        update.no_number = "De inwoner gaf geen nummer op de vraag naar een nummer."
    return update


def new_case(session_id: str, channel: Channel, now: datetime) -> Case:
    return Case(session_id=session_id, channel=channel, created_at=now, updated_at=now)


def apply_update(case: Case, update: CaseUpdate, now: datetime) -> Case:
    withdrawn = update.route_withdrawn and update.route and case.route not in SAFETY_ROUTES
    route = update.route if withdrawn else merged_route(case.route, update.route)
    changes: dict[str, object] = {
        "updated_at": now,
        "route": route,
        "urgency": merged_urgency(case.urgency, update.urgency),
    }
    if update.topic and route == update.route:
        changes["topic"] = update.topic
    if update.topic and update.topic not in case.topics:
        changes["topics"] = [*case.topics, update.topic]
    if update.life_area and update.life_area not in case.life_areas:
        changes["life_areas"] = [*case.life_areas, update.life_area]
    words = case.resident_words
    if update.first_words and not words:
        words = merged_words(words, update.first_words)
    if update.resident_words:
        words = merged_words(words, update.resident_words)
    if words != case.resident_words:
        changes["resident_words"] = words
    contact = case.contact
    intake = merged_intake(case.intake, update.intake or {})
    if update.corrections:
        intake.update({k: " ".join(v.split()) for k, v in update.corrections.items()})
        fields = [*case.corrected, *(k for k in update.corrections if k not in case.corrected)]
        changes["corrected"] = fields
    if intake != case.intake:
        changes["intake"] = intake
    if update.correction_words:
        said = " ".join(update.correction_words.split())
        if plain(said) not in {plain(w) for w in case.correction_words}:
            changes["correction_words"] = [*case.correction_words, said][:MAX_WORDS_KEPT]
    if update.readback_note:
        changes["readback_note"] = update.readback_note
    from_intake = contact_from_intake(
        {**(update.intake or {}), **(update.corrections or {})}, case.channel
    )
    if from_intake is not None:
        contact = merged_contact(contact, from_intake)
    if update.contact:
        contact = merged_contact(contact, update.contact)
    if contact != case.contact:
        changes["contact"] = contact
    if update.children:
        known = {plain(c) for c in case.children_named}
        added = [c for c in update.children if plain(c) not in known]
        changes["children_named"] = [*case.children_named, *added][:MAX_CHILDREN]
    if update.safety_signal:
        signal = update.safety_signal.model_copy(update={"at": now})
        changes["safety_signals"] = [*case.safety_signals, signal]
    if update.handoff:
        proposed = update.handoff.model_copy(update={"requested_at": now})
        if case.closed_at is not None:
            # A closed case asked for a person again: it opens again, with this request.
            changes.update(handoff=proposed, closed_at=None, closed_by=None, taken_by=None)
            changes["mode"] = "bot"
        else:
            changes["handoff"] = merged_handoff(case.handoff, proposed)
    return case.model_copy(update=changes)


def facts_update(
    phones: tuple[str, ...],
    safe_words: tuple[str, ...],
    children: tuple[str, ...],
    own_words: str | None,
) -> CaseUpdate | None:
    """What one resident message adds to the case (see cases.facts.read_message)."""
    if not (phones or safe_words or children or own_words):
        return None
    contact = None
    if phones or safe_words:
        contact = ContactUpdate(
            phone=phones[0] if phones else None,
            phone_source="gesprek",
            safe_words=list(safe_words)[:MAX_SAFE_WORDS],
        )
    return CaseUpdate(
        first_words=own_words,
        contact=contact,
        children=list(children)[:MAX_CHILDREN] or None,
    )


def with_appointment(case: Case, changes: dict[str, object]) -> Case:
    """The agenda's change of a case; a cancelled appointment is remembered as cancelled."""
    update = dict(changes)
    if "appointment" in update and update["appointment"] is None and case.appointment:
        update["cancelled_appointment"] = str(case.appointment.get("when") or "")
    elif update.get("appointment"):
        update["cancelled_appointment"] = None
    return case.model_copy(update=update)


# --- what staff do with a case -------------------------------------------------------------


def is_safety_case(case: Case) -> bool:
    """Crisis or Veilig Thuis, or a disclosure in the conversation."""
    return case.route in SAFETY_ROUTES or any(s.kind != "unclear" for s in case.safety_signals)


def disclosed(case: Case | None, kind: str) -> bool:
    """Whether the conversation disclosed this kind of signal ("violence": also a Veilig Thuis
    route; then a callback number is asked about as safe to call)."""
    if case is None:
        return False
    if kind == "violence" and case.route == "veilig_thuis":
        return True
    return any(s.kind == kind for s in case.safety_signals)


def holder(case: Case) -> str | None:
    """Who holds the case now (None: nobody)."""
    return case.taken_by if case.mode == "staff" and case.closed_at is None else None


def taken(case: Case, user: str, now: datetime, force: bool = False) -> Case:
    """`user` takes the case. Someone else holding it: HeldByOther, unless `force` (the
    holder has gone home); a closed case: CaseClosed."""
    if case.closed_at is not None:
        raise CaseClosed()
    current = holder(case)
    if current is not None and current != user and not force:
        raise HeldByOther(current)
    return case.model_copy(
        update={
            "mode": "staff",
            "taken_by": user,
            "taken_at": case.taken_at or now,
            "updated_at": now,
        }
    )


def released(case: Case, user: str, now: datetime) -> Case:
    """`user` gives the case back: the assistant talks again, the case waits in the queue."""
    current = holder(case)
    if current is not None and current != user:
        raise HeldByOther(current)
    return case.model_copy(update={"mode": "bot", "taken_by": None, "updated_at": now})


def closed(case: Case, outcome: str, user: str, now: datetime, confirmed: bool) -> Case:
    """The case is closed with an outcome chosen on purpose; a closed case keeps its outcome
    (closing it again is refused, never an overwrite)."""
    if case.closed_at is not None:
        raise CaseClosed()
    current = holder(case)
    if current is not None and current != user:
        raise HeldByOther(current)
    if is_safety_case(case) and not confirmed:
        raise NeedsConfirmation()
    return case.model_copy(
        update={
            "outcome": outcome,
            "closed_by": user,
            "closed_at": now,
            "mode": "bot",
            "taken_by": None,
            "updated_at": now,
        }
    )


def writable(case: Case, user: str) -> None:
    """May `user` write to the resident? Raises why not (closed, another holds it)."""
    if case.closed_at is not None:
        raise CaseClosed()
    current = holder(case)
    if current is not None and current != user:
        raise HeldByOther(current)
