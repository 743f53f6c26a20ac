"""Rasa NLU component: the safety lexicon overrides the classifier, in every turn.

It runs last in the pipeline (bot/config.yml). When the lexicon finds a crisis or violence
signal, the message's intent becomes the matching safety intent with confidence 1.0, and
the signal is kept in the parse data as `safety_signal`, so the actions can record it. An
unclear signal the gateway already asked about (metadata `safety_checked`) is left alone.
The lexicon (`integrations/safety/signals.yml`, shared with the gateway's safety protocol,
which reads every message before Rasa) is read when the model loads: a change needs a
restart, not a retrain.
"""

from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.triage.routes import SIGNAL_INTENTS
from integrations.safety.detector import DEFAULT_LEXICON, load_lexicon
from integrations.safety.lexicon import SafetyLexicon

SAFETY_SIGNAL = "safety_signal"
# Metadata the gateway sets on a message whose unclear signal it has already asked about.
SAFETY_CHECKED = "safety_checked"
# Metadata the gateway sets when its safety reader (lexicon and meaning, integrations/safety)
# read this very text and found no signal.
SAFETY_READ_CLEAR = "safety_read_clear"
# The classifier's own crisis intents, unsure, where the safety reader found nothing: "nee
# wacht het is voor mijn zus" (crisis_suicidal 0.37) got 113 in the middle of an intake. The
# safety reader, trained on thousands of ordinary sentences with heavy words, decides then;
# a sure classifier (0.7 or more) still counts. Veilig Thuis intents are left as they are:
# on the development sets they caught signals the reader missed, at 0.55 to 0.8.
UNSURE_CRISIS_INTENTS = frozenset({"crisis_suicidal", "crisis_danger"})
CRISIS_SURE = 0.7
VIOLENCE_INTENT = "domestic_violence"
VIOLENCE_NEXT = 0.2  # a Veilig Thuis reading next to the unsure crisis one is kept
FALLBACK_THRESHOLD = 0.35  # bot/config.yml, FallbackClassifier


def without_unsure_crisis(
    intent: dict[str, Any], ranking: list[dict[str, Any]]
) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """The intent and ranking without an unsure crisis intent on top (the next intent that is
    no crisis intent, or nlu_fallback when that one is unsure too), or None to keep them."""
    if intent.get("name") not in UNSURE_CRISIS_INTENTS:
        return None
    if float(intent.get("confidence") or 0.0) >= CRISIS_SURE:
        return None
    safety = sum(
        float(r.get("confidence") or 0.0)
        for r in ranking
        if r.get("name") in (*UNSURE_CRISIS_INTENTS, VIOLENCE_INTENT)
    )
    if safety >= CRISIS_SURE:
        return None  # sure of a safety signal, unsure only which one: it stays
    rest = [r for r in ranking if r.get("name") not in UNSURE_CRISIS_INTENTS]
    violence = next((r for r in rest if r.get("name") == VIOLENCE_INTENT), None)
    if violence is not None and float(violence.get("confidence") or 0.0) >= VIOLENCE_NEXT:
        # Danger or Veilig Thuis, read unsure: Veilig Thuis, whose answer asks about danger.
        return violence, [violence, *(r for r in rest if r is not violence)]
    best = next((r for r in rest if r.get("name") != "nlu_fallback"), None)
    if best is not None and float(best.get("confidence") or 0.0) >= FALLBACK_THRESHOLD:
        return best, rest
    fallback = {"name": "nlu_fallback", "confidence": float(intent.get("confidence") or 0.0)}
    return fallback, [fallback, *(r for r in rest if r.get("name") != "nlu_fallback")]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetySignalDetector(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"lexicon": str(DEFAULT_LEXICON)}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetySignalDetector":
        # Without the common words of the gateway's reader (wordfreq is not in this
        # environment): where that reader found nothing, its reading stands (`process`).
        return cls(load_lexicon(Path(config["lexicon"]), common=None))

    def __init__(self, lexicon: SafetyLexicon) -> None:
        self._lexicon = lexicon

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text or text.startswith("/"):
                continue  # buttons send intents directly
            metadata = message.get("metadata") or {}
            # The gateway's reader (lexicon, common words and meaning) read this very text and
            # found nothing: a word it knows as common ("talking") is no typo of "stalking".
            clear = bool(metadata.get(SAFETY_READ_CLEAR))
            signal = None if clear else self._lexicon.detect(text)
            if signal is None:
                if metadata.get(SAFETY_READ_CLEAR):
                    changed = without_unsure_crisis(
                        message.get(INTENT) or {}, list(message.get(INTENT_RANKING_KEY) or [])
                    )
                    if changed is not None:
                        message.set(INTENT, changed[0], add_to_output=True)
                        message.set(INTENT_RANKING_KEY, changed[1], add_to_output=True)
                continue
            if signal.kind == "unclear" and metadata.get(SAFETY_CHECKED):
                # The gateway asked the caring question about this message and heard "nee":
                # the classifier's reading stands ("ik zorg voor mijn man en kan het niet
                # meer aan" is caregiving), the question is not asked twice.
                continue
            intent = {"name": SIGNAL_INTENTS[signal.kind], "confidence": 1.0}
            ranking = [
                r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent["name"]
            ]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
            message.set(
                SAFETY_SIGNAL, {"kind": signal.kind, "phrase": signal.phrase}, add_to_output=True
            )
        return messages
