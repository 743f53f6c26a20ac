"""What a resident meant, as staff name it, with the intent the Rasa model knows and the
route of the public contract (bot/triage/routes.py decides the same; a test checks it). Pure."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    intent: str
    label: str
    route: str


TOPICS: tuple[Topic, ...] = (
    Topic("crisis_suicidal", "Denkt aan zelfdoding", "crisis"),
    Topic("crisis_danger", "Gevaar, nu meteen", "crisis"),
    Topic("domestic_violence", "Geweld of niet veilig thuis", "veilig_thuis"),
    Topic("ask_household_help", "Hulp in huis", "huishoudelijke_hulp"),
    Topic("ask_aids", "Hulpmiddel of aanpassing", "voorziening"),
    Topic("ask_support", "Steun of advies", "buurtteam"),
    Topic("loneliness", "Eenzaam", "buurtteam"),
    Topic("money_worries", "Geldzorgen of schulden", "buurtteam"),
    Topic("paperwork", "Brieven en formulieren", "buurtteam"),
    Topic("parenting", "Opvoeding", "buurtteam"),
    Topic("caregiving", "Zorgen voor iemand (mantelzorg)", "buurtteam"),
    Topic("day_activities", "Iets te doen overdag (dagbesteding)", "buurtteam"),
    Topic("stress", "Stress of zorgen", "buurtteam"),
    Topic("addiction", "Verslaving", "buurtteam"),
    Topic("neighbour_quarrel", "Ruzie met de buren", "buurtteam"),
    Topic("housing_trouble", "Problemen met de woning", "buurtteam"),
    Topic("info_wmo", "Vraag: wat is de Wmo?", "informatie"),
    Topic("info_costs", "Vraag: wat kost het?", "informatie"),
    Topic("info_opening_hours", "Vraag: wanneer zijn jullie open?", "informatie"),
    Topic("info_where_buurtteam", "Vraag: waar is mijn buurtteam?", "informatie"),
    Topic("info_buurtteam", "Vraag: wat is het buurtteam?", "informatie"),
    Topic("ask_person", "Wil een medewerker spreken", "medewerker"),
    Topic("out_of_scope", "Iets anders van de gemeente (paspoort, afval)", "buiten_scope"),
)
BY_INTENT = {topic.intent: topic for topic in TOPICS}
ROUTES = (
    "crisis",
    "veilig_thuis",
    "huishoudelijke_hulp",
    "voorziening",
    "buurtteam",
    "informatie",
    "medewerker",
    "buiten_scope",
)
# Buttons that are no topic, in the words staff read them.
BUTTON_WORDS = {
    "greet": "begin van het gesprek",
    "affirm": "ja",
    "deny": "nee",
    "goodbye": "gesprek afsluiten",
    "repeat": "nog een keer",
}


def button_words(payload: str) -> str:
    """What a button the resident pressed stands for ("/ask_aids" -> "Hulpmiddel of
    aanpassing"), never a code name when it is known; the payload itself when it is not."""
    if not payload.startswith("/"):
        return payload
    intent = payload[1:].split("{", 1)[0]
    topic = BY_INTENT.get(intent)
    return topic.label if topic else BUTTON_WORDS.get(intent, payload)
