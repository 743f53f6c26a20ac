"""The three views of a sentence, with stand-in embeddings: shapes, scaling, and the letters
the examples hold."""

import numpy as np
import pytest

from integrations.sentences.views import TextViews, unit

EXAMPLES = ["ik wil een scootmobiel", "ik wil hulp in huis", "hulp bij schoonmaken"]


def test_unit_scales_rows_and_keeps_zero_rows() -> None:
    scaled = unit([[3.0, 4.0], [0.0, 0.0]])
    assert scaled[0] == pytest.approx([0.6, 0.8])
    assert scaled[1].tolist() == [0.0, 0.0]


def test_a_row_holds_the_embedding_then_letters_then_words() -> None:
    views = TextViews.fit(EXAMPLES)
    embedded = np.array([[2.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    features = views.of(embedded, ["ik wil hulp", "ሓገዝ ኣብ ገዛ"])
    letters, words = len(views.letters.vocabulary_), len(views.words.vocabulary_)
    assert features.shape == (2, 3 + letters + words)
    assert features[0, 0] == pytest.approx(1.0)  # the embedding, scaled
    assert features[0, 3:].nnz > 0
    assert features[1].nnz == 0


def test_letters_the_examples_do_not_hold_are_seen() -> None:
    views = TextViews.fit(EXAMPLES)
    features = views.of(np.ones((2, 4)), ["scootmobeil", "ሓገዝ ኣብ ገዛ"])
    assert views.spelled_known(features).tolist() == [True, False]
