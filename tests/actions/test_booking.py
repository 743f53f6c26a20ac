"""The thin booking steps of the buurtteam form: which questions, what the gateway's answer
becomes, and kind answers when the gateway cannot be reached (the e2e tests run them against
the real gateway; the dialogue itself is tested in tests/integrations/appointments/)."""

import asyncio
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.booking import (
    ActionAskAppointmentStep,
    ActionStartAppointment,
    BookingValidation,
    booking_required_slots,
    ended,
    say,
    with_place_said,
)


def test_the_questions_follow_the_answers(tracker_of: Any) -> None:
    def asked(**slots: Any) -> list[str]:
        return booking_required_slots(tracker_of(slots=slots))

    assert asked() == ["situation", "next_step"]
    assert asked(next_step="geen afspraak") == ["situation", "next_step"]
    assert asked(next_step="afspraak") == ["situation", "next_step", "appointment_step"]
    # A resident who began with a wish about an appointment: only the dialogue.
    assert asked(appointment_direct=True) == ["appointment_step"]


def test_the_gateways_answer_is_said_by_name_with_its_values_and_buttons() -> None:
    dispatcher = CollectingDispatcher()
    answer = {
        "say": [
            {"response": "utter_wijk_found", "values": {"wijk": "Peelo", "team_name": "T"}},
            {
                "response": "utter_ask_kind",
                "values": {},
                "button_payloads": ["bij het buurtteam", "bij mij thuis"],
            },
        ],
        "open": True,
        "outcome": None,
    }
    say(dispatcher, answer)
    first, second = dispatcher.messages
    assert first["response"] == "utter_wijk_found" and first["wijk"] == "Peelo"
    assert second["button_payloads"] == ["bij het buurtteam", "bij mij thuis"]
    assert ended(answer) is None
    assert ended({"say": [], "open": False, "outcome": "geboekt"}) == "geboekt"


def validate(method: str, value: str, tracker: Any) -> tuple[dict[str, Any], list[str]]:
    dispatcher = CollectingDispatcher()
    result = asyncio.run(getattr(BookingValidation(), method)(value, dispatcher, tracker, {}))
    return result, [m.get("response") for m in dispatcher.messages]


def test_without_the_gateway_nothing_is_promised_and_nothing_loops(
    tracker_of: Any, run: Any
) -> None:
    result, said = validate("validate_appointment_step", "Kloosterveen", tracker_of())
    assert result == {"appointment_step": "geen afspraak"}
    assert said == ["utter_booking_unavailable"]
    result, said = validate("validate_next_step", "ja graag", tracker_of())
    assert result == {"next_step": "afspraak", "appointment_step": "geen afspraak"}
    result, said = validate("validate_next_step", "nee", tracker_of())
    assert result == {"next_step": "geen afspraak"} and said == []
    messages, events = run(ActionAskAppointmentStep())
    assert [m["response"] for m in messages] == ["utter_booking_unavailable"]
    assert events == [
        {"event": "slot", "name": "appointment_step", "value": "geen afspraak", "timestamp": None}
    ]
    latest = {"text": "ik wil een afspraak", "intent": {"name": "book_appointment"}}
    messages, events = run(ActionStartAppointment(), latest=latest)
    assert [m["response"] for m in messages] == ["utter_booking_unavailable"]
    assert {"event": "slot", "name": "appointment_direct", "value": True, "timestamp": None} in (
        events
    )


def test_a_dialogue_that_ended_before_the_form_started_is_not_answered_again(
    tracker_of: Any,
) -> None:
    """A question answered at once: the form checks the filled slot when it starts; that is
    no answer of the resident's and goes nowhere."""
    started = tracker_of(
        slots={"appointment_step": "afgehandeld"},
        latest={"text": "hoe laat was mijn afspraak ook alweer?"},
    )
    result, said = validate("validate_appointment_step", "afgehandeld", started)
    assert result == {"appointment_step": "afgehandeld"} and said == []
    # The resident's own answer always goes to the dialogue (here: the gateway is down).
    answered = tracker_of(
        slots={"appointment_step": "Kloosterveen"}, latest={"text": "Kloosterveen"}
    )
    result, said = validate("validate_appointment_step", "Kloosterveen", answered)
    assert said == ["utter_booking_unavailable"]


def test_a_wijk_said_before_it_was_asked_goes_with_the_yes(tracker_of: Any) -> None:
    """ "Assen-Oost" to "Wat speelt er?", then "ja graag" to the appointment: the dialogue
    starts with the wijk and does not ask it again."""
    said = [
        {"event": "user", "text": "ik heb hulp nodig met mijn post"},
        {"event": "user", "text": "Assen-Oost"},
        {"event": "user", "text": "ja graag"},
    ]
    tracker = tracker_of(events=said)
    assert with_place_said("ja graag", tracker) == "ja graag, ik woon in assen oost"
    # The wijk in the answer itself wins; nothing named: the answer alone.
    assert with_place_said("ja, in Pittelo", tracker) == "ja, in Pittelo"
    assert with_place_said("ja graag", tracker_of(events=said[:1])) == "ja graag"
    # A button's payload is no place.
    buttons = [{"event": "user", "text": "/ask_support"}, {"event": "user", "text": "ja"}]
    assert with_place_said("ja", tracker_of(events=buttons)) == "ja"
