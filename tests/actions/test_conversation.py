from typing import Any

from rasa_sdk.events import UserUtteranceReverted

from actions.conversation import ActionRepeat, last_bot_messages


def user(text: str, intent: str = "inform") -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def bot(text: str, buttons: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"event": "bot", "text": text, "data": {"buttons": buttons or []}}


EVENTS = [
    user("hallo", "greet"),
    bot("Goedendag."),
    bot("Waar kan ik u mee helpen?", [{"title": "Hulp in huis", "payload": "/ask_household_help"}]),
    user("wat zei u", "repeat"),
]


def test_the_last_bot_messages_are_those_after_the_previous_message() -> None:
    assert [m["text"] for m in last_bot_messages(EVENTS)] == [
        "Goedendag.",
        "Waar kan ik u mee helpen?",
    ]


def test_repeat_says_the_last_messages_again_with_their_buttons(run: Any) -> None:
    messages, events = run(ActionRepeat(), events=EVENTS, latest={"intent": {"name": "repeat"}})
    assert messages[0]["response"] == "utter_say_again"
    assert messages[2]["text"] == "Waar kan ik u mee helpen?"
    assert messages[2]["buttons"][0]["title"] == "Hulp in huis"
    assert events == [UserUtteranceReverted()]


def test_in_a_form_the_form_asks_again_itself(run: Any) -> None:
    latest = {"intent": {"name": "dont_understand"}}
    messages, events = run(ActionRepeat(), events=EVENTS, latest=latest, active_loop="aids_form")
    assert [m.get("response") for m in messages] == ["utter_say_simpler"]
    assert events == []
