"""The whisper: what the staff member needs, in one or two sentences; never the read-back."""

from datetime import UTC, datetime

from integrations.cases.record import Case, Handoff, SafetySignal
from integrations.phone.whisper import INTRO, staff_whisper

NOW = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)


def case(**fields: object) -> Case:
    return Case(session_id="CA1", channel="phone", created_at=NOW, updated_at=NOW, **fields)  # type: ignore[arg-type]


def test_route_urgency_and_need_for_the_staff_member() -> None:
    said = staff_whisper(
        case(
            route="huishoudelijke_hulp",
            intake={"help_needed": "schoonmaken", "help_for": "voor iemand anders"},
            handoff=Handoff(reason="vraagt om een medewerker", urgency="normaal"),
        )
    )
    assert said == [
        "Beller van de assistent: hulp in het huishouden, urgentie normaal.",
        "Hulp bij schoonmaken, voor iemand anders.",
    ]
    assert not any("opgeschreven" in line for line in said)


def test_a_safety_signal_comes_before_the_need() -> None:
    said = staff_whisper(
        case(
            route="crisis",
            urgency="acuut",
            safety_signals=[SafetySignal(kind="danger", words="hij staat voor de deur")],
        )
    )
    assert said == ["Beller van de assistent: crisis, urgentie acuut.", "Let op: direct gevaar."]


def test_the_buurtteam_topic_wijk_and_the_callers_words() -> None:
    said = staff_whisper(
        case(
            route="buurtteam",
            topic="loneliness",
            wijk="Kloosterveen",
            resident_words=["ik ben zo alleen"],
        )
    )
    assert said == [
        "Beller van de assistent: het buurtteam over eenzaamheid, urgentie normaal,"
        " wijk Kloosterveen.",
        'Zei: "ik ben zo alleen"',
    ]


def test_without_a_case_only_that_a_caller_comes() -> None:
    assert staff_whisper(None) == [INTRO]
