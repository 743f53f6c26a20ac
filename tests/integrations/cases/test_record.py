from datetime import UTC, datetime

from integrations.cases.record import (
    CaseUpdate,
    Handoff,
    SafetySignal,
    apply_update,
    merged_route,
    merged_urgency,
    new_case,
)

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_safety_routes_are_never_replaced_by_a_lesser_route() -> None:
    assert merged_route(None, "informatie") == "informatie"
    assert merged_route("informatie", "buurtteam") == "buurtteam"
    assert merged_route("buurtteam", "informatie") == "buurtteam"
    assert merged_route("crisis", "medewerker") == "crisis"
    assert merged_route("veilig_thuis", "buurtteam") == "veilig_thuis"
    assert merged_route("veilig_thuis", "crisis") == "crisis"
    assert merged_route("buurtteam", "medewerker") == "medewerker"
    assert merged_route("crisis", None) == "crisis"


def test_urgency_only_goes_up() -> None:
    assert merged_urgency("normaal", "acuut") == "acuut"
    assert merged_urgency("acuut", "normaal") == "acuut"
    assert merged_urgency("hoog", None) == "hoog"


def test_an_update_merges_into_the_case() -> None:
    case = new_case("s1", "chat", T0)
    case = apply_update(
        case,
        CaseUpdate(
            route="huishoudelijke_hulp",
            urgency="normaal",
            topic="household_help",
            life_area="zorg",
            resident_words="ik ken me huis nie meer schoon houwe",
        ),
        T0,
    )
    case = apply_update(case, CaseUpdate(intake={"help_needed": "schoonmaken"}), T0)
    case = apply_update(
        case,
        CaseUpdate(
            route="crisis",
            urgency="acuut",
            life_area="veiligheid",
            safety_signal=SafetySignal(kind="suicide", phrase="zelfmoord"),
            handoff=Handoff(reason="crisis", urgency="acuut"),
        ),
        T0,
    )
    case = apply_update(
        case,
        CaseUpdate(route="medewerker", handoff=Handoff(reason="medewerker", urgency="normaal")),
        T0,
    )
    assert case.route == "crisis"
    assert case.urgency == "acuut"
    assert case.life_areas == ["zorg", "veiligheid"]
    assert case.intake == {"help_needed": "schoonmaken"}
    assert case.handoff is not None and case.handoff.reason == "crisis"
    assert case.safety_signals[0].at == T0
    assert case.resident_words == ["ik ken me huis nie meer schoon houwe"]


def test_the_gateway_and_the_triage_rules_know_the_same_routes() -> None:
    """Two environments, one contract: the gateway's types match bot/triage/routes.py."""
    from typing import get_args

    from bot.triage.routes import ROUTES, URGENCIES
    from integrations.cases.record import ROUTE_RANK, Route, Urgency

    assert set(get_args(Route)) == set(ROUTES) == set(ROUTE_RANK)
    assert set(get_args(Urgency)) == set(URGENCIES)
