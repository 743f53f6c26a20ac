"""The case summaries, for every route: deterministic, only what the resident gave, safety
first, each fact once, in words (never a code, a payload, a greeting or a lexicon pattern).

Issue 20 changed the summary's form: the route is given in words with its reason
("- Route: Veilig Thuis, omdat: ..."), not as its code; a disclosure comes first in its own
section; the question is never a greeting.
"""

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from wordfreq import zipf_frequency

from integrations.b1.checker import B1Checker
from integrations.b1.config import load_rules
from integrations.cases.facts import read_message
from integrations.cases.record import (
    Case,
    CaseUpdate,
    ContactUpdate,
    Handoff,
    SafetySignal,
    apply_update,
    facts_update,
    new_case,
    with_appointment,
)
from integrations.cases.summary import (
    contact_json,
    resident_summary,
    signals_json,
    staff_sections,
    staff_summary,
)
from integrations.cases.worklist import need_line
from integrations.nlg.constants import phrasing_constants
from integrations.settings import Settings

T0 = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
CONSTANTS = phrasing_constants(Settings(_env_file=None))
B1 = B1Checker(load_rules(), lambda w: float(zipf_frequency(w, "nl")))
CODES = re.compile(r"\b[a-z]+_[a-z_]+\b|/[a-z_]+|\(\?|\\b|\|")


def case_with(*updates: CaseUpdate, channel: str = "chat") -> Case:
    case = new_case("s1", channel, T0)  # type: ignore[arg-type]
    for update in updates:
        case = apply_update(case, update, T0)
    return case


def said(case: Case, text: str) -> Case:
    """A resident's message, read for facts as the case store does when it is written."""
    facts = read_message(text)
    update = facts_update(facts.phones, facts.contact_words, facts.children, facts.own_words)
    return apply_update(case, update, T0) if update else case


def bot(text: str) -> dict[str, Any]:
    return {"sender": "bot", "text": text}


def resident(text: str) -> dict[str, Any]:
    return {"sender": "resident", "text": text}


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
ROUTE_WORDS = {
    "crisis": "Crisis, omdat: gevaar of gedachten aan zelfmoord genoemd.",
    "veilig_thuis": "Veilig Thuis, omdat: signaal van huiselijk geweld of mishandeling.",
    "huishoudelijke_hulp": "Hulp in het huishouden, omdat: vraag om hulp in het huishouden.",
    "voorziening": "Hulpmiddel of aanpassing, omdat: vraag om een hulpmiddel, aanpassing",
    "buurtteam": "Buurtteam, omdat: vraag voor het buurtteam.",
    "informatie": "Informatie, omdat: vraag om informatie.",
    "medewerker": "Wil een medewerker spreken, omdat: wilde een medewerker spreken.",
    "buiten_scope": "Niet voor de Toegang, omdat: vraag buiten de Toegang",
}


@pytest.mark.parametrize("route", sorted(ROUTE_CASES))
def test_every_route_is_summarised_in_words(route: str) -> None:
    update = ROUTE_CASES[route]
    case = case_with(update)
    summary = staff_summary(case, [], CONSTANTS)
    assert f'- In eigen woorden: "{update.resident_words}"' in summary
    assert f"- Route: {ROUTE_WORDS[route]}" in summary
    assert not CODES.search(summary), summary  # no route code, payload or pattern
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
                "next_step": "afspraak",
                "contact_preference": "bellen",
                "phone_number": "0612345678",
            },
            handoff=Handoff(reason="korte intake klaar", urgency="normaal"),
        ),
    )
    summary = staff_summary(case, [], CONSTANTS)
    assert "- Hulp bij: schoonmaken." in summary
    assert (
        "- Contact: Wil gebeld worden. "
        "Telefoon: 06 1234 5678 (gegeven op de vraag naar een nummer)." in summary
    )
    assert "- Overdracht: de korte vragenlijst is klaar." in summary
    assert "- Wijk en buurtteam: nog niet bekend." in summary
    assert "Afspraak: afspraak" not in summary and "bellen." not in summary
    assert contact_json(case)["phones"][0]["href"] == "tel:+31612345678"
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
            safety_signal=SafetySignal(
                kind="suicide", phrase="(ik|) wil (dood)", words="ik wil niet meer leven"
            ),
            handoff=Handoff(reason="crisis", urgency="acuut"),
        ),
    )
    transcript = [
        bot("Wat goed dat u dit vertelt. Bel gratis 0800-0113, dag en nacht."),
        bot("Bent u nu in direct gevaar? Bel dan meteen 112."),
    ]
    sections = staff_sections(case, transcript, CONSTANTS)
    assert sections[0].title == "Veiligheid eerst"
    summary = staff_summary(case, transcript, CONSTANTS)
    assert summary.startswith(
        'Veiligheid eerst: gedachten aan zelfmoord. De inwoner vertelde: "ik wil niet meer leven"'
    )
    assert "- Wie loopt gevaar: de inwoner zelf." in summary
    assert "- De assistent gaf al: 113 Zelfmoordpreventie, 112." in summary
    assert summary.count("De assistent gaf al") == 1
    assert "- Nodig: traplift." in summary
    assert "- Urgentie: Acuut: nu oppakken." in summary
    assert "(ik|)" not in summary  # never a pattern of the lexicon
    assert resident_summary(case)[0].endswith("U heeft verteld dat het nu niet veilig is.")


def test_a_greeting_is_never_the_question() -> None:
    case = case_with(CaseUpdate(route="medewerker"))
    transcript = [
        {"sender": "resident", "payload": "/greet"},
        resident("hoi"),
        resident("goedemiddag"),
    ]
    summary = staff_summary(case, transcript, CONSTANTS)
    assert "hoi" not in summary and "goedemiddag" not in summary
    assert "- Vraag: de inwoner heeft het nog niet in eigen woorden gezegd." in summary
    transcript.append(resident("Goedemiddag, ik heb hulp nodig met mijn post"))
    summary = staff_summary(case, transcript, CONSTANTS)
    assert '- In eigen woorden: "ik heb hulp nodig met mijn post"' in summary


def the_audit_conversation() -> tuple[Case, list[dict[str, Any]]]:
    """Staff audit 2026-12-02, defect 1: a disclosure in the middle of a parenting question."""
    messages = [
        "goedemiddag",
        "stress met de opvoeding van mijn zoon van 9",
        "ja graag",
        "mijn man slaat mij en ik ben bang dat hij het kind ook pijn doet",
        "bel mij alleen overdag op 0611122233, dan is hij op zijn werk",
    ]
    case = new_case("s1", "chat", T0)
    transcript: list[dict[str, Any]] = [{"sender": "resident", "payload": "/greet"}]
    for text in messages:
        case = said(case, text)
        transcript.append(resident(text))
        if text.startswith("stress"):
            case = apply_update(
                case,
                CaseUpdate(
                    route="buurtteam",
                    topic="parenting",
                    life_area="opvoeden",
                    resident_words=text,
                ),
                T0,
            )
        if text.startswith("mijn man"):
            case = apply_update(
                case,
                CaseUpdate(
                    route="veilig_thuis",
                    urgency="acuut",
                    topic="violence",
                    life_area="veiligheid",
                    safety_signal=SafetySignal(kind="violence", phrase=r"\bslaat\b", words=text),
                    handoff=Handoff(reason="veilig_thuis", urgency="acuut"),
                ),
                T0,
            )
            transcript.append(bot("Bel Veilig Thuis: 0800-2000. Dat is gratis."))
    return case, transcript


def test_a_disclosure_comes_first_with_who_is_at_risk_and_when_to_call() -> None:
    case, transcript = the_audit_conversation()
    summary = staff_summary(case, transcript, CONSTANTS)
    lines = summary.splitlines()
    assert lines[0] == (
        'Veiligheid eerst: geweld of mishandeling. De inwoner vertelde: "mijn man slaat mij en'
        ' ik ben bang dat hij het kind ook pijn doet"'
    )
    assert (
        '- Wie loopt gevaar: de inwoner zelf; kinderen genoemd: "mijn zoon van 9", "het kind".'
        in lines
    )
    assert '- Veilig contact: "bel mij alleen overdag"; "dan is hij op zijn werk".' in lines
    assert "- De assistent gaf al: Veilig Thuis." in lines
    # What the resident needed before stays: a later answer adds, it does not erase.
    assert '- In eigen woorden: "stress met de opvoeding van mijn zoon van 9"' in lines
    assert "- Onderwerp: opvoeden en opgroeien." in lines  # though the route moved on
    assert (
        "- Contact: Wil gebeld worden. Telefoon: 06 1112 2233 (genoemd in het gesprek)." in lines
        or "- Contact: Telefoon: 06 1112 2233 (genoemd in het gesprek)." in lines
    )
    # Each fact once; no greeting, no "ja graag", no payload, no pattern.
    assert summary.count("mijn man slaat mij") == 1
    assert summary.count("stress met de opvoeding") == 1
    assert summary.count("0611122233") == 0 and summary.count("06 1112 2233") == 1
    for never in ("goedemiddag", "ja graag", "/greet", r"\bslaat", "veilig_thuis"):
        assert never not in summary
    assert need_line(case).startswith('Geweld of mishandeling: "mijn man slaat mij')
    assert need_line(case).endswith("(kind genoemd)")
    contact = contact_json(case)
    assert contact["phones"][0]["href"] == "tel:+31611122233"
    assert contact["safe_words"] == ["bel mij alleen overdag", "dan is hij op zijn werk"]


def test_a_callback_without_a_number_says_so() -> None:
    case = case_with(
        CaseUpdate(route="buurtteam", topic="loneliness"),
        CaseUpdate(
            intake={"contact_preference": "bellen", "phone_number": "niet gegeven"},
            handoff=Handoff(reason="afspraak buurtteam: terugbellen", urgency="normaal"),
        ),
    )
    summary = staff_summary(case, [], CONSTANTS)
    assert (
        "- Contact: Wil gebeld worden. De inwoner gaf geen nummer op de vraag naar een nummer."
        in summary
    )
    assert contact_json(case)["no_number"].startswith("De inwoner gaf geen nummer")
    phone_call = case_with(
        CaseUpdate(handoff=Handoff(reason="terugbelverzoek telefoon", urgency="hoog")),
        channel="phone",
    )
    assert "- Contact: Geen telefoonnummer bekend." in staff_summary(phone_call, [], CONSTANTS)


def test_the_callers_number_on_the_phone_line() -> None:
    update = CaseUpdate(
        intake={"phone_number": "+31592123456"},  # as Twilio gives the caller's number
        handoff=Handoff(reason="terugbelverzoek telefoon", urgency="hoog"),
    )
    call = case_with(update, channel="phone")
    summary = staff_summary(call, [], CONSTANTS)
    assert "Telefoon: 0592 123 456 (het nummer waarmee gebeld werd)." in summary
    confirmed = apply_update(
        call, CaseUpdate(contact=ContactUpdate(phone="0592123456", confirmed=True)), T0
    )
    assert "(het nummer waarmee gebeld werd, bevestigd)" in staff_summary(confirmed, [], CONSTANTS)
    assert "- Overdracht: beller wil teruggebeld worden." in summary


def test_the_appointment_as_it_is_now() -> None:
    buurtteam = CaseUpdate(
        route="buurtteam", topic="money_worries", intake={"next_step": "afspraak"}
    )
    waiting = case_with(buurtteam)
    assert "- Afspraak: wil een afspraak, maar die is nog niet gemaakt." in staff_summary(
        waiting, [], CONSTANTS
    )
    booked = with_appointment(
        waiting,
        {
            "appointment": {
                "when": "dinsdag 24 november om 9.00 uur",
                "buurtteam": "Buurtteam Kloosterveen",
                "address": "Kloosterveen 1, Assen",
                "phone": "0592 000 001",
            },
            "buurtteam": "Buurtteam Kloosterveen",
        },
    )
    summary = staff_summary(booked, [], CONSTANTS)
    assert (
        "- Afspraak: dinsdag 24 november om 9.00 uur bij Buurtteam Kloosterveen, "
        "Kloosterveen 1, Assen. Telefoon van het team: 0592 000 001." in summary
    )
    assert summary.count("Afspraak") == 1
    # The confirmation by SMS: where it went, and that it failed (staff audit, defect 3).
    texted = apply_update(booked, CaseUpdate(intake={"sms": "niet gelukt (naar 06 4321 8765)"}), T0)
    assert "- Sms met de afspraak: niet gelukt (naar 06 4321 8765)." in staff_summary(
        texted, [], CONSTANTS
    )
    cancelled = with_appointment(booked, {"appointment": None})
    summary = staff_summary(cancelled, [], CONSTANTS)
    assert (
        "- Afspraak: geen meer. De afspraak van dinsdag 24 november om 9.00 uur is afgezegd."
        in summary
    )
    assert "Afspraak: nog geen" not in summary


def test_a_button_is_never_shown_as_the_residents_words() -> None:
    case = case_with(
        CaseUpdate(
            route="veilig_thuis",
            urgency="acuut",
            resident_words="/domestic_violence",
            safety_signal=SafetySignal(
                kind="violence", phrase="knop: ik ben bang voor iemand", words="/domestic_violence"
            ),
        )
    )
    summary = staff_summary(case, [{"sender": "resident", "payload": "/deny"}], CONSTANTS)
    assert signals_json(case)[0]["words"] == "koos de knop: ik ben bang voor iemand"
    assert "phrase" not in signals_json(case)[0]
    assert 'De inwoner vertelde: "koos de knop: ik ben bang voor iemand"' in summary
    assert "/" not in summary


def test_a_later_answer_adds_and_a_correction_replaces() -> None:
    case = case_with(
        ROUTE_CASES["voorziening"],
        CaseUpdate(intake={"aid_needed": "scootmobiel"}),
        CaseUpdate(intake={"aid_needed": "niet gegeven"}),
        CaseUpdate(intake={"aid_needed": "een traplift voor boven"}),
    )
    assert "- Nodig: scootmobiel; een traplift voor boven." in staff_summary(case, [], CONSTANTS)
    corrected = apply_update(case, CaseUpdate(corrections={"aid_needed": "rolstoel"}), T0)
    assert "- Nodig: rolstoel." in staff_summary(corrected, [], CONSTANTS)


def test_need_line_for_the_queue() -> None:
    assert need_line(case_with(ROUTE_CASES["huishoudelijke_hulp"])) == (
        'Hulp in het huishouden: "hulp in huis"'
    )
    assert need_line(case_with(CaseUpdate(route="crisis"))) == (
        "Gevaar of gedachten aan zelfmoord genoemd"
    )
    assert need_line(new_case("s", "phone", T0)) == "Nog niet bekend wat de inwoner nodig heeft."
    long = "ik " + "heb echt heel veel vragen over mijn geld " * 6
    assert len(need_line(case_with(CaseUpdate(resident_words=long)))) <= 110


def test_a_correction_after_the_read_back_shows_the_answer_and_the_words_once() -> None:
    """Issue 20: "Klopt dit?" "nee, het is voor mijn moeder": the corrected answer, marked so,
    and the correction in the resident's own words once (not again as the question)."""
    words = "nee, het is voor mijn moeder"
    case = case_with(
        ROUTE_CASES["huishoudelijke_hulp"],
        CaseUpdate(
            intake={"help_needed": "schoonmaken", "help_for": "voor mijzelf"},
            corrections={"help_for": "voor mijn moeder"},
            correction_words=words,
        ),
    )
    case = said(case, words)  # the gateway reads the same message for facts
    case = apply_update(case, CaseUpdate(correction_words=words), T0)  # sent twice: kept once
    summary = staff_summary(case, [{"sender": "resident", "text": words}], CONSTANTS)
    assert "- Voor wie: voor mijn moeder. Verbeterd door de inwoner." in summary
    assert "voor mijzelf" not in summary
    assert summary.count("nee, het is voor mijn moeder") == 1
    assert f'- Verbetering in eigen woorden: "{words}"' in summary
    assert case.corrected == ["help_for"] and case.readback_note is None


def test_what_staff_must_check_after_the_read_back() -> None:
    note = "De inwoner zei dat iets niet klopt, maar niet wat. Bel om het na te lopen."
    case = case_with(
        ROUTE_CASES["voorziening"],
        CaseUpdate(
            intake={"aid_needed": "rolstoel"},
            readback_note=note,
            handoff=Handoff(reason="korte intake klaar: nakijken", urgency="normaal"),
        ),
    )
    summary = staff_summary(case, [], CONSTANTS)
    assert f"- Nakijken: {note}" in summary
    assert "- Overdracht: de korte vragenlijst is klaar, maar iets klopt niet." in summary


def test_a_number_given_as_a_correction_is_the_number_to_call() -> None:
    case = case_with(
        ROUTE_CASES["voorziening"],
        CaseUpdate(
            intake={"aid_needed": "rolstoel", "contact_preference": "zelf bellen"},
            corrections={"phone_number": "0612345678", "contact_preference": "bellen"},
        ),
    )
    assert case.contact.preference == "bellen"
    assert [p.number for p in case.contact.phones] == ["0612345678"]


def test_no_place_to_sleep_is_named_as_such_in_the_route_line() -> None:
    """Held on 8 December: a shelter case read "Crisis, omdat: gevaar of gedachten aan
    zelfmoord genoemd"."""
    shelter = CaseUpdate(route="crisis", urgency="acuut", topic="shelter")
    summary = staff_summary(apply_update(new_case("s", "chat", T0), shelter, T0), [], CONSTANTS)
    assert "Crisis, omdat: geen slaapplek vannacht." in summary
    assert "gedachten aan zelfmoord" not in summary
