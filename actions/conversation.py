""" "Zeg het nog een keer" and "ik begrijp het niet": say the last thing again."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher


def last_bot_messages(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The bot's messages between the resident's previous message and the current one."""
    users_seen = 0
    messages: list[dict[str, Any]] = []
    for event in reversed(events):
        if event.get("event") == "user":
            users_seen += 1
            if users_seen == 2:
                break
        elif event.get("event") == "bot" and users_seen == 1:
            messages.append(event)
    return list(reversed(messages))


class ActionRepeat(Action):
    def name(self) -> str:
        return "action_repeat"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        preface = "utter_say_simpler" if intent == "dont_understand" else "utter_say_again"
        dispatcher.utter_message(response=preface)
        if tracker.active_loop.get("name"):
            return []  # the form asks its question again itself
        messages = last_bot_messages(tracker.events)
        for message in messages:
            data = message.get("data") or {}
            dispatcher.utter_message(text=message.get("text"), buttons=data.get("buttons") or [])
        if not messages:
            dispatcher.utter_message(response="utter_how_can_i_help")
        # Forget the request, so the conversation goes on where it was.
        return [UserUtteranceReverted()]
