"""The appointment dialogue inside the buurtteam form: thin steps over the gateway.

The gateway owns the dialogue (integrations/appointments/): its states, what an answer means,
the agenda. These steps pass each turn on and say what it answers, by name from the phrasing
files; the slot `appointment_step` stays empty while the dialogue goes on, and holds how it
ended when it is over.
"""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.gateway_client import appointments
from actions.intake_answers import APPOINTMENT, NO_APPOINTMENT, answer_text, appointment_choice
from bot.answers.reading import place_named

Result = dict[str, Any]
STEP = "appointment_step"
# How the dialogue ended, when the gateway cannot be reached: nothing booked.
UNREACHABLE = "geen afspraak"
# The ways the dialogue ends (integrations/appointments/state.py `Outcome`).
ENDINGS = ("geboekt", "terugbellen", "geen afspraak", "buiten Assen", "afgehandeld")


def booking_required_slots(tracker: Tracker) -> list[str]:
    """The questions of the buurtteam form, given the answers so far: what is going on and
    whether an appointment is wanted, then the appointment dialogue. A resident who began with
    a wish about an appointment gets only the appointment dialogue."""
    if tracker.get_slot("appointment_direct"):
        return [STEP]
    slots = ["situation", "next_step"]
    next_step = tracker.get_slot("next_step")
    # Before validation the slot may still hold the resident's own words ("ja graag").
    if next_step is None or next_step == NO_APPOINTMENT:
        return slots
    return [*slots, STEP]


def channel_of(tracker: Tracker) -> str:
    metadata = tracker.latest_message.get("metadata") or {}
    return "phone" if metadata.get("channel") == "phone" else "chat"


def say(dispatcher: CollectingDispatcher, answer: dict[str, Any] | None) -> None:
    """What the gateway answered, by name; a kind text when it could not be reached."""
    if answer is None:
        dispatcher.utter_message(response="utter_booking_unavailable")
        return
    for said in answer.get("say") or []:
        values = {str(k): str(v) for k, v in (said.get("values") or {}).items()}
        payloads = said.get("button_payloads")
        if payloads is not None:
            values_with = {**values, "button_payloads": payloads}
            dispatcher.utter_message(response=said["response"], **values_with)
        else:
            dispatcher.utter_message(response=said["response"], **values)


def ended(answer: dict[str, Any] | None) -> str | None:
    """How the dialogue ended (the slot's value), or None while it goes on."""
    if answer is None:
        return UNREACHABLE
    return None if answer.get("open") else str(answer.get("outcome") or "afgehandeld")


def with_place_said(answer: Any, tracker: Tracker) -> str:
    """The yes to an appointment, with the wijk the resident named earlier in the
    conversation ("Assen-Oost" to "Wat speelt er?"), so the dialogue does not ask it again."""
    text = answer_text(answer)
    if place_named([text]) is not None:
        return text
    said = [str(e.get("text") or "") for e in tracker.events if e.get("event") == "user"]
    place = place_named(t for t in said if not t.startswith("/"))
    return f"{text}, ik woon in {place}" if place else text


class BookingValidation:
    """The appointment questions of the buurtteam form (mixed into its validation action)."""

    async def validate_next_step(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        """ "Wilt u een afspraak met het buurtteam?" A yes starts the dialogue with the words
        of the answer ("ja graag, liefst 's middags" is heard)."""
        choice = appointment_choice(value)
        if choice != APPOINTMENT:
            return {"next_step": choice}
        body = {"intent": "book_appointment", "text": with_place_said(value, tracker)}
        started = await appointments(tracker.sender_id, "start", body, channel_of(tracker))
        say(dispatcher, started)
        return {"next_step": APPOINTMENT, STEP: ended(started)}

    async def validate_appointment_step(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Result:
        if value in ENDINGS and value != tracker.latest_message.get("text"):
            # The form checks a slot that was filled before it started: the dialogue ended
            # at once (a question answered), and nothing was said in this answer.
            return {STEP: value}
        return await answer_in_dialogue(value, dispatcher, tracker)


async def answer_in_dialogue(
    text: str, dispatcher: CollectingDispatcher, tracker: Tracker
) -> Result:
    """Words the classifier read as something else that belong to the appointment dialogue
    ("aan de telefoon"): passed on as an answer, as the form's validation would."""
    body = {"text": answer_text(text)}
    answered = await appointments(tracker.sender_id, "answer", body, channel_of(tracker))
    say(dispatcher, answered)
    return {STEP: ended(answered)}


class ActionAskAppointmentStep(Action):
    """The open question of the appointment dialogue (the times, where they are asked)."""

    def name(self) -> str:
        return "action_ask_appointment_step"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        asked = await appointments(tracker.sender_id, "question", {}, channel_of(tracker))
        say(dispatcher, asked)
        if asked is None or not asked.get("open"):
            # Nothing left to ask: the form ends with what is known.
            return [SlotSet(STEP, ended(asked))]
        return []


class ActionStartAppointment(Action):
    """A wish about an appointment, in any words and at any point: book, ask, move, cancel.
    The buurtteam form then asks only the appointment questions."""

    def name(self) -> str:
        return "action_start_appointment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        text = tracker.latest_message.get("text") or ""
        body = {"intent": intent, "text": answer_text("" if text.startswith("/") else text)}
        started = await appointments(tracker.sender_id, "start", body, channel_of(tracker))
        say(dispatcher, started)
        return [
            SlotSet("route", "buurtteam"),
            SlotSet("appointment_direct", True),
            SlotSet(STEP, ended(started)),
        ]
