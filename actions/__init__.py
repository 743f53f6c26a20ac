"""Custom actions of Toegang Assistent, served by the rasa-sdk action server.

Each module holds one part of the dialogue; the pure rules they use live in
`bot/triage/routes.py` and `actions/intake_answers.py`.
"""

from actions.booking import ActionAskAppointmentStep, ActionStartAppointment
from actions.conversation import ActionRepeat
from actions.fallback import ActionFallback
from actions.intake import (
    ActionSubmitIntake,
    ValidateAidsForm,
    ValidateBuurtteamForm,
    ValidateHouseholdHelpForm,
)
from actions.readback import ActionAskReadbackCheck, ActionAskReadbackOk
from actions.safety import ActionCrisis, ActionSafetyCheck, ActionVeiligThuis
from actions.triage import ActionHandoff, ActionTriage

__all__ = [
    "ActionAskAppointmentStep",
    "ActionAskReadbackCheck",
    "ActionAskReadbackOk",
    "ActionCrisis",
    "ActionFallback",
    "ActionHandoff",
    "ActionRepeat",
    "ActionSafetyCheck",
    "ActionStartAppointment",
    "ActionSubmitIntake",
    "ActionTriage",
    "ActionVeiligThuis",
    "ValidateAidsForm",
    "ValidateBuurtteamForm",
    "ValidateHouseholdHelpForm",
]
