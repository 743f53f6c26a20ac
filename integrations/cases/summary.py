"""The case summary for the aanmeldteam, and a B1 version for the resident. Pure, no I/O.

A staff member must be able to act without asking again, in this order:
1. safety first: the disclosure in the resident's own words, who is at risk, when and how
   contact is safe, and the numbers the assistant already gave;
2. what the resident needs, in plain Dutch and in their own words; the route in words and why;
   the urgency; wijk and buurtteam; the appointment as it is now; the contact agreed.
Each fact once. Never a greeting as the question, never a button's payload, a code or a
pattern of the safety lexicon. Deterministic: the same case and transcript give the same text.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from integrations.cases.facts import (
    PhoneNumber,
    is_small_talk,
    plain,
    read_message,
    speaks_of_self,
)
from integrations.cases.labels import (
    ROUTE_REASONS,
    SIGNALS,
    TOPICS,
    URGENCY_NAMES,
    handoff_reason,
    route_name,
)
from integrations.cases.record import NOT_GIVEN, Case, SafetySignal
from integrations.cases.transcript import typed_by_resident

ANSWER_LABELS = {
    "help_needed": "Hulp bij",
    "aid_needed": "Nodig",
    "help_for": "Voor wie",
    "since_when": "Sinds",
    "situation": "Wat er speelt",
    "home_address": "Adres voor het huisbezoek",
    "call_number": "Het buurtteam belt naar",
    "sms": "Sms met de afspraak",
}
PHONE_SOURCES = {
    "gesprek": "genoemd in het gesprek",
    "vraag": "gegeven op de vraag naar een nummer",
    "beller": "het nummer waarmee gebeld werd",
}
PREFERENCES = {
    "bellen": "wil gebeld worden",
    "zelf bellen": "belt zelf",
    "geen voorkeur": "geen voorkeur",
}
# Numbers the assistant gives, by what they are for; a bot text with one of them "gave" it.
GIVEN_NUMBERS = {
    "suicide_prevention_number": "113 Zelfmoordpreventie",
    "emergency_number": "112",
    "veilig_thuis_number": "Veilig Thuis",
    "general_number": "algemeen nummer gemeente",
}
SAFETY_KINDS = ("suicide", "danger", "violence", "shelter")
MAX_QUOTES = 5
SAFETY_TITLE = "Veiligheid eerst"


@dataclass(frozen=True)
class Line:
    label: str
    text: str


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[Line, ...]


def quoted(words: str) -> str:
    return f'"{words}"'


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


def signal_words(signal: SafetySignal) -> str:
    """The resident's words of a signal; a button as its words; never a lexicon pattern."""
    words = signal.words or ""
    if not words.startswith("/"):
        return words
    phrase = signal.phrase or ""
    return "koos de knop: " + phrase.removeprefix("knop: ") if phrase.startswith("knop:") else ""


def disclosure_words(case: Case) -> list[str]:
    """What the resident said when they disclosed danger, each once."""
    found: list[str] = []
    for signal in case.safety_signals:
        words = signal_words(signal) if signal.kind != "unclear" else ""
        if words and plain(words) not in {plain(f) for f in found}:
            found.append(words)
    return found


def worry_words(case: Case) -> list[str]:
    """An unclear signal (the assistant asked how the resident is), in the resident's words."""
    found: list[str] = []
    for signal in case.safety_signals:
        words = signal.words or ""
        if signal.kind != "unclear" or not words or words.startswith("/"):
            continue
        if plain(words) not in {plain(f) for f in found}:
            found.append(words)
    return found


def _already(words: str, shown: Iterable[str]) -> bool:
    said = plain(words)
    return any(said == plain(s) or (len(said) > 12 and said in plain(s)) for s in shown)


def own_words(case: Case, transcript: Iterable[Mapping[str, Any]]) -> list[str]:
    """What the resident needs in their own words: the words that decided a route and the
    first message that said something (else, for an older case, the first such message of the
    transcript); never a greeting, yes or no, a number, or what the disclosure and the answers
    already say. Answers to later questions (a wijk, a time) are in the transcript."""
    shown = [
        *disclosure_words(case),
        *worry_words(case),
        *case.intake.values(),
        *case.correction_words,
    ]
    candidates = list(case.resident_words)
    if not candidates:
        typed = (read_message(text).own_words for text in typed_by_resident(transcript))
        candidates = [next((words for words in typed if words), "")]
    kept: list[str] = []
    for words in candidates:
        if is_small_talk(words) or _already(words, [*shown, *kept]):
            continue
        kept.append(words)
    return kept[:MAX_QUOTES]


def at_risk(case: Case) -> str:
    """Who is at risk, as far as the resident said it."""
    said = " ".join(disclosure_words(case))
    parts = []
    if said and speaks_of_self(said):
        parts.append("de inwoner zelf")
    if case.children_named:
        named = ", ".join(quoted(c) for c in case.children_named)
        parts.append(f"kinderen genoemd: {named}")
    if not parts:
        return "niet duidelijk uit het gesprek. Vraag ernaar."
    return "; ".join(parts) + "."


def phone_lines(case: Case) -> list[str]:
    lines = []
    for phone in case.contact.phones:
        number = PhoneNumber(phone.number)
        source = PHONE_SOURCES[phone.source]
        sure = ", bevestigd" if phone.confirmed else ""
        lines.append(f"{number.shown} ({source}{sure})")
    return lines


def expects_call(case: Case) -> bool:
    """Someone will call the resident: they asked for it, or it is a call or a handoff."""
    return (
        case.contact.preference == "bellen"
        or case.channel == "phone"
        or (case.handoff is not None and case.contact.preference != "zelf bellen")
    )


def no_number_text(case: Case) -> str:
    return case.contact.no_number or "Geen telefoonnummer bekend."


def safe_contact(case: Case) -> str:
    if case.contact.safe_words:
        return "; ".join(quoted(w) for w in case.contact.safe_words) + "."
    return "niet gevraagd. Vraag eerst of de inwoner nu vrij kan praten."


def contact_text(case: Case) -> str:
    """The contact agreed: who calls whom, on which number; or that there is no number."""
    parts = []
    if case.contact.preference:
        parts.append(PREFERENCES[case.contact.preference].capitalize())
    phones = phone_lines(case)
    if phones:
        parts.append("Telefoon: " + ", ".join(phones))
    elif expects_call(case):
        parts.append(no_number_text(case))
    return ". ".join(p.rstrip(".") for p in parts) + "." if parts else "nog niets afgesproken."


def appointment_text(case: Case) -> str | None:
    """The appointment as it is now; None when the case has nothing to do with one."""
    appointment = case.appointment
    if appointment:
        where = ", ".join(
            str(appointment[k]) for k in ("buurtteam", "address") if appointment.get(k)
        )
        if appointment.get("kind") == "home":
            where = f"{appointment.get('buurtteam')}, bij de inwoner thuis"
        elif appointment.get("kind") == "phone":
            where = f"{appointment.get('buurtteam')}, het buurtteam belt"
        kind = f" ({appointment['kind_text']})" if appointment.get("kind_text") else ""
        parts = [f"{appointment.get('when')}{kind} bij {where}."]
        if appointment.get("phone"):
            parts.append(f"Telefoon van het team: {appointment['phone']}.")
        if appointment.get("professional"):
            parts.append(f"Met wie: {appointment['professional']}.")
        if appointment.get("wishes"):
            parts.append(f"Wensen van de inwoner: {appointment['wishes']}.")
        return " ".join(parts)
    if case.cancelled_appointment:
        return f"geen meer. De afspraak van {case.cancelled_appointment} is afgezegd."
    next_step = case.intake.get("next_step")
    if next_step == "afspraak":
        return "wil een afspraak, maar die is nog niet gemaakt. Kies samen een tijd."
    if next_step == "geen afspraak":
        return "wil geen afspraak."
    if case.route == "buurtteam":
        return "nog geen."
    return None


def route_text(case: Case) -> str:
    if case.route is None:
        return "nog geen route."
    if case.route == "crisis" and case.topic == "shelter":
        # No place to sleep tonight is no danger or suicidal thought (staff read it as such).
        return f"{route_name(case.route)}, omdat: {SIGNALS['shelter']}."
    return f"{route_name(case.route)}, omdat: {ROUTE_REASONS[case.route]}."


def place_text(case: Case) -> str:
    wijk = case.wijk if case.wijk and case.wijk not in ("onbekend", "buiten Assen") else None
    if case.wijk == "buiten Assen":
        return "woont buiten Assen."
    place = ", ".join(p for p in (wijk, case.buurtteam) if p)
    return place + "." if place else "nog niet bekend."


def safety_section(case: Case, given: list[str]) -> Section | None:
    disclosed = disclosure_words(case)
    kinds = [s.kind for s in case.safety_signals if s.kind in SAFETY_KINDS]
    worries = worry_words(case)
    if not (disclosed or kinds or worries):
        return None
    lines: list[Line] = []
    if kinds:
        named = list(dict.fromkeys(SIGNALS[k] for k in kinds))
        lines.append(Line("Signaal", ", ".join(named) + "."))
    if disclosed:
        lines.append(Line("Wat de inwoner vertelde", " ".join(quoted(w) for w in disclosed)))
    if worries:
        lines.append(Line("Zorgelijk", " ".join(quoted(w) for w in worries)))
    if kinds:
        lines.append(Line("Wie loopt gevaar", at_risk(case)))
        lines.append(Line("Veilig contact", safe_contact(case)))
    if given:
        lines.append(Line("De assistent gaf al", ", ".join(given) + "."))
    return Section(SAFETY_TITLE, tuple(lines))


def needs_section(case: Case, transcript: list[Mapping[str, Any]], given: list[str]) -> Section:
    lines: list[Line] = []
    codes = dict.fromkeys([*case.topics, case.topic or ""])
    about = [TOPICS[t] for t in codes if t in TOPICS and t not in (*SAFETY_KINDS, "person")]
    topic = ", ".join(about)
    if topic:
        lines.append(Line("Onderwerp", topic + "."))
    words = own_words(case, transcript)
    if words:
        lines.append(Line("In eigen woorden", " ".join(quoted(w) for w in words)))
    for slot, label in ANSWER_LABELS.items():
        answer = case.intake.get(slot)
        if answer and answer != NOT_GIVEN:
            mark = " Verbeterd door de inwoner." if slot in case.corrected else ""
            lines.append(Line(label, answer.rstrip(".") + "." + mark))
    if case.correction_words:
        corrections = " ".join(quoted(w) for w in case.correction_words)
        lines.append(Line("Verbetering in eigen woorden", corrections))
    if case.readback_note:
        lines.append(Line("Nakijken", case.readback_note))
    said = topic or words or any(s in case.intake for s in ANSWER_LABELS)
    if not said and not disclosure_words(case):
        lines.append(Line("Vraag", "de inwoner heeft het nog niet in eigen woorden gezegd."))
    lines.append(Line("Route", route_text(case)))
    lines.append(Line("Urgentie", URGENCY_NAMES[case.urgency] + "."))
    lines.append(Line("Wijk en buurtteam", place_text(case)))
    appointment = appointment_text(case)
    if appointment is not None:
        lines.append(Line("Afspraak", appointment))
    lines.append(Line("Contact", contact_text(case)))
    if case.handoff:
        lines.append(Line("Overdracht", handoff_reason(case.handoff.reason) + "."))
    if given and not (
        case.safety_signals and any(s.kind in SAFETY_KINDS for s in case.safety_signals)
    ):
        lines.append(Line("De assistent gaf al", ", ".join(given) + "."))
    return Section("Wat de inwoner nodig heeft", tuple(lines))


def staff_sections(
    case: Case, transcript: Iterable[Mapping[str, Any]], constants: Mapping[str, str]
) -> list[Section]:
    transcript = list(transcript)
    given = numbers_given(transcript, constants)
    safety = safety_section(case, given)
    return [*([safety] if safety else []), needs_section(case, transcript, given)]


HEADLINE_LABELS = ("Signaal", "Wat de inwoner vertelde")


def render(sections: Iterable[Section]) -> str:
    """The summary as text. The safety section's first line holds the signal and the
    disclosure itself, so whoever reads only the first line reads the disclosure."""
    blocks = []
    for section in sections:
        head = [line for line in section.lines if line.label in HEADLINE_LABELS]
        rest = [line for line in section.lines if line.label not in HEADLINE_LABELS]
        if section.title == SAFETY_TITLE and head:
            said = {line.label: line.text for line in head}
            parts = [said.get("Signaal", "")]
            if "Wat de inwoner vertelde" in said:
                parts.append("De inwoner vertelde: " + said["Wat de inwoner vertelde"])
            title = f"{section.title}: " + " ".join(p for p in parts if p)
        else:
            title, rest = section.title, list(section.lines)
        blocks.append("\n".join([title, *(f"- {line.label}: {line.text}" for line in rest)]))
    return "\n\n".join(blocks)


def staff_summary(
    case: Case, transcript: Iterable[Mapping[str, Any]], constants: Mapping[str, str]
) -> str:
    """A short summary for the aanmeldteam: they can act without asking everything again."""
    return render(staff_sections(case, transcript, constants))


def sections_json(sections: Iterable[Section]) -> list[dict[str, Any]]:
    return [
        {"title": s.title, "lines": [{"label": x.label, "text": x.text} for x in s.lines]}
        for s in sections
    ]


def signals_json(case: Case) -> list[dict[str, Any]]:
    """The safety signals for staff: the kind in words and the resident's words, never the
    lexicon's pattern, never a button's payload."""
    return [
        {
            "kind": signal.kind,
            "signal": SIGNALS.get(signal.kind, "zorgelijk signaal"),
            "words": signal_words(signal) or None,
            "at": signal.at.isoformat() if signal.at else None,
        }
        for signal in case.safety_signals
    ]


def contact_json(case: Case) -> dict[str, Any]:
    """How to reach the resident, for the staff pages (each number as a tel: link)."""
    phones = [
        {
            "number": p.number,
            "shown": PhoneNumber(p.number).shown,
            "href": PhoneNumber(p.number).href,
            "source": PHONE_SOURCES[p.source],
            "confirmed": p.confirmed,
        }
        for p in case.contact.phones
    ]
    return {
        "phones": phones,
        "safe_words": case.contact.safe_words,
        "preference": PREFERENCES.get(case.contact.preference or ""),
        "no_number": None if phones else no_number_text(case),
        "expects_call": expects_call(case),
    }


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
