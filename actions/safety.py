"""Crisis and Veilig Thuis: the right numbers at once and an urgent handoff, in every turn."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation_state import end_intake
from actions.gateway_client import update_case

CRISIS_RESPONSES = {
    "suicide": ("utter_crisis_suicide", "utter_crisis_danger_now", "utter_crisis_person"),
    "danger": ("utter_crisis_danger", "utter_crisis_person"),
    "shelter": ("utter_crisis_shelter", "utter_crisis_person"),
}


def safety_signal(tracker: Tracker, default_kind: str) -> dict[str, Any]:
    """The lexicon's signal for the latest message, or one from the classifier's intent."""
    signal = tracker.latest_message.get("safety_signal") or {}
    return {"kind": signal.get("kind") or default_kind, "phrase": signal.get("phrase")}


def crisis_kind(tracker: Tracker) -> str:
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    signal = safety_signal(tracker, "suicide" if intent == "crisis_suicidal" else "danger")
    return signal["kind"] if signal["kind"] in CRISIS_RESPONSES else "danger"


class ActionCrisis(Action):
    def name(self) -> str:
        return "action_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        kind = crisis_kind(tracker)
        for response in CRISIS_RESPONSES[kind]:
            dispatcher.utter_message(response=response)
        await update_case(
            tracker.sender_id,
            {
                "route": "crisis",
                "urgency": "acuut",
                "topic": kind,
                "life_area": "veiligheid",
                "safety_signal": safety_signal(tracker, kind),
                "handoff": {"reason": "crisis", "urgency": "acuut"},
            },
        )
        return [*end_intake(), SlotSet("route", "crisis"), SlotSet("topic", kind)]


class ActionVeiligThuis(Action):
    def name(self) -> str:
        return "action_veilig_thuis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_veilig_thuis")
        dispatcher.utter_message(response="utter_veilig_thuis_person")
        await update_case(
            tracker.sender_id,
            {
                "route": "veilig_thuis",
                "urgency": "hoog",
                "topic": "violence",
                "life_area": "veiligheid",
                "safety_signal": safety_signal(tracker, "violence"),
                "handoff": {"reason": "veilig_thuis", "urgency": "hoog"},
            },
        )
        return [*end_intake(), SlotSet("route", "veilig_thuis"), SlotSet("topic", "violence")]


class ActionSafetyCheck(Action):
    """An unclear signal: one caring question instead of missing it."""

    def name(self) -> str:
        return "action_safety_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_safety_check")
        await update_case(
            tracker.sender_id,
            {"urgency": "hoog", "safety_signal": safety_signal(tracker, "unclear")},
        )
        return end_intake()
