import asyncio
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.intake import ActionSubmitIntake, ValidateBuurtteamForm, closing_responses
from actions.intake_answers import BOOKED, NOT_BOOKED, NOT_GIVEN, OUTSIDE_ASSEN

FORM_SLOTS = ["help_needed", "help_for", "since_when", "contact_preference", "phone_number"]


def required(form: Any, make_tracker: Any, **slots: Any) -> list[str]:
    tracker = make_tracker(slots=slots)
    result: list[str] = asyncio.run(
        form.required_slots(FORM_SLOTS, CollectingDispatcher(), tracker, {})
    )
    return result


def test_the_phone_number_is_asked_only_to_be_called(tracker_of: Any) -> None:
    form = ValidateBuurtteamForm()
    no_time = {"next_step": "afspraak", "wijk": "Peelo", "appointment": NOT_BOOKED}
    assert "phone_number" in required(form, tracker_of, **no_time)
    assert "phone_number" in required(form, tracker_of, **no_time, contact_preference="bellen")
    assert "phone_number" not in required(
        form, tracker_of, **no_time, contact_preference="zelf bellen"
    )


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
    callback = {"next_step": "afspraak", "appointment": NOT_BOOKED, "contact_preference": "bellen"}
    assert closing_responses("buurtteam", "loneliness", callback)[0] == (
        "utter_intake_done_appointment"
    )
    assert closing_responses("buurtteam", "loneliness", {"next_step": "geen afspraak"})[0] == (
        "utter_intake_done_no_appointment"
    )
    booked = {"next_step": "afspraak", "appointment_confirmed": BOOKED}
    assert closing_responses("buurtteam", "stress", booked) == [
        "utter_intake_done_booked",
        "utter_anything_else",
    ]
    outside = {"next_step": "afspraak", "wijk": OUTSIDE_ASSEN}
    assert closing_responses("buurtteam", "stress", outside) == ["utter_anything_else"]


def test_submitting_answers_and_forgets_the_intake(run: Any) -> None:
    slots = {"route": "voorziening", "topic": "aids", "aid_needed": "traplift"}
    messages, events = run(ActionSubmitIntake(), slots=slots)
    assert messages[0]["response"] == "utter_intake_readback_aids"
    assert {"event": "slot", "name": "aid_needed", "value": None, "timestamp": None} in events
