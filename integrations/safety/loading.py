"""The safety detector of a gateway process, made once: the lexicon file, and the sentence
encoder with its examples and classifier (several seconds). Later apps in the same process
share it."""

from functools import cache

from integrations.safety.detector import SafetyDetector, load_lexicon
from integrations.safety.meaning import load_meaning_reader


@cache
def shared_detector(by_meaning: bool = True) -> SafetyDetector:
    lexicon = load_lexicon()
    meaning = load_meaning_reader(fold=lexicon.spelled) if by_meaning else None
    return SafetyDetector(lexicon, meaning)
