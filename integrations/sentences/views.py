"""The three views of a sentence: its embedding (meaning across wordings and languages), its
letter groups (2-5 letters within words: "zelfmoort", "huishoudelyke", speech-recognition
slips) and its words and word pairs. The vocabularies are learnt from example sentences;
the encoding is the caller's, so this is pure and can be kept with a trained model."""

from collections.abc import Sequence
from typing import Any

import numpy as np


def unit(rows: Any) -> Any:
    """Rows scaled to length 1 (a zero row stays zero)."""
    matrix = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


class TextViews:
    """Letter groups and words (two fitted TF-IDF vectorizers) and the embedding."""

    def __init__(self, letters: Any, words: Any) -> None:
        self.letters = letters
        self.words = words

    @classmethod
    def fit(cls, folded: Sequence[str]) -> "TextViews":
        """The vocabularies of `folded` example texts (already folded: lower case, or the
        safety lexicon's spelling fold)."""
        from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

        letters = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
        ).fit(folded)
        words = TfidfVectorizer(
            analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"
        ).fit(folded)
        return cls(letters, words)

    def of(self, embedded: Any, folded: Sequence[str]) -> Any:
        """One sparse row per text: [unit embedding | letter groups | words]."""
        from scipy.sparse import csr_matrix, hstack  # type: ignore[import-untyped]

        views = [
            csr_matrix(unit(embedded)),
            self.letters.transform(folded),
            self.words.transform(folded),
        ]
        return hstack(views).tocsr()

    def spelled_known(self, features: Any) -> Any:
        """Per row of `features`: whether any of its letter groups occurs in the examples. A
        text in a script the examples do not hold ("ሓገዝ ኣብ ገዛ") has none: for it the
        letters and words say nothing and the embedding alone can be read."""
        size, words = len(self.letters.vocabulary_), len(self.words.vocabulary_)
        start = features.shape[1] - size - words
        return np.asarray(features[:, start : start + size].getnnz(axis=1) > 0)
