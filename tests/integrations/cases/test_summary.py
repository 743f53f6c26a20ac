"""The case summaries, for every route: deterministic, only what the resident gave."""

from datetime import UTC, datetime
from typing import Any

import pytest
from wordfreq import zipf_frequency

from integrations.b1.checker import B1Checker
from integrations.b1.config import load_rules
from integrations.cases.record import (
    Case,
    CaseUpdate,
    Handoff,
    SafetySignal,
    apply_update,
    new_case,
)
from integrations.cases.summary import resident_summary, staff_summary
from integrations.nlg.constants import phrasing_constants
from integrations.settings import Settings

T0 = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
CONSTANTS = phrasing_constants(Settings(_env_file=None))
B1 = B1Checker(load_rules(), lambda w: float(zipf_frequency(w, "nl")))


def case_with(*updates: CaseUpdate) -> Case:
    case = new_case("s1", "chat", T0)
    for update in updates:
        case = apply_update(case, update, T0)
    return case


def bot(text: str) -> dict[str, Any]:
    return {"sender": "bot", "text": text}


ROUTE_CASES = {
    "crisis": CaseUpdate(
        route="crisis", urgency="acuut", topic="suicide", resident_words="ik wil dood"
    ),
    "veilig_thuis": CaseUpdate(route="veilig_thuis", urgency="hoog", resident_words="hij slaat me"),
    "huishoudelijke_hulp": CaseUpdate(
        route="huishoudelijke_hulp", topic="household_help", resident_words="hulp in huis"
    ),
    "voorziening": CaseUpdate(route="voorziening", topic="aids", resident_words="traplift"),
    "buurtteam": CaseUpdate(route="buurtteam", topic="money_worries", resident_words="schulden"),
    "informatie": CaseUpdate(route="informatie", resident_words="wat kost het"),
    "medewerker": CaseUpdate(route="medewerker", resident_words="een mens graag"),
    "buiten_scope": CaseUpdate(route="buiten_scope", resident_words="paspoort"),
}


@pytest.mark.parametrize("route", sorted(ROUTE_CASES))
def test_every_route_is_summarised(route: str) -> None:
    case = case_with(ROUTE_CASES[route])
    summary = staff_summary(case, [], CONSTANTS)
    assert summary.splitlines()[0].startswith('Vraag in eigen woorden: "')
    assert f"Route: {route} (" in summary
    assert summary == staff_summary(case, [], CONSTANTS)  # deterministic
    for bubble in resident_summary(case):
        assert B1.check(bubble).verdict != "fail", bubble


def test_household_help_with_answers_and_handoff() -> None:
    case = case_with(
        ROUTE_CASES["huishoudelijke_hulp"],
        CaseUpdate(
            intake={
                "help_needed": "schoonmaken",
                "help_for": "voor mijzelf",
                "since_when": "sinds kort",
                "contact_preference": "bellen",
                "phone_number": "0612345678",
            },
            handoff=Handoff(reason="korte intake klaar", urgency="normaal"),
        ),
    )
    summary = staff_summary(case, [], CONSTANTS)
    assert "Hulp bij: schoonmaken." in summary
    assert "Telefoon: 0612345678." in summary
    assert "Overdracht: korte intake klaar (normaal)." in summary
    assert "Wijk en buurtteam: nog niet bekend." in summary
    assert resident_summary(case) == [
        "Dit heb ik voor u opgeschreven. U zoekt hulp in het huishouden.",
        "Hulp bij: schoonmaken. Voor wie: voor mijzelf. Sinds: sinds kort.",
        "Een medewerker neemt contact met u op.",
    ]


def test_a_crisis_in_the_middle_of_a_conversation() -> None:
    case = case_with(
        ROUTE_CASES["voorziening"],
        CaseUpdate(intake={"aid_needed": "traplift"}),
        CaseUpdate(
            route="crisis",
            urgency="acuut",
            topic="suicide",
            life_area="veiligheid",
            safety_signal=SafetySignal(kind="suicide", phrase="(ik|) wil (dood)"),
            handoff=Handoff(reason="crisis", urgency="acuut"),
        ),
    )
    transcript = [
        bot("Wat goed dat u dit vertelt. Bel gratis 0800-0113, dag en nacht."),
        bot("Bent u nu in direct gevaar? Bel dan meteen 112."),
    ]
    summary = staff_summary(case, transcript, CONSTANTS)
    assert 'Vraag in eigen woorden: "traplift"' in summary
    assert "Route: crisis (crisis: gevaar of gedachten aan zelfmoord genoemd" in summary
    assert "Urgentie: acuut." in summary
    assert "Veiligheid: gedachten aan zelfmoord." in summary
    assert "Nodig: traplift." in summary
    assert "De assistent gaf al: 113 Zelfmoordpreventie, 112." in summary
    assert resident_summary(case)[0].endswith("U heeft verteld dat het nu niet veilig is.")


def test_words_come_from_the_transcript_when_the_case_has_none() -> None:
    case = case_with(CaseUpdate(route="medewerker"))
    transcript = [
        {"sender": "resident", "payload": "/greet"},
        {"sender": "resident", "text": "hoi"},
    ]
    assert staff_summary(case, transcript, CONSTANTS).startswith('Vraag in eigen woorden: "hoi"')
