from pathlib import Path

import yaml

from bot.triage.routes import ROUTES, SIGNAL_INTENTS, TRIAGE, URGENCIES, route_of_intent, triage

REPO = Path(__file__).resolve().parents[3]
CONVERSATIONAL = {
    "greet",
    "goodbye",
    "affirm",
    "deny",
    "dont_understand",
    "repeat",
    "inform",
    "bot_challenge",
}
# About an appointment booked earlier (in this conversation or another): no new route.
APPOINTMENT_FOLLOW_UP = {"change_appointment", "cancel_appointment", "ask_appointment"}


def domain_intents() -> set[str]:
    intents: set[str] = set()
    for path in (REPO / "bot" / "domain").glob("*.yml"):
        intents |= set(yaml.safe_load(path.read_text(encoding="utf-8")).get("intents") or [])
    return intents


def test_every_intent_is_triaged_or_conversational() -> None:
    untriaged = (
        domain_intents() - set(TRIAGE) - CONVERSATIONAL - APPOINTMENT_FOLLOW_UP - {"safety_check"}
    )
    assert untriaged == set()
    assert set(TRIAGE) <= domain_intents()


def test_routes_and_urgencies_are_the_public_contract_values() -> None:
    assert {t.route for t in TRIAGE.values()} == set(ROUTES)
    assert {t.urgency for t in TRIAGE.values()} <= set(URGENCIES)


def test_safety_intents_are_urgent() -> None:
    assert triage("crisis_suicidal") is not None
    assert triage("crisis_suicidal").urgency == "acuut"  # type: ignore[union-attr]
    assert triage("crisis_danger").route == "crisis"  # type: ignore[union-attr]
    assert triage("domestic_violence").route == "veilig_thuis"  # type: ignore[union-attr]
    assert triage("domestic_violence").urgency == "hoog"  # type: ignore[union-attr]


def test_every_lexicon_signal_has_an_intent_the_bot_knows() -> None:
    assert set(SIGNAL_INTENTS.values()) <= domain_intents()


def test_small_talk_decides_no_route() -> None:
    assert route_of_intent("greet") is None
    assert route_of_intent(None) is None
    assert route_of_intent("money_worries") == "buurtteam"
