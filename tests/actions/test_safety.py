"""Crisis and Veilig Thuis answers come first and never depend on the gateway being up."""

from typing import Any

from rasa_sdk.events import ActiveLoop, SlotSet

from actions.safety import ActionCrisis, ActionSafetyCheck, ActionVeiligThuis


def responses(messages: list[dict[str, Any]]) -> list[str]:
    return [m["response"] for m in messages]


def test_suicidal_thoughts_get_113_then_112_then_a_person(run: Any) -> None:
    latest = {
        "intent": {"name": "crisis_suicidal"},
        "safety_signal": {"kind": "suicide", "phrase": "zelfmoord"},
    }
    messages, events = run(ActionCrisis(), latest=latest, active_loop="household_help_form")
    assert responses(messages) == [
        "utter_crisis_suicide",
        "utter_crisis_danger_now",
        "utter_crisis_person",
    ]
    assert ActiveLoop(None) in events  # the form stops: no intake question comes first
    assert SlotSet("route", "crisis") in events
    assert SlotSet("help_needed", None) in events


def test_danger_now_gets_112_and_a_person(run: Any) -> None:
    messages, _ = run(ActionCrisis(), latest={"intent": {"name": "crisis_danger"}})
    assert responses(messages) == ["utter_crisis_danger", "utter_crisis_person"]


def test_no_place_to_sleep_tonight_gets_a_person_now(run: Any) -> None:
    latest = {"intent": {"name": "crisis_danger"}, "safety_signal": {"kind": "shelter"}}
    messages, _ = run(ActionCrisis(), latest=latest)
    assert responses(messages) == ["utter_crisis_shelter", "utter_crisis_person"]


def test_veilig_thuis_gets_the_number_and_a_person(run: Any) -> None:
    messages, events = run(ActionVeiligThuis(), latest={"intent": {"name": "domestic_violence"}})
    assert responses(messages) == ["utter_veilig_thuis", "utter_veilig_thuis_person"]
    assert SlotSet("route", "veilig_thuis") in events


def test_an_unclear_signal_gets_one_caring_question(run: Any) -> None:
    messages, events = run(ActionSafetyCheck(), latest={"intent": {"name": "safety_check"}})
    assert responses(messages) == ["utter_safety_check"]
    assert ActiveLoop(None) in events
