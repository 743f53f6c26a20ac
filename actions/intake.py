"""The short intakes (forms): check the answers, then hand the case on.

One base class for the three forms, in the way of Rasa's financial-demo: the phone number is
asked only when the resident wants to be called, and the buurtteam form asks for contact
only when the resident wants an appointment.
"""

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.booking import BookingValidation, booking_required_slots
from actions.conversation_state import ANSWER_SLOTS, end_intake
from actions.gateway_client import update_case
from actions.intake_answers import (
    BOOKED,
    CALL_ME,
    CALLBACK,
    HANDLED,
    NO_APPOINTMENT,
    NOT_GIVEN,
    OUTSIDE_ASSEN,
    answer_text,
    appointment_choice,
    contact_preference,
    dutch_phone_number,
    number_answer,
)

Result = dict[str, Any]


class IntakeFormValidation(FormValidationAction, ABC):
    @abstractmethod
    def name(self) -> str:
        """Each form names its own validation action."""

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        slots = list(domain_slots)
        skip: set[str] = set()
        if tracker.get_slot("next_step") == NO_APPOINTMENT:
            skip |= {"contact_preference", "phone_number"}
        preference = tracker.get_slot("contact_preference")
        if preference is not None and preference != CALL_ME:
            skip.add("phone_number")
        return [slot for slot in slots if slot not in skip]

    def _free_text(self, slot: str, value: Any) -> Result:
        return {slot: answer_text(value) or NOT_GIVEN}

    def validate_help_needed(self, value: Any, *_: Any) -> Result:
        return self._free_text("help_needed", value)

    def validate_aid_needed(self, value: Any, *_: Any) -> Result:
        return self._free_text("aid_needed", value)

    def validate_help_for(self, value: Any, *_: Any) -> Result:
        return self._free_text("help_for", value)

    def validate_since_when(self, value: Any, *_: Any) -> Result:
        return self._free_text("since_when", value)

    def validate_situation(self, value: Any, *_: Any) -> Result:
        return self._free_text("situation", value)

    def validate_next_step(self, value: Any, *_: Any) -> Result:
        return {"next_step": appointment_choice(value)}

    def validate_contact_preference(self, value: Any, *_: Any) -> Result:
        return {"contact_preference": contact_preference(value)}

    def validate_phone_number(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Result:
        tries = int(tracker.get_slot("phone_tries") or 0)
        result, ask_again = number_answer("phone_number", value, tries, dutch_phone_number)
        if ask_again:
            dispatcher.utter_message(response="utter_phone_invalid")
        return result


class ValidateHouseholdHelpForm(IntakeFormValidation):
    def name(self) -> str:
        return "validate_household_help_form"


class ValidateAidsForm(IntakeFormValidation):
    def name(self) -> str:
        return "validate_aids_form"


class ValidateBuurtteamForm(BookingValidation, IntakeFormValidation):
    """Support from the buurtteam: what is going on, then an appointment in its agenda."""

    def name(self) -> str:
        return "validate_buurtteam_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        return booking_required_slots(tracker)


# How the appointment dialogue ended (the gateway's words, integrations/appointments/state.py).
OUTCOMES = {
    BOOKED: "booked",
    CALLBACK: "callback",
    OUTSIDE_ASSEN: "outside",
    HANDLED: "handled",
}


def buurtteam_outcome(slots: Mapping[str, Any]) -> str:
    """booked, callback, outside, handled (a question answered, a cancellation) or none: how
    the buurtteam question ended."""
    return OUTCOMES.get(str(slots.get("appointment_step")), "none")


def closing_responses(route: str | None, topic: str | None, slots: Mapping[str, Any]) -> list[str]:
    """What the resident hears when an intake is complete. After the appointment dialogue it
    said everything itself, except when no appointment was made."""
    if route == "buurtteam" or (slots or {}).get("appointment_direct"):
        done = {
            "booked": [],
            "outside": [],
            "handled": [],
            "callback": ["utter_intake_done_appointment"],
            "none": ["utter_intake_done_no_appointment"],
        }[buurtteam_outcome(slots)]
        return [*done, "utter_anything_else"]
    return [f"utter_intake_readback_{topic}", "utter_intake_done_direct", "utter_anything_else"]


class ActionSubmitIntake(Action):
    def name(self) -> str:
        return "action_submit_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        route = tracker.get_slot("route")
        slots = tracker.current_slot_values()
        for response in closing_responses(route, tracker.get_slot("topic"), slots):
            dispatcher.utter_message(response=response)
        answers = {
            slot: tracker.get_slot(slot)
            for slot in ANSWER_SLOTS
            if tracker.get_slot(slot) is not None
        }
        update: dict[str, Any] = {"intake": answers}
        if route != "buurtteam" and not slots.get("appointment_direct"):
            update["handoff"] = {"reason": "korte intake klaar", "urgency": "normaal"}
        elif buurtteam_outcome(slots) == "callback":
            update["handoff"] = {"reason": "afspraak buurtteam: terugbellen", "urgency": "normaal"}
        await update_case(tracker.sender_id, update)
        return end_intake()
