"""The safety detector of a gateway process, made once: the lexicon file, and the sentence
encoder with its examples (about two seconds). Later apps in the same process share it."""

from functools import cache

from integrations.safety.detector import SafetyDetector, load_lexicon
from integrations.safety.meaning import load_meaning_reader


@cache
def shared_detector(by_meaning: bool = True) -> SafetyDetector:
    return SafetyDetector(load_lexicon(), load_meaning_reader() if by_meaning else None)
