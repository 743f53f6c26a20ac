"""What the staff member hears before a caller is put through (the whisper). Pure.

Spoken to the staff member, not to the resident: the route and its urgency in one sentence,
what the caller needs (or the safety signal, first) in a second. Never the resident's own
read-back ("Dit heb ik voor u opgeschreven"); the key to accept follows (see `twiml`).
"""

from integrations.cases.labels import SIGNALS, TOPICS
from integrations.cases.record import Case

INTRO = "Er komt een beller van de digitale assistent."
ROUTES = {
    "crisis": "crisis",
    "veilig_thuis": "onveilig thuis",
    "huishoudelijke_hulp": "hulp in het huishouden",
    "voorziening": "een hulpmiddel of aanpassing",
    "buurtteam": "het buurtteam",
    "informatie": "een vraag om informatie",
    "medewerker": "wil een medewerker spreken",
    "buiten_scope": "een vraag buiten de Toegang",
}
MAX_WORDS = 12


def _short(text: str) -> str:
    words = text.split()
    return " ".join(words[:MAX_WORDS]) + (" ..." if len(words) > MAX_WORDS else "")


def _need(case: Case) -> str | None:
    intake = case.intake
    parts: list[str] = []
    if "help_needed" in intake:
        parts.append(f"hulp bij {intake['help_needed']}")
    if "aid_needed" in intake:
        parts.append(f"nodig: {intake['aid_needed']}")
    if "help_for" in intake:
        parts.append(intake["help_for"])
    if "since_when" in intake:
        parts.append(f"sinds: {intake['since_when']}")
    if parts:
        return _short(", ".join(parts))
    if "situation" in intake:
        return f"Wat er speelt: {_short(intake['situation'])}"
    if case.resident_words:
        return f'Zei: "{_short(case.resident_words[0])}"'
    return None


def staff_whisper(case: Case | None) -> list[str]:
    """One or two sentences for the staff member who picks up."""
    if case is None:
        return [INTRO]
    route = ROUTES.get(case.route or "", "nog geen route")
    topic = TOPICS.get(case.topic or "")
    if case.route == "buurtteam" and topic:
        route += f" over {topic}"
    where = f", wijk {case.wijk}" if case.wijk else ""
    first = f"Beller van de assistent: {route}, urgentie {case.urgency}{where}."
    disclosed = [s for s in case.safety_signals if s.kind != "unclear"]
    if disclosed:
        return [first, f"Let op: {SIGNALS.get(disclosed[0].kind, disclosed[0].kind)}."]
    need = _need(case)
    if need is None:
        return [first]
    return [first, need[0].upper() + need[1:] + ("" if need.endswith((".", '"')) else ".")]
