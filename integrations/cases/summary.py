"""The case summary for the aanmeldteam, and a B1 version for the resident. Pure, no I/O.

Deterministic: the same case and transcript always give the same text. Only what the
resident said or chose; never a BSN (the intake answers have none, see actions/intake_answers).
"""

from collections.abc import Iterable, Mapping
from typing import Any

from integrations.cases.record import Case

ROUTE_REASONS = {
    "crisis": "crisis: gevaar of gedachten aan zelfmoord genoemd",
    "veilig_thuis": "signaal van huiselijk geweld of mishandeling",
    "huishoudelijke_hulp": "vraag om hulp in het huishouden",
    "voorziening": "vraag om een hulpmiddel, aanpassing of vervoer",
    "buurtteam": "vraag voor het buurtteam",
    "informatie": "vraag om informatie",
    "medewerker": "wilde een medewerker spreken",
    "buiten_scope": "vraag buiten de Toegang (algemeen nummer gegeven)",
}
TOPICS = {
    "support": "hulp of steun",
    "loneliness": "eenzaamheid",
    "money_worries": "geldzorgen en schulden",
    "paperwork": "brieven en formulieren",
    "parenting": "opvoeden en opgroeien",
    "caregiving": "mantelzorg",
    "day_activities": "dagbesteding",
    "stress": "stress en psychische klachten",
    "addiction": "verslaving",
    "neighbour_quarrel": "problemen met buren",
    "housing_trouble": "problemen met wonen",
    "household_help": "huishoudelijke hulp",
    "aids": "hulpmiddel of aanpassing",
    "appointment": "afspraak met het buurtteam",
    "suicide": "gedachten aan zelfmoord",
    "danger": "direct gevaar",
    "shelter": "geen slaapplek vannacht",
    "violence": "geweld of mishandeling",
}
SIGNALS = {
    "suicide": "gedachten aan zelfmoord",
    "danger": "direct gevaar",
    "shelter": "geen slaapplek vannacht",
    "violence": "geweld of mishandeling",
    "unclear": "zorgelijk signaal (zorgvraag gesteld)",
}
ANSWER_LABELS = {
    "help_needed": "Hulp bij",
    "aid_needed": "Nodig",
    "help_for": "Voor wie",
    "since_when": "Sinds",
    "situation": "Wat er speelt",
    "next_step": "Wil een afspraak",
    "contact_preference": "Contact",
    "phone_number": "Telefoon",
    "home_address": "Adres voor het huisbezoek",
    "call_number": "Het buurtteam belt naar",
}
# The answer to "Wilt u een afspraak met het buurtteam?" as staff read it.
NEXT_STEP_WORDS = {"afspraak": "ja", "geen afspraak": "nee"}
# Numbers the assistant gives, by what they are for; a bot text with one of them "gave" it.
GIVEN_NUMBERS = {
    "suicide_prevention_number": "113 Zelfmoordpreventie",
    "emergency_number": "112",
    "veilig_thuis_number": "Veilig Thuis",
    "general_number": "algemeen nummer gemeente",
}


def _bot_texts(transcript: Iterable[Mapping[str, Any]]) -> list[str]:
    return [str(e.get("text") or "") for e in transcript if e.get("sender") == "bot"]


def numbers_given(
    transcript: Iterable[Mapping[str, Any]], constants: Mapping[str, str]
) -> list[str]:
    said = " ".join(_bot_texts(transcript))
    return [
        label
        for key, label in GIVEN_NUMBERS.items()
        if constants.get(key) and constants[key] in said
    ]


def staff_summary(
    case: Case, transcript: Iterable[Mapping[str, Any]], constants: Mapping[str, str]
) -> str:
    """A short summary for the aanmeldteam: they can act without asking everything again."""
    transcript = list(transcript)
    lines = []
    disclosed = [s for s in case.safety_signals if s.words and s.kind != "unclear"]
    if disclosed:
        first = disclosed[0]
        kind = SIGNALS.get(first.kind, first.kind)
        lines.append(f'Veiligheid eerst ({kind}): "{first.words}"')
    words = case.resident_words[0] if case.resident_words else None
    if words is None:
        typed = [
            e.get("text") for e in transcript if e.get("sender") == "resident" and e.get("text")
        ]
        words = str(typed[0]) if typed else None
    lines.append(f'Vraag in eigen woorden: "{words}"' if words else "Vraag: niet in eigen woorden.")
    reason = ROUTE_REASONS.get(case.route or "", "nog geen route")
    topic = TOPICS.get(case.topic or "")
    lines.append(f"Route: {case.route or 'geen'} ({reason}{', ' + topic if topic else ''}).")
    lines.append(f"Urgentie: {case.urgency}.")
    if case.safety_signals:
        kinds = sorted({SIGNALS.get(s.kind, s.kind) for s in case.safety_signals})
        lines.append("Veiligheid: " + "; ".join(kinds) + ".")
    else:
        lines.append("Veiligheid: geen signalen.")
    if case.life_areas:
        lines.append("Levensgebieden: " + ", ".join(case.life_areas) + ".")
    place = " - ".join(filter(None, (case.wijk, case.buurtteam)))
    lines.append(f"Wijk en buurtteam: {place or 'nog niet bekend'}.")
    for slot, label in ANSWER_LABELS.items():
        if slot in case.intake:
            value = case.intake[slot]
            value = NEXT_STEP_WORDS.get(value, value) if slot == "next_step" else value
            lines.append(f"{label}: {value}.")
    lines += appointment_lines(case)
    given = numbers_given(transcript, constants)
    if given:
        lines.append("De assistent gaf al: " + ", ".join(given) + ".")
    if case.handoff:
        lines.append(f"Overdracht: {case.handoff.reason} ({case.handoff.urgency}).")
    return "\n".join(lines)


def appointment_lines(case: Case) -> list[str]:
    """The appointment as it is now: made (when, where, what kind, with whom, the resident's
    wishes), or cancelled, or none yet."""
    appointment = case.appointment
    if not appointment:
        status = case.intake.get("appointment", "")
        if status.startswith("afgezegd"):
            return [f"Afspraak: {status}."]
        return ["Afspraak: nog geen."]
    kind = appointment.get("kind_text") or "bij het buurtteam"
    where = f"{appointment.get('buurtteam')}, {appointment.get('address')}"
    if appointment.get("kind") == "home":
        where = f"{appointment.get('buurtteam')}, bij de inwoner thuis"
    elif appointment.get("kind") == "phone":
        where = f"{appointment.get('buurtteam')}, het buurtteam belt"
    lines = [f"Afspraak gemaakt: {appointment.get('when')} ({kind}), {where}."]
    if appointment.get("professional"):
        lines.append(f"Met wie: {appointment['professional']}.")
    if appointment.get("wishes"):
        lines.append(f"Wensen van de inwoner: {appointment['wishes']}.")
    return lines


RESIDENT_ROUTE = {
    "crisis": "U heeft verteld dat het nu niet veilig is.",
    "veilig_thuis": "U heeft verteld dat u zich thuis niet veilig voelt.",
    "huishoudelijke_hulp": "U zoekt hulp in het huishouden.",
    "voorziening": "U zoekt een hulpmiddel of een aanpassing.",
    "buurtteam": "U zoekt hulp van het buurtteam.",
    "informatie": "U had een vraag.",
    "medewerker": "U wilt met een medewerker praten.",
    "buiten_scope": "U had een vraag voor de gemeente.",
}


def resident_summary(case: Case) -> list[str]:
    """The same case in B1 for the resident, as short chat bubbles."""
    bubbles = ["Dit heb ik voor u opgeschreven. " + RESIDENT_ROUTE.get(case.route or "", "")]
    answers = [
        f"{ANSWER_LABELS[slot]}: {case.intake[slot]}."
        for slot in ("help_needed", "aid_needed", "help_for", "since_when")
        if slot in case.intake
    ]
    if answers:
        bubbles.append(" ".join(answers[:3]))
    if case.handoff:
        bubbles.append("Een medewerker neemt contact met u op.")
    return [bubble.strip() for bubble in bubbles]
