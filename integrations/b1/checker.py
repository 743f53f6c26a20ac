"""A Dutch B1 checker for the assistant's texts. Pure: text and rules in, findings out.

Messages are for communication staff, in Dutch. Each finding names its rule, says whether
the text fails or only gets a warning, and suggests a fix where one is known.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from integrations.b1.config import B1Rules
from integrations.b1.syllables import syllables

Severity = Literal["fail", "warn"]
Verdict = Literal["ok", "warn", "fail"]
ZipfLookup = Callable[[str], float]

_PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\{[a-z_]+\}|[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+(?:[.,:-]\d+)*")
_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:nl|com|org|eu)\b", re.IGNORECASE)
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]")
# Past participles: (op)gestuurd, gegeven; behandeld, verstuurd, ontvangen.
_PARTICIPLE = re.compile(r"^(?:[a-z]*ge[a-z]{2,}|(?:be|ver|ont|her|er)[a-z]{2,})(?:d|t|en)$")
_ABBREVIATION = re.compile(r"\b(?:[a-z]\.){2,}", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    suggestion: str | None = None


@dataclass(frozen=True)
class B1Report:
    findings: tuple[Finding, ...]
    reading_ease: float | None

    @property
    def verdict(self) -> Verdict:
        if any(f.severity == "fail" for f in self.findings):
            return "fail"
        return "warn" if self.findings else "ok"


def sentences_of(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def words_of(sentence: str) -> list[str]:
    return _WORD.findall(sentence)


def flesch_douma(text: str) -> float | None:
    """206.84 - 0.77 x syllables per 100 words - 0.93 x words per sentence."""
    parts = sentences_of(text)
    words = [w for s in parts for w in words_of(s) if not _PLACEHOLDER.fullmatch(w)]
    if not parts or not words:
        return None
    per_100 = 100 * sum(syllables(w) for w in words) / len(words)
    return round(206.84 - 0.77 * per_100 - 0.93 * len(words) / len(parts), 1)


class B1Checker:
    def __init__(self, rules: B1Rules, zipf: ZipfLookup) -> None:
        self._rules = rules
        self._zipf = zipf

    def check(self, text: str, voice: bool = False) -> B1Report:
        findings = [*self._bubble(text), *self._words(text)]
        for sentence in sentences_of(text):
            findings.extend(self._sentence(sentence))
        if voice:
            findings.extend(self._voice(text))
        ease = flesch_douma(text)
        r = self._rules
        if ease is not None and ease < r.reading_ease_warn_below:
            findings.append(
                Finding(
                    "leesbaarheid",
                    "warn",
                    f"Leesgemak (Flesch-Douma) is {ease}; het doel is {r.reading_ease_warn_below}.",
                    "Gebruik kortere woorden en kortere zinnen.",
                )
            )
        return B1Report(tuple(findings), ease)

    def _bubble(self, text: str) -> Iterable[Finding]:
        r = self._rules
        count = len(sentences_of(text))
        words = len(words_of(text))
        if count > r.bubble_sentences_max or words > r.bubble_words_max:
            yield Finding(
                "lang_bericht",
                "fail",
                f"Dit bericht heeft {count} zinnen en {words} woorden. "
                f"Houd het bij {r.bubble_sentences_max} zinnen en {r.bubble_words_max} woorden.",
                "Maak er 2 berichten van.",
            )

    def _sentence(self, sentence: str) -> Iterable[Finding]:
        r = self._rules
        words = words_of(sentence)
        if len(words) > r.sentence_words_warn:
            severity: Severity = "fail" if len(words) > r.sentence_words_fail else "warn"
            yield Finding(
                "zinslengte",
                severity,
                f'Zin van {len(words)} woorden: "{sentence}"',
                f"Houd een zin bij {r.sentence_words_warn} woorden. Maak er 2 zinnen van.",
            )
        if sentence.count(",") > r.max_commas:
            yield Finding(
                "komma",
                "fail",
                f'Meer dan {r.max_commas} komma in een zin: "{sentence}"',
                "Splits de zin in kortere zinnen.",
            )
        lowered = [w.lower() for w in words]
        if sum(1 for w in lowered if w in r.subordinators) > 1:
            yield Finding(
                "bijzin",
                "warn",
                f'Een bijzin in een bijzin: "{sentence}"',
                "Zeg elk deel in een eigen zin.",
            )
        if any(w in r.passive_auxiliaries for w in lowered) and any(
            _PARTICIPLE.match(w) for w in lowered
        ):
            yield Finding(
                "lijdende_vorm",
                "warn",
                f'Lijdende vorm: "{sentence}"',
                "Zeg wie iets doet: 'Wij sturen u een brief', niet 'U wordt een brief gestuurd'.",
            )

    def _words(self, text: str) -> Iterable[Finding]:
        seen: set[str] = set()
        for match in _ABBREVIATION.finditer(text):
            yield Finding(
                "afkorting",
                "fail",
                f"Afkorting: {match.group(0)}",
                "Schrijf het woord helemaal uit.",
            )
        for sentence in sentences_of(text):
            for position, word in enumerate(words_of(sentence)):
                lower = word.lower()
                if lower in seen or _PLACEHOLDER.fullmatch(word) or word[0].isdigit():
                    continue
                seen.add(lower)
                yield from self._word(word, lower, first=position == 0)

    def _word(self, word: str, lower: str, first: bool) -> Iterable[Finding]:
        r = self._rules
        if lower in r.whitelist:
            return
        if lower in r.abbreviations or (word.isupper() and 2 <= len(word) <= 5):
            yield Finding(
                "afkorting", "fail", f"Afkorting: {word}", "Schrijf het woord helemaal uit."
            )
        elif lower in r.difficult_words:
            yield Finding(
                "moeilijk_woord",
                "fail",
                f"Moeilijk woord: {word}",
                f"Gebruik: {r.difficult_words[lower]}",
            )
        elif lower == "men":
            yield Finding("men", "fail", "Gebruik geen 'men'.", "Zeg wie het doet: 'wij' of 'u'.")
        elif lower in r.informal_words:
            yield Finding(
                "u_vorm", "fail", f"'{word}' is de je-vorm.", "Spreek de inwoner aan met 'u'."
            )
        elif lower in r.number_words:
            yield Finding(
                "getal_in_woorden",
                "fail",
                f"Getal in woorden: {word}",
                "Schrijf cijfers: 2, 3, 10.",
            )
        elif (word[0].isupper() and not first) or len(lower) < 4:
            return  # names (Veilig Thuis, Assen) and short words
        elif self._zipf(lower) < r.rare_zipf_below:
            yield Finding(
                "weinig_gebruikt",
                "warn",
                f"Weinig gebruikt woord: {word}",
                "Kies een woord dat meer mensen kennen, of leg het uit.",
            )

    def _voice(self, text: str) -> Iterable[Finding]:
        r = self._rules
        if _URL.search(text):
            yield Finding(
                "spraak_url",
                "fail",
                "Een webadres is aan de telefoon niet te volgen.",
                "Zeg het anders of laat het weg.",
            )
        if _EMOJI.search(text):
            yield Finding(
                "spraak_emoji",
                "fail",
                "Een emoji kan de telefoon niet uitspreken.",
                "Laat de emoji weg.",
            )
        for run in re.findall(r"\d+", text):
            if len(run) > r.voice_digit_run_max:
                yield Finding(
                    "spraak_nummer",
                    "fail",
                    f"Het nummer {run} is aan de telefoon te lang in één keer.",
                    "Zeg het in groepjes, bijvoorbeeld: 0800 0113.",
                )
