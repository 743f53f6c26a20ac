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
        return cls(load_lexicon(Path(config["lexicon"])))

    def __init__(self, lexicon: SafetyLexicon) -> None:
        self._lexicon = lexicon

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text or text.startswith("/"):
                continue  # buttons send intents directly
            signal = self._lexicon.detect(text)
            if signal is None:
                continue
            metadata = message.get("metadata") or {}
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
