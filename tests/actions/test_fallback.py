"""The fallback action, run the way the action server runs it (rasa-sdk Tracker, dispatcher)."""

from typing import Any

from rasa_sdk.events import UserUtteranceReverted

from actions.fallback import (
    ActionFallback,
    consecutive_misses,
    fallback_response,
    likely_topic_payloads,
)


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
    assert fallback_response(2) == "utter_fallback_again"
    assert fallback_response(3) == "utter_fallback_person"
    assert fallback_response(5) == "utter_fallback_person"


def test_the_likely_topics_become_the_buttons() -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "greet", "confidence": 0.2},
        {"name": "money_worries", "confidence": 0.15},
        {"name": "ask_person", "confidence": 0.1},
        {"name": "paperwork", "confidence": 0.05},
        {"name": "stress", "confidence": 0.03},
        {"name": "ask_aids", "confidence": 0.01},
    ]
    assert likely_topic_payloads(ranking) == ["/money_worries", "/paperwork", "/stress"]


def test_the_action_answers_by_response_name_and_forgets_the_message(run: Any) -> None:
    latest = {"intent": {"name": "nlu_fallback"}, "intent_ranking": [{"name": "parenting"}]}
    messages, events = run(ActionFallback(), events=[LISTEN, user("nlu_fallback")], latest=latest)
    assert [m["response"] for m in messages] == ["utter_fallback_rephrase"]
    assert messages[0]["button_payloads"] == ["/parenting"]
    assert events == [UserUtteranceReverted()]

    twice = [LISTEN, user("nlu_fallback"), FALLBACK, LISTEN, user("nlu_fallback")]
    messages, _ = run(ActionFallback(), events=twice, latest=latest)
    assert [m["response"] for m in messages] == ["utter_fallback_again"]
    thrice = [*twice, FALLBACK, LISTEN, user("nlu_fallback")]
    messages, _ = run(ActionFallback(), events=thrice, latest=latest)
    assert [m["response"] for m in messages] == ["utter_fallback_person"]


def test_an_opening_that_names_no_need_hears_it_is_in_the_right_place(run: Any) -> None:
    """Held on 7 December by phone: "ja hallo eh ik weet eigenlijk niet of ik hiervoor mag
    bellen" and "ik bel voor mijn vader" heard "Sorry, dat begreep ik niet goed"."""
    for said in (
        "ja hallo eh ik weet eigenlijk niet of ik hiervoor mag bellen",
        "ik bel voor mijn vader",
    ):
        latest = {"text": said, "intent": {"name": "nlu_fallback"}, "intent_ranking": []}
        messages, events = run(
            ActionFallback(), events=[LISTEN, user("nlu_fallback")], latest=latest
        )
        assert [m["response"] for m in messages] == ["utter_fallback_opening"]
        assert events == [UserUtteranceReverted()]
    # Not understood for the second time: a few words, or a person, as ever.
    twice = [LISTEN, user("nlu_fallback"), FALLBACK, LISTEN, user("nlu_fallback")]
    messages, _ = run(ActionFallback(), events=twice, latest=latest)
    assert [m["response"] for m in messages] == ["utter_fallback_again"]
