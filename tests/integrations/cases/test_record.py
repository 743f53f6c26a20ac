from datetime import UTC, datetime

import pytest

from integrations.cases.record import (
    CaseClosed,
    CaseUpdate,
    ContactUpdate,
    Handoff,
    HeldByOther,
    NeedsConfirmation,
    SafetySignal,
    apply_update,
    closed,
    facts_update,
    holder,
    merged_answer,
    merged_route,
    merged_urgency,
    merged_words,
    new_case,
    released,
    taken,
    with_appointment,
    writable,
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


def test_a_withdrawn_request_lowers_the_route_but_never_a_safety_route() -> None:
    """Conversations v13: "eigenlijk wil ik eerst alleen weten wat het kost" after a
    traplift request ended the form, but the case stayed `voorziening`."""
    withdrawn = CaseUpdate(route="informatie", route_withdrawn=True)
    aids = new_case("s1", "chat", T0).model_copy(update={"route": "voorziening"})
    assert apply_update(aids, withdrawn, T0).route == "informatie"
    for safety in ("crisis", "veilig_thuis"):
        case = aids.model_copy(update={"route": safety})
        assert apply_update(case, withdrawn, T0).route == safety
    assert apply_update(aids, CaseUpdate(route="informatie"), T0).route == "voorziening"


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


# --- issue 20: a later answer adds, numbers stay, one staff member at a time ---------------

T1 = datetime(2026, 11, 23, 9, 10, tzinfo=UTC)


def test_a_later_answer_adds_to_an_earlier_one() -> None:
    assert merged_answer(None, "schoonmaken") == "schoonmaken"
    assert merged_answer("schoonmaken", "niet gegeven") == "schoonmaken"
    assert merged_answer("niet gegeven", "de was") == "de was"
    assert merged_answer("schoonmaken", "de was") == "schoonmaken; de was"
    assert merged_answer("schoonmaken; de was", "De  was") == "schoonmaken; de was"
    assert merged_answer("scootmobiel", "een scootmobiel voor buiten") == (
        "een scootmobiel voor buiten"
    )


def test_state_answers_follow_the_dialogue_but_are_never_blanked() -> None:
    case = new_case("s1", "chat", T0)
    case = apply_update(case, CaseUpdate(intake={"next_step": "afspraak"}), T0)
    case = apply_update(case, CaseUpdate(intake={"next_step": "geen afspraak"}), T0)
    assert case.intake["next_step"] == "geen afspraak"
    case = apply_update(case, CaseUpdate(intake={"wijk": "Kloosterveen"}), T0)
    case = apply_update(case, CaseUpdate(intake={"wijk": "niet gegeven"}), T0)
    assert case.intake["wijk"] == "Kloosterveen"


def test_own_words_are_kept_once_and_never_small_talk() -> None:
    words: list[str] = []
    for text in ["hoi", "/greet", "ik zoek hulp", "Ik  zoek hulp", "ja graag", "goedemiddag"]:
        words = merged_words(words, text)
    assert words == ["ik zoek hulp"]
    for n in range(10):
        words = merged_words(words, f"vraag nummer {n} over geld")
    assert words[0] == "ik zoek hulp" and len(words) == 6  # the earliest stay


def test_a_number_once_given_stays_and_can_be_confirmed() -> None:
    case = new_case("s1", "phone", T0)
    case = apply_update(case, CaseUpdate(contact=ContactUpdate(phone="0611122233")), T0)
    no_number = {"contact_preference": "bellen", "phone_number": "niet gegeven"}
    case = apply_update(case, CaseUpdate(intake=no_number), T0)
    assert [p.number for p in case.contact.phones] == ["0611122233"]
    assert case.contact.preference == "bellen"
    case = apply_update(
        case, CaseUpdate(contact=ContactUpdate(phone="0611122233", confirmed=True)), T0
    )
    case = apply_update(
        case,
        CaseUpdate(contact=ContactUpdate(phone="0592123456", safe_words=["na 18 uur"])),
        T0,
    )
    assert [(p.number, p.confirmed) for p in case.contact.phones] == [
        ("0611122233", True),
        ("0592123456", False),
    ]
    assert case.contact.safe_words == ["na 18 uur"]
    # "geen voorkeur" never replaces a real wish.
    case = apply_update(case, CaseUpdate(contact=ContactUpdate(preference="geen voorkeur")), T0)
    assert case.contact.preference == "bellen"
    with pytest.raises(ValueError):
        ContactUpdate(phone="12345")


def test_facts_of_a_message_merge_into_the_case() -> None:
    update = facts_update(("0611122233",), ("alleen overdag",), ("mijn zoon van 9",), "hulp")
    assert update is not None
    case = apply_update(new_case("s1", "chat", T0), update, T0)
    case = apply_update(case, update, T0)
    assert case.children_named == ["mijn zoon van 9"]
    assert case.contact.safe_words == ["alleen overdag"]
    assert case.contact.phones[0].source == "gesprek"
    assert facts_update((), (), (), None) is None


def test_one_staff_member_holds_a_case() -> None:
    case = taken(new_case("s1", "chat", T0), "anna", T0)
    assert (holder(case), case.taken_at) == ("anna", T0)
    assert taken(case, "anna", T1) == case.model_copy(update={"updated_at": T1})
    with pytest.raises(HeldByOther) as other:
        taken(case, "bert", T1)
    assert other.value.holder == "anna"
    with pytest.raises(HeldByOther):
        writable(case, "bert")
    with pytest.raises(HeldByOther):
        released(case, "bert", T1)
    # On purpose: bert takes it from anna, who went home; the first take time stays.
    by_bert = taken(case, "bert", T1, force=True)
    assert (holder(by_bert), by_bert.taken_at) == ("bert", T0)
    back = released(by_bert, "bert", T1)
    assert (back.mode, holder(back)) == ("bot", None)
    assert holder(taken(back, "anna", T1)) == "anna"


def test_closing_asks_a_confirmation_for_safety_and_ends_the_case() -> None:
    calm = new_case("s1", "chat", T0)
    done = closed(calm, "informatie gegeven", "anna", T1, confirmed=False)
    assert (done.outcome, done.closed_by, done.closed_at) == ("informatie gegeven", "anna", T1)
    with pytest.raises(CaseClosed):
        writable(done, "anna")
    with pytest.raises(CaseClosed):
        taken(done, "anna", T1)
    danger = apply_update(calm, CaseUpdate(route="veilig_thuis", urgency="hoog"), T0)
    with pytest.raises(NeedsConfirmation):
        closed(danger, "geen actie", "anna", T1, confirmed=False)
    assert closed(danger, "Veilig Thuis", "anna", T1, confirmed=True).outcome == "Veilig Thuis"
    disclosed = apply_update(
        calm, CaseUpdate(safety_signal=SafetySignal(kind="violence", words="hij slaat")), T0
    )
    with pytest.raises(NeedsConfirmation):
        closed(disclosed, "geen actie", "anna", T1, confirmed=False)


def test_a_closed_case_opens_again_when_the_resident_asks_for_a_person() -> None:
    asked = apply_update(
        new_case("s1", "chat", T0),
        CaseUpdate(handoff=Handoff(reason="vraagt om een medewerker", urgency="normaal")),
        T0,
    )
    done = closed(asked, "geen actie", "anna", T0, confirmed=False)
    again = apply_update(
        done, CaseUpdate(handoff=Handoff(reason="vraagt om een medewerker", urgency="normaal")), T1
    )
    assert again.closed_at is None and again.handoff is not None
    assert again.handoff.requested_at == T1
    assert again.outcome == "geen actie"  # until it is closed again


def test_a_cancelled_appointment_is_remembered() -> None:
    case = with_appointment(new_case("s1", "chat", T0), {"appointment": {"when": "maandag"}})
    assert case.cancelled_appointment is None
    case = with_appointment(case, {"appointment": None})
    assert (case.appointment, case.cancelled_appointment) == (None, "maandag")
    case = with_appointment(case, {"appointment": {"when": "dinsdag"}})
    assert case.cancelled_appointment is None


def test_a_closed_case_keeps_its_outcome() -> None:
    """Issue 20: closing a case that is closed already never overwrites its outcome."""
    case = new_case("s", "chat", T0)
    done = closed(case, "informatie gegeven", "anna", T1, confirmed=False)
    with pytest.raises(CaseClosed):
        closed(done, "geen actie", "bert", T1, confirmed=True)
    assert (done.outcome, done.closed_by) == ("informatie gegeven", "anna")
