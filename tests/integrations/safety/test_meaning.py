"""The meaning reader alone, with a small stand-in encoder (a sentence is the sum of fixed
word vectors), so the rules are seen without the real model: the nearest example, the margin
over the ordinary examples, the classifier, and the pieces of a long message."""

import numpy as np

from integrations.safety.meaning import MeaningReader, pieces

WORDS = ["wil", "niet", "meer", "leven", "pillen", "gespaard", "slaat", "mij"]
WORDS += ["scootmobiel", "kapot", "huis", "schoon", "hulp"]
VECTORS = dict(zip(WORDS, np.random.default_rng(7).normal(size=(len(WORDS), 32)), strict=True))


def encode(texts: list[str]) -> np.ndarray:
    rows = []
    for text in texts:
        known = [VECTORS[w] for w in text.lower().split() if w in VECTORS]
        rows.append(np.sum(known, axis=0) if known else np.zeros(32))
    return np.array(rows)


EXAMPLES = [
    ("suicide", "wil niet meer leven"),
    ("suicide", "pillen gespaard"),
    ("violence", "slaat mij"),
    ("other", "scootmobiel kapot"),
    ("other", "huis schoon hulp"),
    ("other", "hulp huis"),
]


def test_a_message_like_a_safety_example_is_that_signal() -> None:
    reader = MeaningReader(encode, EXAMPLES, classifier_cutoff=None)
    signal = reader.read("ik wil niet meer leven")
    assert signal is not None and signal.kind == "suicide"
    violence = reader.read("hij slaat mij")
    assert violence is not None and violence.kind == "violence"


def test_an_ordinary_message_is_no_signal() -> None:
    reader = MeaningReader(encode, EXAMPLES, classifier_cutoff=None)
    assert reader.read("mijn scootmobiel is kapot") is None
    assert reader.read("hulp in huis graag") is None
    assert reader.read("") is None and reader.read("/greet") is None


def test_the_margin_lets_a_close_call_count_as_a_signal() -> None:
    mixed = "scootmobiel kapot pillen"  # closest to an ordinary example, near a safety one
    alike = MeaningReader(encode, EXAMPLES, classifier_cutoff=None).likeness(mixed)
    gap = alike["other"] - alike["suicide"]
    assert gap > 0
    strict = MeaningReader(encode, EXAMPLES, threshold=0.0, margin=0.0, classifier_cutoff=None)
    close = MeaningReader(
        encode, EXAMPLES, threshold=0.0, margin=gap + 0.01, classifier_cutoff=None
    )
    assert strict.read(mixed) is None
    signal = close.read(mixed)
    assert signal is not None and signal.kind == "suicide"


def test_the_classifier_reads_what_no_single_example_holds() -> None:
    nearest_only = MeaningReader(encode, EXAMPLES, threshold=0.99, classifier_cutoff=None)
    both = MeaningReader(encode, EXAMPLES, threshold=0.99, classifier_cutoff=0.6)
    unseen = "pillen leven"  # words of two suicide examples, said together
    assert nearest_only.read(unseen) is None
    signal = both.read(unseen)
    assert signal is not None and signal.kind == "suicide" and "model" in signal.phrase
    assert both.read("scootmobiel kapot") is None


def test_a_long_message_is_read_in_pieces() -> None:
    story = "ik bel over mijn huis. het is vies. ik heb mijn pillen gespaard"
    assert "ik heb mijn pillen gespaard" in pieces(story)
    speech = " ".join(["eh"] * 20 + ["pillen", "gespaard"] + ["ja"] * 5)
    assert any("pillen gespaard" in piece and len(piece.split()) <= 10 for piece in pieces(speech))
