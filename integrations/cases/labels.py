"""What the codes of a case mean, in plain Dutch for staff: routes, urgency, channels, topics,
signals, handoff reasons, outcomes, waiting times and dates. Pure, no I/O.

Staff never read a code ("veilig_thuis", "huishoudelijke_hulp"): every page and summary
shows these words.
"""

from datetime import date, datetime

ROUTE_NAMES = {
    "crisis": "Crisis",
    "veilig_thuis": "Veilig Thuis",
    "huishoudelijke_hulp": "Hulp in het huishouden",
    "voorziening": "Hulpmiddel of aanpassing",
    "buurtteam": "Buurtteam",
    "informatie": "Informatie",
    "medewerker": "Wil een medewerker spreken",
    "buiten_scope": "Niet voor de Toegang",
}
ROUTE_REASONS = {
    "crisis": "gevaar of gedachten aan zelfmoord genoemd",
    "veilig_thuis": "signaal van huiselijk geweld of mishandeling",
    "huishoudelijke_hulp": "vraag om hulp in het huishouden",
    "voorziening": "vraag om een hulpmiddel, aanpassing of vervoer",
    "buurtteam": "vraag voor het buurtteam",
    "informatie": "vraag om informatie",
    "medewerker": "wilde een medewerker spreken",
    "buiten_scope": "vraag buiten de Toegang (algemeen nummer gegeven)",
}
NO_ROUTE = "Nog geen route"
URGENCY_NAMES = {
    "acuut": "Acuut: nu oppakken",
    "hoog": "Hoog: vandaag oppakken",
    "normaal": "Normaal",
}
URGENCY_SHORT = {"acuut": "Acuut", "hoog": "Hoog", "normaal": "Normaal"}
CHANNEL_NAMES = {"chat": "Chat", "phone": "Telefoon"}
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
    "household_help": "hulp in het huishouden",
    "aids": "hulpmiddel of aanpassing",
    "appointment": "afspraak met het buurtteam",
    "suicide": "gedachten aan zelfmoord",
    "danger": "direct gevaar",
    "shelter": "geen slaapplek vannacht",
    "violence": "geweld of mishandeling",
    "info_wmo": "wat de Wmo is",
    "info_costs": "wat hulp kost",
    "info_opening_hours": "openingstijden",
    "info_where_buurtteam": "waar het buurtteam is",
    "info_buurtteam": "wat het buurtteam is",
    "person": "wil een medewerker spreken",
    "out_of_scope": "vraag voor een ander deel van de gemeente",
}
SIGNALS = {
    "suicide": "gedachten aan zelfmoord",
    "danger": "direct gevaar",
    "shelter": "geen slaapplek vannacht",
    "violence": "geweld of mishandeling",
    "unclear": "zorgelijk signaal (de assistent vroeg hoe het gaat)",
}
HANDOFF_REASONS = {
    "crisis": "crisis: de inwoner heeft nu hulp nodig",
    "veilig_thuis": "huiselijk geweld: snel contact nodig",
    "korte intake klaar": "de korte vragenlijst is klaar",
    "korte intake klaar: nakijken": "de korte vragenlijst is klaar, maar iets klopt niet",
    "afspraak buurtteam: terugbellen": "wil een afspraak met het buurtteam: terugbellen",
    "vraagt om een medewerker": "vraagt om een medewerker",
    "terugbelverzoek telefoon": "beller wil teruggebeld worden",
    "geen antwoord van de beller": "de beller gaf geen antwoord",
    "vraagt steeds om hulp": "vraagt steeds om hulp",
}
HANDOFF_KINDS = {"overdracht": "Overdracht", "terugbelverzoek": "Terugbelverzoek"}
OUTCOMES = {
    "afspraak buurtteam": "Afspraak met het buurtteam",
    "doorverwezen naar voorliggend veld": "Doorverwezen naar hulp in de wijk",
    "team Buiten": "Naar team Buiten",
    "informatie gegeven": "Informatie gegeven",
    "Veilig Thuis": "Naar Veilig Thuis",
    "geen actie": "Geen actie nodig",
}
DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
)  # fmt: skip
# Waiting time from the handoff to the first staff member, in buckets for the figures.
WAIT_BUCKETS: tuple[tuple[int, str], ...] = (
    (5 * 60, "binnen 5 minuten"),
    (15 * 60, "5 tot 15 minuten"),
    (60 * 60, "15 minuten tot 1 uur"),
    (4 * 3600, "1 tot 4 uur"),
    (24 * 3600, "4 tot 24 uur"),
)
WAIT_LONGEST = "langer dan 1 dag"


def route_name(route: str | None) -> str:
    return ROUTE_NAMES.get(route or "", NO_ROUTE)


def handoff_reason(reason: str) -> str:
    """A handoff's reason in words; an unknown code is never shown as it is."""
    if reason in HANDOFF_REASONS:
        return HANDOFF_REASONS[reason]
    if reason in ROUTE_NAMES:
        return ROUTE_NAMES[reason]
    return reason if "_" not in reason and "/" not in reason else "overdracht gevraagd"


def wait_bucket(seconds: float) -> str:
    for limit, name in WAIT_BUCKETS:
        if seconds < limit:
            return name
    return WAIT_LONGEST


def waiting_words(seconds: float) -> str:
    """How long someone waits: "net binnen", "12 minuten", "2 uur en 5 minuten", "3 dagen"."""
    minutes = int(max(seconds, 0) // 60)
    if minutes < 1:
        return "net binnen"
    if minutes < 60:
        return "1 minuut" if minutes == 1 else f"{minutes} minuten"
    hours, rest = divmod(minutes, 60)
    if hours < 24:
        said = "1 uur" if hours == 1 else f"{hours} uur"
        return said + (f" en {rest} {'minuut' if rest == 1 else 'minuten'}" if rest else "")
    days = hours // 24
    return "1 dag" if days == 1 else f"{days} dagen"


def dutch_date(day: date) -> str:
    """ "dinsdag 3 december"."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def dutch_moment(moment: datetime) -> str:
    """ "dinsdag 3 december om 10.05 uur" (in the time zone `moment` carries)."""
    return f"{dutch_date(moment.date())} om {moment.hour}.{moment.minute:02d} uur"
