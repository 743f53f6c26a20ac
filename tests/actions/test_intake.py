import asyncio
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.intake import ActionSubmitIntake, ValidateBuurtteamForm, closing_responses
from actions.intake_answers import BOOKED, CALLBACK, HANDLED, NOT_GIVEN, OUTSIDE_ASSEN

FORM_SLOTS = ["help_needed", "help_for", "since_when", "contact_preference", "phone_number"]


def required(form: Any, make_tracker: Any, **slots: Any) -> list[str]:
    tracker = make_tracker(slots=slots)
    result: list[str] = asyncio.run(
        form.required_slots(FORM_SLOTS, CollectingDispatcher(), tracker, {})
    )
    return result


def test_the_buurtteam_form_leaves_the_appointment_to_the_dialogue(tracker_of: Any) -> None:
    """The number for a callback is asked by the appointment dialogue in the gateway
    (tests/integrations/appointments/), never by the form itself."""
    form = ValidateBuurtteamForm()
    wanted = required(form, tracker_of, next_step="afspraak")
    assert wanted == ["situation", "next_step", "appointment_step"]
    assert "phone_number" not in wanted and "contact_preference" not in wanted


def test_no_appointment_means_no_contact_questions(tracker_of: Any) -> None:
    slots = required(ValidateBuurtteamForm(), tracker_of, next_step="geen afspraak")
    assert "contact_preference" not in slots and "phone_number" not in slots


def test_a_wrong_phone_number_is_asked_once_more_then_the_form_goes_on(
    tracker_of: Any,
) -> None:
    make_tracker = tracker_of
    form = ValidateBuurtteamForm()
    dispatcher = CollectingDispatcher()
    first = form.validate_phone_number("0612", dispatcher, make_tracker(), {})
    assert first == {"phone_number": None, "phone_tries": 1}
    assert dispatcher.messages[0]["response"] == "utter_phone_invalid"
    second = form.validate_phone_number(
        "0613", dispatcher, make_tracker(slots={"phone_tries": 1}), {}
    )
    assert second == {"phone_number": NOT_GIVEN, "phone_tries": 0}


def test_no_and_dont_know_are_answers_too(tracker_of: Any) -> None:
    make_tracker = tracker_of
    form = ValidateBuurtteamForm()
    dispatcher = CollectingDispatcher()
    assert form.validate_phone_number("weet ik niet", dispatcher, make_tracker(), {}) == {
        "phone_number": NOT_GIVEN,
        "phone_tries": 0,
    }
    assert form.validate_help_for("nee") == {"help_for": "nee"}
    assert form.validate_since_when("") == {"since_when": NOT_GIVEN}


def test_closing_words_per_route() -> None:
    assert closing_responses("huishoudelijke_hulp", "household_help", None) == [
        "utter_intake_readback_household_help",
        "utter_intake_done_direct",
        "utter_anything_else",
    ]
    callback = {"next_step": "afspraak", "appointment_step": CALLBACK}
    assert closing_responses("buurtteam", "loneliness", callback)[0] == (
        "utter_intake_done_appointment"
    )
    assert closing_responses("buurtteam", "loneliness", {"next_step": "geen afspraak"})[0] == (
        "utter_intake_done_no_appointment"
    )
    # The appointment dialogue said the booking, its code and its SMS itself.
    booked = {"next_step": "afspraak", "appointment_step": BOOKED}
    assert closing_responses("buurtteam", "stress", booked) == ["utter_anything_else"]
    outside = {"next_step": "afspraak", "appointment_step": OUTSIDE_ASSEN}
    assert closing_responses("buurtteam", "stress", outside) == ["utter_anything_else"]
    # A question answered, or a cancellation, after another flow: no readback of that flow.
    handled = {"appointment_step": HANDLED, "appointment_direct": True}
    assert closing_responses("huishoudelijke_hulp", "household_help", handled) == [
        "utter_anything_else"
    ]


def test_submitting_answers_and_forgets_the_intake(run: Any) -> None:
    slots = {"route": "voorziening", "topic": "aids", "aid_needed": "traplift"}
    messages, events = run(ActionSubmitIntake(), slots=slots)
    assert messages[0]["response"] == "utter_intake_readback_aids"
    assert {"event": "slot", "name": "aid_needed", "value": None, "timestamp": None} in events
