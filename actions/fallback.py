"""When the assistant does not understand: topics, then a few words, then a person."""

from collections.abc import Iterable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.triage import typed_text
from bot.answers.reading import opening_without_need
from bot.triage.routes import route_of_intent

FALLBACK_ACTION = "action_fallback"
LIKELY_TOPICS = 3


def consecutive_misses(events: Iterable[dict[str, Any]]) -> int:
    """How many of the resident's messages in a row were not understood, the current one included.

    A message counts as not understood when the fallback action answered it: after a low NLU
    confidence (`nlu_fallback`) or when the dialogue policy did not know what to do.
    """
    answered_by_fallback: list[bool] = []
    for event in events:
        if event.get("event") == "user":
            answered_by_fallback.append(False)
        elif (
            event.get("event") == "action"
            and event.get("name") == FALLBACK_ACTION
            and answered_by_fallback
        ):
            answered_by_fallback[-1] = True
    if not answered_by_fallback:
        return 1
    answered_by_fallback[-1] = True  # this action is answering the current message now
    misses = 0
    for missed in reversed(answered_by_fallback):
        if not missed:
            break
        misses += 1
    return misses


def fallback_response(misses: int) -> str:
    """The first miss gets topic buttons, the second a request for a few words (with a person
    at hand); from the third on, a person: never a loop, and no dead end after two."""
    if misses <= 1:
        return "utter_fallback_rephrase"
    return "utter_fallback_again" if misses == 2 else "utter_fallback_person"


def likely_topic_payloads(intent_ranking: Iterable[dict[str, Any]]) -> list[str]:
    """Button payloads for the topics the classifier thought most likely."""
    payloads = [
        f"/{item['name']}"
        for item in intent_ranking
        if item.get("name") and route_of_intent(item["name"]) not in (None, "medewerker")
    ]
    return payloads[:LIKELY_TOPICS]


class ActionFallback(Action):
    def name(self) -> str:
        return FALLBACK_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        response = fallback_response(consecutive_misses(tracker.events))
        if response == "utter_fallback_rephrase" and opening_without_need(typed_text(tracker)):
            # "ik weet niet of ik hier goed zit", "ik bel voor mijn vader": not a misunderstanding
            response = "utter_fallback_opening"
        ranking = tracker.latest_message.get("intent_ranking") or []
        payloads = likely_topic_payloads(ranking)
        if response == "utter_fallback_rephrase" and payloads:
            dispatcher.utter_message(response=response, button_payloads=payloads)
        else:
            dispatcher.utter_message(response=response)
        # Forget the message that was not understood, so the dialogue goes on where it was
        # (and the policy waits for the resident instead of predicting this action again).
        return [UserUtteranceReverted()]
