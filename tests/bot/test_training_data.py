"""The training data is written for the real population, and kept apart from the test set."""

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
MIN_EXAMPLES = 30


def examples(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        lines = [line.strip().removeprefix("- ") for line in block["examples"].splitlines()]
        found.setdefault(block["intent"], []).extend(line for line in lines if line)
    return found


def training() -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for path in sorted((REPO / "nlu_data" / "nlu").glob("*.yml")):
        for intent, texts in examples(path).items():
            merged.setdefault(intent, []).extend(texts)
    return merged


def test_every_intent_has_at_least_30_examples() -> None:
    short = {i: len(t) for i, t in training().items() if len(t) < MIN_EXAMPLES}
    assert short == {}


def test_the_heldout_set_is_never_trained_on() -> None:
    trained = {text.lower() for texts in training().values() for text in texts}
    heldout = examples(REPO / "tests" / "nlu" / "heldout.yml")
    overlap = [t for texts in heldout.values() for t in texts if t.lower() in trained]
    assert overlap == []
    assert set(heldout) == set(training()) - {"inform"}


def test_examples_look_like_what_residents_type() -> None:
    """Lowercase, mostly without punctuation, some very short: as typed and as transcribed."""
    texts = [t for ts in training().values() for t in ts]
    assert sum(1 for t in texts if t == t.lower()) / len(texts) > 0.95
    assert sum(1 for t in texts if not any(c in t for c in ".,?!")) / len(texts) > 0.9
    assert sum(1 for t in texts if len(t.split()) <= 2) > 100
