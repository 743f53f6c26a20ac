"""The NLU component: the lexicon overrides whatever the classifier said."""

from pathlib import Path
from typing import Any

import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.safety_signal import FALLBACK_THRESHOLD, SafetySignalDetector

REPO_ROOT = Path(__file__).resolve().parents[3]


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


def ranked(text: str, ranking: list[tuple[str, float]], metadata: dict[str, Any]) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ranking])
    message.set("metadata", metadata)
    return message


def test_an_unsure_crisis_intent_gives_way_where_the_safety_reader_found_nothing() -> None:
    """Held on 7 December: "nee wacht het is voor mijn zus", said to "Voor wie is de hulp?",
    was crisis_suicidal at 0.37 and got 113 and an acute case."""
    clear = {"safety_read_clear": True}
    ranking = [("crisis_suicidal", 0.37), ("info_duration", 0.21), ("caregiving", 0.09)]
    (message,) = detector().process([ranked("nee wacht het is voor mijn zus", ranking, clear)])
    assert message.get(INTENT) == {"name": "nlu_fallback", "confidence": 0.37}
    assert "crisis_suicidal" not in [r["name"] for r in message.get(INTENT_RANKING_KEY)]
    # The next intent decides when it is sure enough itself.
    ranking = [("crisis_danger", 0.45), ("ask_aids", 0.4)]
    (message,) = detector().process([ranked("die trap is gevaarlijk", ranking, clear)])
    assert message.get(INTENT)["name"] == "ask_aids"


def test_a_sure_crisis_intent_or_one_not_read_by_the_safety_reader_stays() -> None:
    ranking = [("crisis_suicidal", 0.85), ("stress", 0.1)]
    (sure,) = detector().process(
        [ranked("zo gaat het niet verder", ranking, {"safety_read_clear": True})]
    )
    assert sure.get(INTENT)["name"] == "crisis_suicidal"
    unsure = [("crisis_suicidal", 0.4), ("stress", 0.3)]
    (unread,) = detector().process([ranked("zo gaat het niet verder", unsure, {})])
    assert unread.get(INTENT)["name"] == "crisis_suicidal"
    # Veilig Thuis by the classifier is left as it is: it catches what the reader misses.
    violence = [("domestic_violence", 0.5), ("parenting", 0.3)]
    (kept,) = detector().process(
        [ranked("thuis is het elke avond mis", violence, {"safety_read_clear": True})]
    )
    assert kept.get(INTENT)["name"] == "domestic_violence"


def test_an_unsure_crisis_intent_beside_a_violence_reading_keeps_veilig_thuis() -> None:
    clear = {"safety_read_clear": True}
    beside = [("crisis_danger", 0.4), ("domestic_violence", 0.25), ("parenting", 0.2)]
    (message,) = detector().process([ranked("hij wordt heel boos thuis", beside, clear)])
    assert message.get(INTENT)["name"] == "domestic_violence"
    # Sure of a safety signal together, unsure only which one: the crisis intent stays.
    together = [("crisis_danger", 0.45), ("domestic_violence", 0.3)]
    (kept,) = detector().process([ranked("hij staat voor de deur", together, clear)])
    assert kept.get(INTENT)["name"] == "crisis_danger"


def test_the_fallback_threshold_is_the_pipelines() -> None:
    """The component replaces an unsure crisis intent by the next one only when that one is as
    sure as the FallbackClassifier asks: the two numbers must stay the same."""
    config = yaml.safe_load((REPO_ROOT / "bot" / "config.yml").read_text(encoding="utf-8"))
    fallback = next(c for c in config["pipeline"] if c["name"] == "FallbackClassifier")
    assert fallback["threshold"] == FALLBACK_THRESHOLD


def test_where_the_gateways_reader_found_nothing_its_reading_stands() -> None:
    """Found in a development set: "my neighbour keeps talking about it" was read as
    "stalking". The gateway's reader knows "talking" as a common English word and found
    nothing; this lexicon (without the word list) must not raise Veilig Thuis after it."""
    text = "what is the Wmo? my neighbour keeps talking about it"
    alone = classified(text, "ask_info_wmo", 0.9)
    assert detector().process([alone])[0].get(INTENT)["name"] == "domestic_violence"
    read = classified(text, "ask_info_wmo", 0.9)
    read.set("metadata", {"safety_read_clear": True})
    (message,) = detector().process([read])
    assert message.get(INTENT) == {"name": "ask_info_wmo", "confidence": 0.9}
    assert "safety_signal" not in parsed(message)
