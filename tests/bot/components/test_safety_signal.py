"""The NLU component: the lexicon overrides whatever the classifier said."""

from typing import Any

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.safety_signal import SafetySignalDetector


def detector() -> SafetySignalDetector:
    config = SafetySignalDetector.get_default_config()
    return SafetySignalDetector.create(config, None, None, None)  # type: ignore[arg-type]


def classified(text: str, intent: str, confidence: float) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence})
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": confidence}])
    return message


def parsed(message: Message) -> dict[str, Any]:
    return message.as_dict(only_output_properties=True)


def test_a_confident_wrong_intent_is_overridden() -> None:
    (message,) = detector().process([classified("ik wil nie meer leve", "affirm", 0.97)])
    assert message.get(INTENT) == {"name": "crisis_suicidal", "confidence": 1.0}
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "crisis_suicidal"
    assert parsed(message)["safety_signal"]["kind"] == "suicide"


def test_a_fallback_is_overridden_too() -> None:
    (message,) = detector().process([classified("me man slaat mij", "nlu_fallback", 0.2)])
    assert message.get(INTENT)["name"] == "domestic_violence"


def test_no_signal_leaves_the_classifier_alone() -> None:
    (message,) = detector().process([classified("ik wil een traplift", "ask_aids", 0.9)])
    assert message.get(INTENT) == {"name": "ask_aids", "confidence": 0.9}
    assert "safety_signal" not in parsed(message)


def test_buttons_are_left_alone() -> None:
    (message,) = detector().process([classified("/deny", "deny", 1.0)])
    assert message.get(INTENT)["name"] == "deny"


def test_an_unclear_signal_already_asked_about_leaves_the_classifier_alone() -> None:
    """After "nee" to the caring question the gateway sends the message that raised it again,
    marked `safety_checked`: its need is read (caregiving), the question not asked twice."""
    said = "ik zorg voor mijn man met dementie en ik kan het niet meer aan"
    checked = classified(said, "caregiving", 0.9)
    checked.set("metadata", {"safety_checked": True})
    (message,) = detector().process([checked])
    assert message.get(INTENT) == {"name": "caregiving", "confidence": 0.9}
    (unmarked,) = detector().process([classified(said, "caregiving", 0.9)])
    assert unmarked.get(INTENT)["name"] == "safety_check"
    # A crisis signal is never left alone, whatever the metadata says.
    crisis = classified("ik wil niet meer leven", "caregiving", 0.9)
    crisis.set("metadata", {"safety_checked": True})
    (still,) = detector().process([crisis])
    assert still.get(INTENT)["name"] == "crisis_suicidal"
