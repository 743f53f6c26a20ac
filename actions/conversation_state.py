"""Events that end whatever the resident was doing, so a new route starts clean."""

from typing import Any

from rasa_sdk.events import ActiveLoop, SlotSet

# The answers the case record keeps. The appointment, its wijk, kind and wishes are written
# by the appointment dialogue in the gateway itself (integrations/appointments/).
ANSWER_SLOTS = (
    "help_needed",
    "aid_needed",
    "help_for",
    "since_when",
    "situation",
    "next_step",
    "contact_preference",
    "phone_number",
)
# What an intake asks and forgets when it ends. The wijk, the team and the booking stay in the
# gateway, so the resident can ask about, move or cancel the appointment later.
INTAKE_SLOTS = (
    *ANSWER_SLOTS,
    "appointment_step",
    "appointment_direct",
    "intake_exit",
    # the read-back of a direct intake (actions/readback.py)
    "readback_ok",
    "readback_correction",
    "readback_check",
    "readback_fixed",
)


def end_intake() -> list[dict[str, Any]]:
    """Stop an active form and forget its answers."""
    return [
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        SlotSet("answer_tries", 0),
        *(SlotSet(slot, None) for slot in INTAKE_SLOTS),
    ]
