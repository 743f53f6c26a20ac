"""Events that end whatever the resident was doing, so a new route starts clean."""

from typing import Any

from rasa_sdk.events import ActiveLoop, SlotSet

INTAKE_SLOTS = (
    "help_needed",
    "aid_needed",
    "help_for",
    "since_when",
    "situation",
    "next_step",
    "contact_preference",
    "phone_number",
)


def end_intake() -> list[dict[str, Any]]:
    """Stop an active form and forget its answers."""
    return [
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        SlotSet("phone_tries", 0),
        *(SlotSet(slot, None) for slot in INTAKE_SLOTS),
    ]
