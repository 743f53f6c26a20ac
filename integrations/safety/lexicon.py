"""A Dutch crisis and violence lexicon that does not depend on a classifier's confidence.

Pure logic, no I/O: `SafetyLexicon.from_mapping` takes the parsed `signals.yml`.
Residents write phonetically and with typos, so both the text and the lexicon are folded
the same way first ("zelfmoord", "selfmoort" and "zelfmort" become one form), and long
words within one edit of a lexicon word count as that word. Recall comes first.

Phrase syntax in the lexicon: words separated by spaces; `(a|b c)` one of several words or
word groups; `(a|)` optional; `...` up to six other words; `$` the end of the message.
Common spoken spellings ("nie" for "niet", "m'n" for "mijn") are read as the written word
through the `spelling` table of the lexicon.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extractOne

from integrations.safety.normalise import plain_words

# Signals, in order of precedence when a message has more than one.
SIGNAL_KINDS = ("suicide", "danger", "shelter", "violence", "unclear")
FUZZY_MIN_LENGTH = 6
MAX_GAP_WORDS = 6
TOKEN = re.compile(r"\([^)]*\)|\S+")

_FOLDS = (
    (re.compile(r"ij|y|ei"), "ei"),
    (re.compile(r"ch"), "g"),
    (re.compile(r"au"), "ou"),
    (re.compile(r"c(?=[aou])"), "k"),
    (re.compile(r"z"), "s"),
    (re.compile(r"v"), "f"),
    (re.compile(r"(dt|d)$"), "t"),
    (re.compile(r"(.)\1+"), r"\1"),
)


def fold_word(word: str) -> str:
    """One spelling for the ways a Dutch word is written and misspelled."""
    for pattern, replacement in _FOLDS:
        word = pattern.sub(replacement, word)
    return word


def words_of(text: str) -> list[str]:
    """Lowercase words without accents or punctuation; "m'n" stays one word ("mn"). Look-alike
    letters, leetspeak and spaced letters are undone first (`normalise.py`)."""
    return plain_words(text)


@dataclass(frozen=True)
class SafetySignal:
    kind: str
    phrase: str
    # Other kinds the same message holds ("hij staat voor de deur met een mes": danger, and
    # violence at home): the answer names what comes after 112 too.
    also: tuple[str, ...] = ()
    # Found by the meaning reader (meaning.py), not by the words of the lexicon.
    by_meaning: bool = False


@dataclass(frozen=True)
class _Phrase:
    kind: str
    source: str
    pattern: re.Pattern[str]


def _words_pattern(text: str, spelling: Mapping[str, str]) -> tuple[str, set[str]]:
    folded = [fold_word(spelling.get(w, w)) for w in words_of(text)]
    return "".join(re.escape(w) + " " for w in folded), set(folded)


def _token_pattern(token: str, spelling: Mapping[str, str]) -> tuple[str, set[str]]:
    if token == "...":
        return rf"(?:\S+ ){{0,{MAX_GAP_WORDS}}}", set()
    if token == "$":
        return "$", set()
    if token.startswith("(") and token.endswith(")"):
        options = token[1:-1].split("|")
        patterns: list[str] = []
        vocabulary: set[str] = set()
        for option in options:
            if option.strip():
                pattern, words = _words_pattern(option, spelling)
                patterns.append(pattern)
                vocabulary |= words
        optional = "?" if any(not option.strip() for option in options) else ""
        return f"(?:{'|'.join(patterns)}){optional}", vocabulary
    return _words_pattern(token, spelling)


def _compile(kind: str, phrase: str, spelling: Mapping[str, str]) -> tuple[_Phrase, set[str]]:
    parts: list[str] = []
    vocabulary: set[str] = set()
    for token in TOKEN.findall(phrase):
        part, words = _token_pattern(token, spelling)
        parts.append(part)
        vocabulary |= words
    return _Phrase(kind, phrase, re.compile(" " + "".join(parts))), vocabulary


class SafetyLexicon:
    def __init__(
        self,
        phrases: Iterable[_Phrase],
        vocabulary: Iterable[str],
        spelling: Mapping[str, str] | None = None,
        hyperbole: Iterable[_Phrase] = (),
        common: Callable[[str], bool] | None = None,
    ) -> None:
        self._spelling = dict(spelling or {})
        # A common word of the language is itself, never a typo of a lexicon word ("talking"
        # is no "stalking"): `common` says whether a word is one.
        self._common = common
        self._hyperbole = list(hyperbole)
        self._phrases = sorted(phrases, key=lambda p: SIGNAL_KINDS.index(p.kind))
        self._vocabulary = sorted(vocabulary)
        self._long_words = [w for w in self._vocabulary if len(w) >= FUZZY_MIN_LENGTH]
        # Words the spelling list maps to themselves are real words, never a typo of a
        # lexicon word ("stalling" is no "stalking").
        real = {fold_word(w) for w, to in self._spelling.items() if w == to}
        self._known = set(self._vocabulary) | real

    @classmethod
    def from_mapping(
        cls,
        lexicon: Mapping[str, Mapping[str, object]],
        common: Callable[[str], bool] | None = None,
    ) -> "SafetyLexicon":
        """From the parsed `signals.yml`: `signals` (kind → phrases), `spelling`, and the
        `hyperbole` phrases that are taken out of a message before signals are looked for."""
        signals = lexicon["signals"]
        spelling = {str(k): str(v) for k, v in (lexicon.get("spelling") or {}).items()}
        unknown = set(signals) - set(SIGNAL_KINDS)
        if unknown:
            raise ValueError(f"unknown signal kinds: {sorted(unknown)}")
        phrases: list[_Phrase] = []
        vocabulary: set[str] = set()
        for kind, sources in signals.items():
            for source in sources:  # type: ignore[attr-defined]
                phrase, words = _compile(kind, str(source), spelling)
                phrases.append(phrase)
                vocabulary |= words
        figurative = [
            _compile("hyperbole", str(source), spelling)[0]
            for source in lexicon.get("hyperbole") or []
        ]
        return cls(phrases, vocabulary, spelling, figurative, common)

    def _corrected(self, word: str, written: str) -> str:
        """A long word (`word`, folded; `written`, as the resident wrote it) one typo away from
        a lexicon word is read as that word."""
        if word in self._known or len(word) < FUZZY_MIN_LENGTH:
            return word
        match = extractOne(word, self._long_words, scorer=Levenshtein.distance, score_cutoff=1)
        if not match:
            return word
        near = str(match[0])
        # Asked of the word as written: folded, "leerkracht" is "lerkragt", which no
        # dictionary holds, one letter from "verkracht" ("ferkragt").
        if self._common is not None and self._common(written):
            # Another form of the same word ("moeders", "sleutel") is still read as it.
            return near if near.startswith(word) or word.startswith(near) else word
        return near

    def folded(self, text: str) -> str:
        words = (self._spelling.get(w, w) for w in words_of(text))
        return " " + "".join(self._corrected(fold_word(w), w) + " " for w in words)

    def spelled(self, text: str) -> str:
        """`text` in the spelling list's words, without typo correction: how the meaning
        reader folds, so that a new phrase (new words to correct towards) does not change
        what its classifier learns."""
        words = (self._spelling.get(w, w) for w in words_of(text))
        return " " + "".join(fold_word(w) + " " for w in words)

    def figurative(self, text: str) -> bool:
        """Whether `text` holds everyday exaggeration ("dood van de verveling")."""
        folded = self.folded(text)
        return any(figure.pattern.search(folded) for figure in self._hyperbole)

    def detect(self, text: str) -> SafetySignal | None:
        """The most serious signal in `text` (with the other kinds it holds), or None."""
        folded = self.folded(text)
        for figure in self._hyperbole:
            folded = figure.pattern.sub(" ", folded)
        found = [phrase for phrase in self._phrases if phrase.pattern.search(folded)]
        if not found:
            return None
        first = found[0]
        also = tuple(dict.fromkeys(p.kind for p in found if p.kind != first.kind))
        return SafetySignal(first.kind, first.source, also)
