"""The booking steps of the buurtteam form: which questions, and kind answers when the
gateway cannot be reached (the e2e tests run them against the real gateway)."""

import asyncio
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.booking import (
    ActionAskAppointment,
    ActionAskWijk,
    ActionCancelAppointment,
    BookingValidation,
    booking_required_slots,
)
from actions.intake_answers import BOOKED, CALL_ME, NOT_BOOKED, NOT_GIVEN, OUTSIDE_ASSEN


def test_the_questions_follow_the_answers(tracker_of: Any) -> None:
    def asked(**slots: Any) -> list[str]:
        return booking_required_slots(tracker_of(slots=slots))

    assert asked() == ["situation", "next_step"]
    assert asked(next_step="geen afspraak") == ["situation", "next_step"]
    booking = asked(next_step="afspraak")
    assert booking[2:] == ["wijk", "appointment", "appointment_confirmed", "sms_wanted"]
    assert asked(next_step="afspraak", wijk=OUTSIDE_ASSEN)[-1] == "wijk"
    assert asked(next_step="afspraak", wijk="Peelo", sms_wanted="ja")[-1] == "sms_number"
    callback = asked(next_step="afspraak", wijk="Peelo", appointment=NOT_BOOKED)
    assert callback[-2:] == ["contact_preference", "phone_number"]
    assert asked(changing_appointment=True) == ["appointment", "appointment_confirmed"]


def validate(method: str, value: str, tracker: Any) -> tuple[dict[str, Any], list[str]]:
    dispatcher = CollectingDispatcher()
    result = getattr(BookingValidation(), method)(value, dispatcher, tracker, {})
    if asyncio.iscoroutine(result):
        result = asyncio.run(result)
    return result, [m.get("response") for m in dispatcher.messages]


def test_without_the_gateway_the_buurtteam_calls_back(tracker_of: Any) -> None:
    result, said = validate("validate_wijk", "Kloosterveen", tracker_of())
    assert result["appointment"] == NOT_BOOKED and said == ["utter_booking_by_phone"]
    result, _ = validate("validate_appointment", "ja graag", tracker_of())
    assert result == {"appointment": NOT_BOOKED, "contact_preference": CALL_ME}
    result, said = validate("validate_appointment_confirmed", "ja", tracker_of())
    assert result["appointment"] == NOT_BOOKED and said == ["utter_booking_by_phone"]


def test_dont_know_the_wijk_asks_the_postcode(tracker_of: Any, run: Any) -> None:
    result, said = validate("validate_wijk", "weet ik niet", tracker_of())
    assert result == {"wijk": None, "wijk_question": "postcode"} and said == []
    messages, _ = run(ActionAskWijk(), slots={"wijk_question": "postcode"})
    assert messages[0]["response"] == "utter_ask_postcode"
    messages, _ = run(ActionAskWijk(), slots={})
    assert messages[0]["response"] == "utter_ask_wijk"


def test_offers_and_cancelling_never_leave_silence(run: Any) -> None:
    messages, _ = run(ActionAskAppointment())
    assert [m["response"] for m in messages] == ["utter_booking_unavailable"]
    messages, _ = run(ActionCancelAppointment())
    assert [m["response"] for m in messages] == ["utter_technical_problem"]


def test_sms_answers(tracker_of: Any) -> None:
    assert validate("validate_sms_wanted", "ja graag", tracker_of())[0] == {"sms_wanted": "ja"}
    assert validate("validate_sms_wanted", "nee hoor", tracker_of())[0] == {"sms_wanted": "nee"}
    result, _ = validate("validate_sms_number", "06 12 34 56 78", tracker_of())
    assert result == {"sms_number": "0612345678", "phone_tries": 0}
    result, said = validate("validate_sms_number", "0592123456", tracker_of())
    assert result["sms_number"] is None and said == ["utter_phone_invalid"]
    result, _ = validate("validate_sms_number", "geen sms", tracker_of())
    assert result["sms_number"] == NOT_GIVEN
    assert BOOKED == "geboekt"
