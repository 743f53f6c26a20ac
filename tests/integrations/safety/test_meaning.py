"""The meaning reader alone, with a small stand-in encoder (a sentence is the sum of fixed
word vectors), so the rules are seen without the real model: the nearest example, the margin
over the ordinary examples, the classifier, and the pieces of a long message."""

from pathlib import Path

import numpy as np

from integrations.safety.meaning import MeaningReader, encoder_reads, pieces, remembered

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


def test_a_negative_margin_wants_a_safety_example_clearly_nearer_than_an_ordinary_one() -> None:
    near_both = "wil niet meer leven scootmobiel kapot"  # a suicide example just ahead
    alike = MeaningReader(encode, EXAMPLES, classifier_cutoff=None).likeness(near_both)
    lead = alike["suicide"] - alike["other"]
    assert lead > 0
    level = MeaningReader(encode, EXAMPLES, threshold=0.0, margin=0.0, classifier_cutoff=None)
    wary = MeaningReader(
        encode, EXAMPLES, threshold=0.0, margin=-(lead + 0.01), classifier_cutoff=None
    )
    signal = level.read(near_both)
    assert signal is not None and signal.kind == "suicide"
    assert wary.read(near_both) is None
    assert wary.read("wil niet meer leven") is not None  # clearly ahead: still a signal


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


def test_the_letters_of_a_word_count_where_the_encoder_knows_no_word() -> None:
    """A misspelling the encoder has never seen ("pilen gespaart") still has the letter
    groups of the example it stands for; an ordinary message has other letters."""
    reader = MeaningReader(encode, EXAMPLES, threshold=None, classifier_cutoff=0.5)
    assert encode(["pilen gespaart"]).any() is np.False_  # nothing for the encoder
    signal = reader.read("pilen gespaart")
    assert signal is not None and signal.kind == "suicide"
    assert reader.read("scootmobiel kapot") is None


def test_without_the_classifier_only_the_nearest_example_reads() -> None:
    reader = MeaningReader(encode, EXAMPLES, threshold=None, classifier_cutoff=None)
    assert reader.read("wil niet meer leven") is None


def test_the_examples_embeddings_are_kept_for_the_next_start(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def counting(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        return encode(texts)

    texts = [text for _, text in EXAMPLES]
    first = remembered(counting, texts, tmp_path)
    again = remembered(counting, texts, tmp_path)
    assert len(calls) == 1 and np.allclose(first, again)
    changed = remembered(counting, [*texts, "hulp"], tmp_path)
    assert len(calls) == 2 and changed.shape[0] == len(texts) + 1
    assert len(list(tmp_path.glob("safety-examples-*.npy"))) == 1  # the old one is gone
    (tmp_path / "blocked").write_text("a file, not a folder")
    assert remembered(counting, texts, tmp_path / "blocked").shape[0] == len(texts)


def test_a_script_the_encoder_never_learnt_is_not_guessed_at() -> None:
    """Ge'ez (Tigrinya) is none of the encoder's scripts: its embedding is noise, and read for
    meaning it made a Tigrinya request for help at home a suicide."""
    reader = MeaningReader(encode, EXAMPLES, threshold=0.0, classifier_cutoff=0.01)
    assert not encoder_reads("ሓገዝ ኣብ ገዛ") and reader.read("ሓገዝ ኣብ ገዛ") is None
    assert encoder_reads("wil niet meer leven") and encoder_reads("لا أريد أن أعيش")
    assert encoder_reads("💊💊💊 👋")  # no letters: emoji messages are read
    assert reader.read("wil niet meer leven") is not None


def test_letters_the_examples_do_not_hold_are_read_by_the_embedding_alone() -> None:
    """Arabic is a script of the encoder but not of the examples: no letter group of it is
    known, so the embedding alone decides, with the stricter cutoff."""
    arabic = "لا أريد أن أعيش"  # "I do not want to live"

    def multilingual(texts: list[str]) -> np.ndarray:
        return encode([t.replace(arabic, "wil niet meer leven") for t in texts])

    reader = MeaningReader(multilingual, EXAMPLES, threshold=None)
    signal = reader.read(arabic)
    assert signal is not None and signal.kind == "suicide" and "model" in signal.phrase
    strict = MeaningReader(multilingual, EXAMPLES, threshold=None)
    strict._by_embedding = None  # without the embedding-only reading, nothing reads it
    assert strict.read(arabic) is None
