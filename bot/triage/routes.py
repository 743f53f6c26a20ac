"""Triage rules: which route, urgency and life area an intent leads to. Pure, no I/O.

Routes and urgencies are the values of the public contract (../shared/DESIGN.md).
"""

from dataclasses import dataclass

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
URGENCIES = ("acuut", "hoog", "normaal")
SAFETY_ROUTES = frozenset({"crisis", "veilig_thuis"})


@dataclass(frozen=True)
class Triage:
    route: str
    urgency: str
    topic: str
    life_area: str


_BUURTTEAM_TOPICS = {
    "ask_support": ("support", "meedoen"),
    "loneliness": ("loneliness", "meedoen"),
    "money_worries": ("money_worries", "geld"),
    "paperwork": ("paperwork", "geld"),
    "parenting": ("parenting", "opvoeding"),
    "caregiving": ("caregiving", "zorg"),
    "day_activities": ("day_activities", "meedoen"),
    "stress": ("stress", "gezondheid"),
    "addiction": ("addiction", "gezondheid"),
    "neighbour_quarrel": ("neighbour_quarrel", "wonen"),
    "housing_trouble": ("housing_trouble", "wonen"),
}

TRIAGE: dict[str, Triage] = {
    "crisis_suicidal": Triage("crisis", "acuut", "suicide", "veiligheid"),
    "crisis_danger": Triage("crisis", "acuut", "danger", "veiligheid"),
    "domestic_violence": Triage("veilig_thuis", "hoog", "violence", "veiligheid"),
    "ask_household_help": Triage("huishoudelijke_hulp", "normaal", "household_help", "zorg"),
    "ask_aids": Triage("voorziening", "normaal", "aids", "zorg"),
    **{
        intent: Triage("buurtteam", "normaal", topic, area)
        for intent, (topic, area) in _BUURTTEAM_TOPICS.items()
    },
    "info_wmo": Triage("informatie", "normaal", "info_wmo", "zorg"),
    "info_costs": Triage("informatie", "normaal", "info_costs", "geld"),
    "info_opening_hours": Triage("informatie", "normaal", "info_opening_hours", "meedoen"),
    "info_where_buurtteam": Triage("informatie", "normaal", "info_where_buurtteam", "meedoen"),
    "info_duration": Triage("informatie", "normaal", "info_duration", "zorg"),
    "info_buurtteam": Triage("informatie", "normaal", "info_buurtteam", "meedoen"),
    "ask_person": Triage("medewerker", "normaal", "person", "meedoen"),
    # A wish for an appointment with the buurtteam, in any words (the appointment dialogue).
    "book_appointment": Triage("buurtteam", "normaal", "appointment", "meedoen"),
    "out_of_scope": Triage("buiten_scope", "normaal", "out_of_scope", "meedoen"),
}

# The lexicon's signal kinds and the intent each one stands for.
SIGNAL_INTENTS = {
    "suicide": "crisis_suicidal",
    "danger": "crisis_danger",
    "shelter": "crisis_danger",
    "violence": "domestic_violence",
    "unclear": "safety_check",
}


def triage(intent: str | None) -> Triage | None:
    """The route an intent decides, or None when it decides none (greet, affirm ...)."""
    return TRIAGE.get(intent or "")


def route_of_intent(intent: str | None) -> str | None:
    decided = triage(intent)
    return decided.route if decided else None
