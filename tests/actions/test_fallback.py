"""The fallback action, run the way the action server runs it (rasa-sdk Tracker, dispatcher)."""

import asyncio
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionFallback, consecutive_misses, fallback_response


def user(intent: str) -> dict[str, Any]:
    return {"event": "user", "text": "...", "parse_data": {"intent": {"name": intent}}}


def action(name: str) -> dict[str, Any]:
    return {"event": "action", "name": name}


FALLBACK = action("action_fallback")
LISTEN = action("action_listen")


def test_the_first_miss_is_one() -> None:
    assert consecutive_misses([LISTEN, user("nlu_fallback")]) == 1
    assert consecutive_misses([]) == 1


def test_misses_in_a_row_are_counted() -> None:
    events = [LISTEN, user("nlu_fallback"), FALLBACK, LISTEN, user("nlu_fallback")]
    assert consecutive_misses(events) == 2


def test_an_understood_message_starts_the_count_again() -> None:
    events = [
        user("nlu_fallback"), FALLBACK, LISTEN,
        user("greet"), action("utter_welcome"), LISTEN,
        user("nlu_fallback"),
    ]  # fmt: skip
    assert consecutive_misses(events) == 1


def test_a_policy_fallback_counts_as_a_miss_too() -> None:
    # The NLU was sure ("affirm") but the dialogue did not know what to do with it.
    events = [LISTEN, user("affirm"), FALLBACK, LISTEN, user("deny")]
    assert consecutive_misses(events) == 2


def test_rephrase_once_then_offer_a_person() -> None:
    assert fallback_response(1) == "utter_fallback_rephrase"
    assert fallback_response(2) == "utter_fallback_person"
    assert fallback_response(5) == "utter_fallback_person"


def run_action(events: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    tracker = Tracker(
        sender_id="test",
        slots={},
        latest_message=events[-1].get("parse_data", {}),
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ActionFallback().run(dispatcher, tracker, {}))
    return dispatcher.messages, result


def test_the_action_answers_by_response_name_and_forgets_the_message() -> None:
    messages, events = run_action([LISTEN, user("nlu_fallback")])
    assert [m["response"] for m in messages] == ["utter_fallback_rephrase"]
    assert events == [UserUtteranceReverted()]

    messages, _ = run_action([LISTEN, user("nlu_fallback"), FALLBACK, LISTEN, user("nlu_fallback")])
    assert [m["response"] for m in messages] == ["utter_fallback_person"]
