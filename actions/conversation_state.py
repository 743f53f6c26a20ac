"""Events that end whatever the resident was doing, so a new route starts clean."""

from typing import Any

from rasa_sdk.events import ActiveLoop, SlotSet

# The answers the case record keeps (never the SMS number: it is only used to send the SMS).
ANSWER_SLOTS = (
    "help_needed",
    "aid_needed",
    "help_for",
    "since_when",
    "situation",
    "next_step",
    "wijk",
    "appointment",
    "contact_preference",
    "phone_number",
)
# What an intake asks and forgets when it ends. The wijk, the team and the booking stay, so
# the resident can change or cancel the appointment later in the conversation.
INTAKE_SLOTS = (
    *(slot for slot in ANSWER_SLOTS if slot != "wijk"),
    "appointment_confirmed",
    "sms_wanted",
    "sms_number",
    "wijk_question",
    "changing_appointment",
)


def end_intake() -> list[dict[str, Any]]:
    """Stop an active form and forget its answers."""
    return [
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        SlotSet("phone_tries", 0),
        SlotSet("booking_tries", 0),
        *(SlotSet(slot, None) for slot in INTAKE_SLOTS),
    ]
