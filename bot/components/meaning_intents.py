"""Rasa NLU component: the intent of a message by its meaning, its letters and its words.

A logistic regression on three views of each message (`integrations.sentences`): the
multilingual sentence embedding (USE v3, from its wheel), which places wordings and languages
the training data never held near the intent they mean; the letter groups of 2-5 letters,
which keep misspellings and speech-recognition slips near the word they spell; and the words
and word pairs. It replaces DIET: on first messages written apart from the training data it
chose the right route more often (non-safety routes 0.89 against 0.83 for DIET, at the same
fallback rate for nonsense), and it trains in seconds instead of minutes (docs/benchmarks.md).

Its confidences are the regression's probabilities over all intents, so they are lower than
DIET's: the FallbackClassifier after it (`bot/config.yml`) has its threshold set for them.
The encoder is loaded once per process, when the model is loaded or trained.
"""

import logging
import re
from collections.abc import Sequence
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.triage.routes import SAFETY_ROUTES, TRIAGE, route_of_intent
from integrations.sentences.encoder import sentence_encoder
from integrations.sentences.views import TextViews

log = logging.getLogger(__name__)
FILE = "meaning_intents.skops"
# Beyond what skops trusts by itself, the one type the TF-IDF vectorizers hold. A model file
# with any other type is refused: loading it could run code.
TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]


def folded(text: str) -> str:
    return " ".join(text.lower().split())


# Long messages are also read in pieces: a story whose need sits in one sentence ("Mijn vader
# is 91 en kookt zelf. ... Maar de badkamer is vies en de was blijft liggen.") is diluted as a
# whole. Pieces: its sentences, or for speech without punctuation overlapping word windows.
PIECE_MIN_WORDS = 15
WINDOW_WORDS = 12
WINDOW_STEP = 6
# Intents a piece may not decide on its own: they say nothing about the need.
NO_NEED = frozenset(
    {
        "greet", "goodbye", "affirm", "deny", "inform", "dont_understand", "repeat",
        "bot_challenge", "nlu_fallback",
    }
)  # fmt: skip
# A safety reading of the whole message is never overruled by a piece or by a route of
# ordinary intents: a story that ends in a goodbye stays a crisis.
SAFETY_INTENTS = frozenset(
    {*(intent for intent, t in TRIAGE.items() if t.route in SAFETY_ROUTES), "safety_check"}
)


def pieces_of(text: str) -> list[str]:
    """The sentences of a long message, or overlapping word windows of long speech; [] for a
    short message."""
    words = text.split()
    if len(words) < PIECE_MIN_WORDS:
        return []
    sentences = [s.strip() for s in re.split(r"[.!?;\n]+", text) if len(s.split()) >= 3]
    if len(sentences) >= 2:
        return sentences
    last = max(len(words) - WINDOW_WORDS, 0)
    starts = list(range(0, last + 1, WINDOW_STEP))
    if starts[-1] != last:
        starts.append(last)
    return [" ".join(words[i : i + WINDOW_WORDS]) for i in starts]


Ranking = list[dict[str, Any]]


def by_route(ranking: Ranking, below: float, at_least: float) -> Ranking:
    """An unsure message whose intents share one route ("ik ben alleen en de rekeningen
    stapelen zich op": loneliness 0.2, money worries 0.2, stress 0.1, all the buurtteam): when
    the first intent is under `below` and the intents of one route together reach `at_least`,
    that route's first intent leads, with their summed confidence."""
    if not ranking or ranking[0]["confidence"] >= below or ranking[0]["name"] in SAFETY_INTENTS:
        return ranking
    sums: dict[str, float] = {}
    for entry in ranking:
        route = route_of_intent(entry["name"])
        if route is not None:  # small talk ("ja", "hallo") decides no route
            sums[route] = sums.get(route, 0.0) + float(entry["confidence"])
    if not sums:
        return ranking
    route, total = max(sums.items(), key=lambda item: item[1])
    if total < at_least:
        return ranking
    lead = next(e for e in ranking if route_of_intent(e["name"]) == route)
    return [{"name": lead["name"], "confidence": total}, *(e for e in ranking if e is not lead)]


# A sentence that says what the resident does not need: "niet voor het schoonmaken, dat doe ik
# zelf", "geen rolstoel nodig". Its need is the one the message is not about.
_DENIED_NEED = re.compile(
    r"\b(?:niet (?:voor|om|over) (?:het|de|een|mijn)\b|(?:dat|die|het) doe ik (?:zelf|wel)\b"
    r"|geen \w+ nodig\b|hoeft niet\b|not (?:for|about) (?:the|a|my)\b|(?:do not|dont) need\b)",
    re.IGNORECASE,
)


def denies_a_need(piece: str) -> bool:
    return bool(_DENIED_NEED.search(piece))


def with_pieces(
    whole: Ranking, pieces: list[Ranking], margin: float, denied: Sequence[bool] = ()
) -> Ranking:
    """The whole message's ranking, unless a piece names a need clearly: a piece whose first
    intent is a need and is at least `margin` more sure than the whole's first intent. A piece
    that denies a need (`denied`) decides nothing; when the whole reads as the need a piece
    denies, the surest other piece that names a need decides."""
    if whole and whole[0]["name"] in SAFETY_INTENTS:
        return whole
    flags = list(denied) + [False] * (len(pieces) - len(denied))
    pairs = list(zip(pieces, flags, strict=True))
    refused = {ranking[0]["name"] for ranking, no in pairs if no and ranking}
    best: Ranking | None = None
    for ranking, no in pairs:
        if no or not ranking or ranking[0]["name"] in NO_NEED | refused:
            continue
        if best is None or ranking[0]["confidence"] > best[0]["confidence"]:
            best = ranking
    if best is None or not whole:
        return best or whole
    if best[0]["confidence"] >= whole[0]["confidence"] + margin or whole[0]["name"] in refused:
        return best
    return whole


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class MeaningIntentClassifier(IntentClassifier, GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # C: inverse regularisation (chosen on the development sets); ranking: intents kept.
        # piece_margin: how much surer a piece of a long message must be than the whole.
        # route_below, route_at_least: an unsure first intent gives way to a route its
        # neighbours share (by_route).
        return {
            "C": 16.0,
            "max_iter": 5000,
            "ranking_length": 10,
            "piece_margin": 0.2,
            "route_below": 0.5,
            "route_at_least": 0.5,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        views: TextViews | None = None,
        classifier: Any = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._views = views
        self._classifier = classifier

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "MeaningIntentClassifier":
        return cls(config, model_storage, resource)

    def _features(self, texts: list[str]) -> Any:
        assert self._views is not None
        return self._views.of(sentence_encoder()(texts), [folded(text) for text in texts])

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

        examples = [
            (str(m.get(TEXT)), str(m.get(INTENT)))
            for m in training_data.intent_examples
            if m.get(TEXT) and m.get(INTENT)
        ]
        if len({intent for _, intent in examples}) < 2:
            log.warning("meaning_intents.too_few_intents")
            return self._resource
        texts = [text for text, _ in examples]
        self._views = TextViews.fit([folded(text) for text in texts])
        self._classifier = LogisticRegression(
            C=self._config["C"], max_iter=self._config["max_iter"]
        ).fit(self._features(texts), [intent for _, intent in examples])
        self.persist()
        return self._resource

    def persist(self) -> None:
        import skops.io as sio

        assert self._views is not None
        kept = {
            "letters": self._views.letters,
            "words": self._views.words,
            "classifier": self._classifier,
        }
        with self._model_storage.write_to(self._resource) as directory:
            sio.dump(kept, directory / FILE)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "MeaningIntentClassifier":
        import skops.io as sio

        try:
            with model_storage.read_from(resource) as directory:
                path = directory / FILE
                kept = sio.load(path, trusted=TRUSTED_TYPES)
        except ValueError:
            # Not trained (fewer than two intents): nothing to read. A file with other types
            # than this component writes raises skops' error: the model does not load.
            log.warning("meaning_intents.not_trained")
            return cls(config, model_storage, resource)
        sentence_encoder()  # loaded with the model, not by the first resident
        views = TextViews(kept["letters"], kept["words"])
        return cls(config, model_storage, resource, views, kept["classifier"])

    def process(self, messages: list[Message]) -> list[Message]:
        # Every message gets an intent, as the fallback classifier after this one expects:
        # buttons ("/deny") too, which Rasa's own handler replaces after the pipeline.
        read = []
        for message in messages:
            if self._classifier is not None and message.get(TEXT):
                read.append(message)
            else:
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        if not read:
            return messages
        texts = [str(m.get(TEXT)) for m in read]
        parts = [pieces_of(text) for text in texts]
        every = texts + [piece for pieces in parts for piece in pieces]
        rankings = self._rankings(every)
        at = len(texts)
        for message, whole, pieces in zip(read, rankings[: len(texts)], parts, strict=True):
            read_in_pieces = rankings[at : at + len(pieces)]
            at += len(pieces)
            denied = [denies_a_need(piece) for piece in pieces]
            ranking = with_pieces(whole, read_in_pieces, self._config["piece_margin"], denied)
            ranking = by_route(ranking, self._config["route_below"], self._config["route_at_least"])
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def _rankings(self, texts: list[str]) -> list[Ranking]:
        chances = self._classifier.predict_proba(self._features(texts))
        intents = [str(name) for name in self._classifier.classes_]
        return [
            sorted(
                (
                    {"name": name, "confidence": float(p)}
                    for name, p in zip(intents, row, strict=True)
                ),
                key=lambda r: -float(r["confidence"]),
            )[: self._config["ranking_length"]]
            for row in chances
        ]
