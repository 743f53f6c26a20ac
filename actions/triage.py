"""The triage decision: route, urgency and life area from the intent; the way to a person."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking import answer_in_dialogue
from actions.conversation_state import end_intake
from actions.gateway_client import update_case
from bot.answers.reading import APPOINTMENT_STEP, answer_not_person
from bot.triage.routes import triage


def typed_text(tracker: Tracker) -> str | None:
    """What the resident wrote or said; None for a button."""
    text = tracker.latest_message.get("text") or ""
    return None if not text or text.startswith("/") else text


def earlier_typed_texts(tracker: Tracker) -> list[str]:
    """What the resident wrote or said before the latest message of this session, the most
    recent first (buttons left out; also words the dialogue did not understand and undid)."""
    texts: list[str] = []
    for event in tracker.events:
        if event.get("event") == "session_started":
            texts = []
        elif event.get("event") == "user":
            text = event.get("text") or ""
            if text and not text.startswith("/"):
                texts.append(text)
    return list(reversed(texts[:-1]))


class ActionTriage(Action):
    """Records the route as soon as the message decides it; the rules say what comes next."""

    def name(self) -> str:
        return "action_triage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        decided = triage(intent)
        if decided is None:
            return []
        await update_case(
            tracker.sender_id,
            {
                "route": decided.route,
                "urgency": decided.urgency,
                "topic": decided.topic,
                "life_area": decided.life_area,
                "resident_words": typed_text(tracker),
            },
        )
        return [SlotSet("route", decided.route), SlotSet("topic", decided.topic)]


class ActionHandoff(Action):
    """The resident asks for a person: at any point, also in the middle of a form."""

    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        form = tracker.active_loop_name
        answers = answer_not_person(tracker.get_slot("requested_slot"), typed_text(tracker))
        if form and answers:
            # "bel mij maar terug" to "Bellen wij u?" answers the question: the form goes on.
            if APPOINTMENT_STEP in answers:
                # "aan de telefoon" in the appointment dialogue: the words go to the dialogue
                # here (a form called after another action does not validate), then the form
                # asks its next question or ends.
                said = await answer_in_dialogue(answers[APPOINTMENT_STEP], dispatcher, tracker)
                return [SlotSet(APPOINTMENT_STEP, said[APPOINTMENT_STEP]), FollowupAction(form)]
            events = [SlotSet(slot, value) for slot, value in answers.items()]
            return [*events, FollowupAction(form)]
        dispatcher.utter_message(response="utter_handoff")
        await update_case(
            tracker.sender_id,
            {
                "route": "medewerker",
                "urgency": "normaal",
                "handoff": {"reason": "vraagt om een medewerker", "urgency": "normaal"},
            },
        )
        return [*end_intake(), SlotSet("route", "medewerker")]
