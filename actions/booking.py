"""Booking an appointment inside the buurtteam form: thin steps over the gateway's agenda.

The gateway decides (integrations/agenda/service.py); these steps say what it decided in the
words of the phrasing files and keep the form's slots in line.
"""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.gateway_client import agenda
from actions.intake_answers import (
    BOOKED,
    CALL_ME,
    NO_APPOINTMENT,
    NO_PREFERENCE,
    NOT_BOOKED,
    NOT_GIVEN,
    OUTSIDE_ASSEN,
    SMS_NO,
    SMS_YES,
    UNKNOWN_WIJK,
    answer_text,
    mobile_number,
    number_answer,
    says_dont_know,
    yes_or_no,
)

Result = dict[str, Any]
MAX_PLACE_TRIES = 2
MAX_UNCLEAR = 2
BOOKING_STEPS = ["appointment", "appointment_confirmed"]


def booking_required_slots(tracker: Tracker) -> list[str]:
    """The questions of the buurtteam form, given the answers so far."""
    if tracker.get_slot("changing_appointment"):
        return BOOKING_STEPS
    slots = ["situation", "next_step"]
    next_step = tracker.get_slot("next_step")
    # Before validation the slot may still hold the resident's own words ("ja graag").
    if next_step is None or next_step == NO_APPOINTMENT:
        return slots
    slots.append("wijk")
    if tracker.get_slot("wijk") == OUTSIDE_ASSEN:
        return slots
    slots.append("appointment")
    if tracker.get_slot("appointment") == NOT_BOOKED:
        # No time chosen together: the buurtteam calls, when the resident wants that.
        slots.append("contact_preference")
        if tracker.get_slot("contact_preference") in (None, CALL_ME):
            slots.append("phone_number")
        return slots
    slots += ["appointment_confirmed", "sms_wanted"]
    if tracker.get_slot("sms_wanted") == SMS_YES:
        slots.append("sms_number")
    return slots


def _call_instead(wants_call: bool) -> Result:
    if wants_call:
        return {"appointment": NOT_BOOKED, "contact_preference": CALL_ME}
    return {"appointment": NOT_BOOKED, "contact_preference": NO_PREFERENCE}


class BookingValidation:
    """The booking questions of the buurtteam form (mixed into its validation action)."""

    async def validate_wijk(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        text = answer_text(value)
        if says_dont_know(text):
            return {"wijk": None, "wijk_question": "postcode"}
        found = await agenda(tracker.sender_id, "place", {"text": text})
        if found is None:
            dispatcher.utter_message(response="utter_booking_by_phone")
            return {"wijk": UNKNOWN_WIJK, "appointment": NOT_BOOKED, "wijk_question": None}
        status = found["status"]
        if status == "found":
            dispatcher.utter_message(
                response="utter_wijk_found", wijk=found["wijk"], team_name=found["team_name"]
            )
            return {"wijk": found["wijk"], "team_name": found["team_name"], "wijk_question": None}
        if status == "need_house_number":
            return {"wijk": None, "wijk_question": "house_number"}
        if status == "need_postcode":
            return {"wijk": None, "wijk_question": "postcode"}
        if status == "outside":
            dispatcher.utter_message(response="utter_outside_assen")
            return {"wijk": OUTSIDE_ASSEN, "wijk_question": None}
        if int(found.get("tries") or 0) > MAX_PLACE_TRIES:
            dispatcher.utter_message(response="utter_booking_by_phone")
            return {"wijk": UNKNOWN_WIJK, "appointment": NOT_BOOKED, "wijk_question": None}
        dispatcher.utter_message(response="utter_wijk_unknown")
        return {"wijk": None, "wijk_question": "postcode"}

    async def validate_appointment(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        text = answer_text(value)
        chosen = await agenda(tracker.sender_id, "choose", {"text": text})
        if chosen is None:
            return _call_instead(yes_or_no(text) is not False)
        kind = chosen["kind"]
        if kind == "chosen":
            return {"appointment": chosen["when"], "team_name": chosen["team_name"]}
        if kind == "callback":
            return _call_instead(True)
        if kind == "give_up":
            return _call_instead(False)
        tries = int(tracker.get_slot("booking_tries") or 0)
        if kind == "unclear":
            if tries >= MAX_UNCLEAR:
                dispatcher.utter_message(response="utter_booking_by_phone")
                return {**_call_instead(True), "booking_tries": 0}
            dispatcher.utter_message(response="utter_offer_unclear")
            return {"appointment": None, "booking_tries": tries + 1}
        replies = {"taken": "utter_slot_taken", "declined": "utter_offer_declined"}
        if kind in replies:
            dispatcher.utter_message(response=replies[kind])
        # "andere tijd", "nee", a wish such as "morgen": the next question offers new times.
        return {"appointment": None}

    async def validate_appointment_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        answer = yes_or_no(value)
        if answer is None and "ander" not in answer_text(value).lower():
            return {"appointment_confirmed": None}
        if not answer:
            await agenda(tracker.sender_id, "reconsider")
            return {"appointment": None, "appointment_confirmed": None}
        done = await agenda(tracker.sender_id, "confirm")
        if done is None or done["status"] == "nothing_chosen":
            dispatcher.utter_message(response="utter_booking_by_phone")
            return {"appointment": NOT_BOOKED, "contact_preference": CALL_ME,
                    "appointment_confirmed": None}  # fmt: skip
        if done["status"] == "taken":
            dispatcher.utter_message(response="utter_slot_taken")
            return {"appointment": None, "appointment_confirmed": None}
        booked = done["appointment"]
        dispatcher.utter_message(
            response="utter_appointment_booked",
            appointment_when=booked["when"],
            team_name=booked["buurtteam"],
            team_address=booked["address"],
            ics_url=booked["ics_url"],
        )
        return {"appointment_confirmed": BOOKED, "booking_ref": booked["booking_id"]}

    def validate_sms_wanted(self, value: Any, *_: Any) -> Result:
        return {"sms_wanted": SMS_YES if yes_or_no(value) else SMS_NO}

    def validate_sms_number(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        tries = int(tracker.get_slot("phone_tries") or 0)
        result, ask_again = number_answer("sms_number", value, tries, mobile_number)
        if ask_again:
            dispatcher.utter_message(response="utter_phone_invalid")
        return result


class ActionAskWijk(Action):
    """The wijk question, or the postcode or house number when the answer needs one."""

    def name(self) -> str:
        return "action_ask_wijk"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        question = tracker.get_slot("wijk_question")
        response = {"postcode": "utter_ask_postcode", "house_number": "utter_ask_house_number"}
        dispatcher.utter_message(response=response.get(question or "", "utter_ask_wijk"))
        return []


class ActionAskAppointment(Action):
    """Offers at most three free times as buttons. Nothing is held until the resident picks
    one; a time gone by then gives "net weg" and new times."""

    def name(self) -> str:
        return "action_ask_appointment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        offered = await agenda(tracker.sender_id, "offers")
        if offered is None or offered["status"] == "no_team":
            dispatcher.utter_message(response="utter_booking_unavailable")
            return []
        if offered["wish_unmet"]:
            dispatcher.utter_message(response="utter_wish_unmet")
        if offered["status"] == "none_left":
            dispatcher.utter_message(response="utter_no_slots")
            return []
        whens = {f"offer_{n}": o["when"] for n, o in enumerate(offered["offers"], start=1)}
        dispatcher.utter_message(
            response="utter_offer_appointments",
            team_name=offered["team_name"],
            offers_spoken=offered["spoken"],
            **whens,
        )
        return [SlotSet("team_name", offered["team_name"])]


class ActionCancelAppointment(Action):
    def name(self) -> str:
        return "action_cancel_appointment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        cancelled = await agenda(tracker.sender_id, "cancel")
        if cancelled is None:
            dispatcher.utter_message(response="utter_technical_problem")
            return []
        if cancelled["status"] == "cancelled":
            when = cancelled["appointment"]["when"]
            dispatcher.utter_message(response="utter_appointment_cancelled", appointment_when=when)
        else:
            dispatcher.utter_message(response="utter_no_appointment")
        dispatcher.utter_message(response="utter_anything_else")
        return [SlotSet("booking_ref", None)]


class ActionChangeAppointment(Action):
    """Another time for a booked appointment: the form asks only the time again."""

    def name(self) -> str:
        return "action_change_appointment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if not tracker.get_slot("booking_ref"):
            # Nothing booked here: then this becomes a new appointment, from the start.
            dispatcher.utter_message(response="utter_no_appointment")
            return [SlotSet("route", "buurtteam")]
        dispatcher.utter_message(response="utter_change_appointment")
        return [
            SlotSet("route", "buurtteam"),
            SlotSet("changing_appointment", True),
            SlotSet("appointment", None),
            SlotSet("appointment_confirmed", None),
        ]


async def send_confirmation_sms(tracker: Tracker, dispatcher: CollectingDispatcher) -> None:
    """The SMS with the appointment, only when the resident asked for it and gave a number."""
    number = tracker.get_slot("sms_number")
    if tracker.get_slot("sms_wanted") != SMS_YES or not number or number == NOT_GIVEN:
        return
    sent = await agenda(tracker.sender_id, "sms", {"phone_number": number})
    ok = sent is not None and sent.get("status") == "sent"
    dispatcher.utter_message(response="utter_sms_sent" if ok else "utter_sms_failed")
