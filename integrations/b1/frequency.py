"""Dutch word frequency (wordfreq's Zipf scale: 1 rare ... 7 very common)."""

from wordfreq import zipf_frequency


def dutch_zipf(word: str) -> float:
    return float(zipf_frequency(word, "nl"))
