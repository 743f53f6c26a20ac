"""Reading one message for a safety signal: the lexicon file, and the buttons that are signals.

The lexicon (`signals.yml`, read when a process starts, never at import) trades false alarms
for recall on purpose: a missed suicidal resident costs a life, a false alarm costs a resident
one caring question or the numbers of 113 and Veilig Thuis they did not need. So phrases are
broad and fuzzy, and only plainly figurative speech is taken out first (`hyperbole`); the
evaluation sets hold such traps to keep false alarms in view (`make eval`).
"""

from collections.abc import Callable
from pathlib import Path

import yaml

from integrations.privacy.identifiers import BSN_MARKER, IBAN_MARKER
from integrations.safety.lexicon import SafetyLexicon, SafetySignal
from integrations.safety.meaning import MeaningReader, by_nearest_example

DEFAULT_LEXICON = Path(__file__).resolve().parent / "signals.yml"
# Buttons send intents; these are safety signals as much as words are.
SIGNAL_PAYLOADS = {
    "/crisis_suicidal": "suicide",
    "/crisis_danger": "danger",
    "/domestic_violence": "violence",
    "/safety_check": "unclear",  # "Ik voel me niet veilig": the protocol asks, not Rasa
}


# The kind of the meaning reader that comes before Veilig Thuis when a message holds both
# (danger now: 112 first). Not suicide: the meaning reader confuses control at home with it.
GRAVER_THAN_VIOLENCE = ("danger",)


# A word this common in Dutch or English (wordfreq's Zipf scale) is not read as a typo.
COMMON_ZIPF = 3.0


def common_word(word: str) -> bool:
    """Whether `word` is a common Dutch or English word ("stalling", "talking"). wordfreq is
    the gateway's (the Rasa environment reads the lexicon without it)."""
    from wordfreq import zipf_frequency

    return any(zipf_frequency(word, language) >= COMMON_ZIPF for language in ("nl", "en"))


def load_lexicon(
    path: Path = DEFAULT_LEXICON, common: Callable[[str], bool] | None = common_word
) -> SafetyLexicon:
    parsed = yaml.safe_load(path.read_text(encoding="utf-8"))
    return SafetyLexicon.from_mapping(parsed, common=common)


def signal_in(lexicon: SafetyLexicon, message: str) -> SafetySignal | None:
    """The most serious signal in a typed or spoken message, or in a button's payload."""
    if message.startswith("/"):
        kind = SIGNAL_PAYLOADS.get(message.split("{", 1)[0])
        return SafetySignal(kind, message) if kind else None
    return lexicon.detect(message)


REDACTION_MARKERS = (BSN_MARKER, IBAN_MARKER)


class SafetyDetector:
    """The lexicon first (exact, explainable); for what it misses or finds only unclear, the
    meaning of the message (`meaning.py`)."""

    def __init__(self, lexicon: SafetyLexicon, meaning: MeaningReader | None = None) -> None:
        self._lexicon = lexicon
        self._meaning = meaning

    def detect(self, message: str) -> SafetySignal | None:
        # The marks the product puts where it took out a number are its own words, not the
        # resident's: "[BSN weggehaald]" alone is no message ("weggehaald" read as gone).
        for marker in REDACTION_MARKERS:
            message = message.replace(marker, " ")
        if not message.strip():
            return None
        signal = signal_in(self._lexicon, message)
        if message.startswith("/"):
            return signal
        if signal is not None and signal.kind == "violence" and self._meaning is not None:
            # Violence at home by its words, a danger to life by its meaning ("hij heeft me
            # geslagen en nu ligt ze op de grond"): 112 first, Veilig Thuis after.
            graver = self._meaning.read(message)
            if graver is not None and graver.kind in GRAVER_THAN_VIOLENCE:
                also = tuple(dict.fromkeys(("violence", *signal.also, *graver.also)))
                return SafetySignal(graver.kind, graver.phrase, also, by_meaning=True)
            return signal
        if signal is not None and signal.kind != "unclear":
            return signal
        figurative = self._lexicon.figurative(message)
        if self._meaning is None or (figurative and (signal is None or signal.kind == "unclear")):
            # Plainly figurative speech is not read for its meaning: "ik ben dood op, ik kan
            # niet meer" gets the caring question (unclear), not 113 at once.
            return signal
        read = self._meaning.read(message)
        if signal is not None and read is not None and by_nearest_example(read):
            # Unclear by its words, and near a suicidal example only (the classifier does not
            # agree): the caring question asks, rather than 113 at once.
            return signal
        return read or signal
