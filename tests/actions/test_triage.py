"""The way to a person (actions/triage.py): asked for at any point, but an answer about
contact to the open question is an answer."""

import pytest

from actions.triage import ActionHandoff
from tests.actions.conftest import Run


def test_asking_for_a_person_ends_the_form_and_hands_on(run: Run) -> None:
    messages, events = run(
        ActionHandoff(),
        latest={"text": "ik wil een medewerker spreken"},
        slots={"requested_slot": "contact_preference"},
        active_loop="household_help_form",
    )
    assert [m["response"] for m in messages] == ["utter_handoff"]
    said = [(e["event"], e.get("name"), e.get("value")) for e in events]
    assert ("active_loop", None, None) in said
    assert ("slot", "route", "medewerker") in said


def test_bel_mij_maar_terug_to_the_contact_question_is_an_answer(run: Run) -> None:
    """Held by phone on 7 December: "bel mij maar terug" to "Hoe wilt u contact met ons?" was
    read as asking for a person, and the intake ended in "Nu zijn er geen medewerkers"."""
    messages, events = run(
        ActionHandoff(),
        latest={"text": "bel mij maar terug op 06 12 34 56 78"},
        slots={"requested_slot": "contact_preference"},
        active_loop="household_help_form",
    )
    assert messages == []
    assert [(e["event"], e.get("name"), e.get("value")) for e in events] == [
        ("slot", "contact_preference", "bellen"),
        ("slot", "phone_number", "0612345678"),
        ("followup", "household_help_form", None),
    ]


@pytest.mark.parametrize(
    "text", ["aan de telefoon", "kan het telefonisch", "ik wil liever dat ze mij bellen"]
)
def test_an_appointment_by_phone_is_an_answer_to_the_appointment_dialogue(
    run: Run, text: str
) -> None:
    """Held on 7 December: the dialogue's own button "Aan de telefoon", or "telefonisch" to
    "Hoe wilt u met het buurtteam praten?", was read as asking for a person; the appointment
    was lost in "Nu zijn er geen medewerkers"."""
    messages, events = run(
        ActionHandoff(),
        latest={"text": text},
        slots={"requested_slot": "appointment_step"},
        active_loop="buurtteam_form",
    )
    # The words go to the appointment dialogue (here the gateway is down: nothing booked,
    # and said so), then the form goes on; the real dialogue is in tests/e2e/test_booking.py.
    assert [m["response"] for m in messages] == ["utter_booking_unavailable"]
    assert [(e["event"], e.get("name"), e.get("value")) for e in events] == [
        ("slot", "appointment_step", "geen afspraak"),
        ("followup", "buurtteam_form", None),
    ]
    # Asking for a person in the same dialogue still reaches one.
    messages, _ = run(
        ActionHandoff(),
        latest={"text": "ik wil een medewerker aan de telefoon"},
        slots={"requested_slot": "appointment_step"},
        active_loop="buurtteam_form",
    )
    assert [m["response"] for m in messages] == ["utter_handoff"]


def test_the_same_words_outside_a_contact_question_ask_for_a_person(run: Run) -> None:
    for slots, loop in (({"requested_slot": "since_when"}, "aids_form"), ({}, None)):
        messages, _ = run(
            ActionHandoff(),
            latest={"text": "kan iemand mij terugbellen"},
            slots=slots,
            active_loop=loop,
        )
        assert [m["response"] for m in messages] == ["utter_handoff"]
