"""A Dutch B1 checker for the assistant's texts. Pure: text and rules in, findings out.

Messages are for communication staff, in Dutch. Each finding names its rule, says whether
the text fails or only gets a warning, says why, and suggests a better wording where one is
known. What it looks for, by kind of problem:

- length: sentences, commas, a clause in a clause, long chat bubbles, reading ease;
- passive voice, also with words between the verb and the participle (passive.py);
- nominal style ("na ontvangst van", "vindt een beoordeling plaats"), official words and
  phrases, legal references, "men", "je" (mixed with "u"), numbers in words;
- vague times ("binnenkort", "op korte termijn") and dates and times not written as
  "dinsdag 3 december om 10.00 uur" (datetimes.py);
- abbreviations, also in capitals (WMO, CAK, PGB), apart from the few residents know;
- rare words (Dutch word frequency), apart from the names residents know (rules.yml);
- on the phone: web addresses, emoji, long numbers, long texts and menus of many choices.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from integrations.b1.config import B1Rules
from integrations.b1.datetimes import date_problems
from integrations.b1.passive import ParticipleRules, Passive, find_passive
from integrations.b1.patterns import compile_patterns, compile_word, find_patterns
from integrations.b1.syllables import syllables

Severity = Literal["fail", "warn"]
Verdict = Literal["ok", "warn", "fail"]
ZipfLookup = Callable[[str], float]

_PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"\{[a-z_]+\}|[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+(?:[.,:-]\d+)*")
_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:nl|com|org|eu)\b", re.IGNORECASE)
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]")
_ABBREVIATION = re.compile(
    r"(?<![^\W\d_])(?:(?:[^\W\d_]\.){2,}|[^\W\d_]{1,2}/[^\W\d_]{1,2}(?![^\W\d_]))", re.IGNORECASE
)
_MENU_CHOICE = re.compile(r"\b(?:kies|toets|druk op|druk)\s+(?:een\s+)?\d\b", re.IGNORECASE)
_YOU = frozenset({"u", "uw", "uzelf"})
_AGENT_SUBJECT = {"ons": "wij", "mij": "ik", "mijzelf": "ik", "u": "u", "hen": "zij"}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    suggestion: str | None = None
    found: str | None = None  # the words of the text it is about


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


def _passive_advice(passive: Passive) -> str:
    if passive.agent:
        subject = " ".join(passive.agent)
        subject = _AGENT_SUBJECT.get(subject, subject)
        return (
            f'Zeg wie het doet, vooraan in de zin: "{subject[0].upper()}{subject[1:]} ..." '
            f'in plaats van "... {passive.auxiliary} ... {passive.participle}". '
            'Bijvoorbeeld: "Het buurtteam bekijkt uw aanvraag."'
        )
    return (
        'Zeg wie het doet: "Wij bekijken uw aanvraag", '
        f'niet "... {passive.auxiliary} ... {passive.participle}".'
    )


class B1Checker:
    def __init__(self, rules: B1Rules, zipf: ZipfLookup) -> None:
        self._rules = rules
        self._zipf = zipf
        self._participles = ParticipleRules(
            particles=rules.separable_particles,
            strong=rules.strong_participles,
            look_alikes=rules.not_participles,
            determiners=rules.determiners,
        )
        self._official = compile_patterns(rules.official_phrases)
        self._nominal = compile_patterns(rules.nominal_phrases)
        self._vague = compile_patterns(rules.vague_times)
        self._exact_words = {k: v for k, v in rules.difficult_words.items() if "*" not in k}
        self._word_parts = tuple(
            (re.compile(compile_word(k)), v) for k, v in rules.difficult_words.items() if "*" in k
        )
        prepositions = "|".join(sorted(rules.nominal_prepositions, key=len, reverse=True))
        self._nominal_ing = re.compile(
            rf"(?<![\w-])(?:(?:{prepositions})\s+([^\W\d_]{{4,}}ing)\s+van|na\s+([^\W\d_]{{4,}}ing))"
            r"(?![\w-])",
            re.IGNORECASE,
        )

    @property
    def rules(self) -> B1Rules:
        return self._rules

    def check(self, text: str, voice: bool = False) -> B1Report:
        phrases = list(self._phrases(text))
        covered = {w.lower() for f in phrases if f.found for w in words_of(f.found)}
        findings = [*self._bubble(text), *phrases, *self._words(text, covered)]
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
        passive = find_passive(
            lowered,
            self._participles,
            r.passive_auxiliaries,
            r.state_auxiliaries,
            r.state_participles,
            r.perfect_auxiliaries,
        )
        if passive is not None:
            yield Finding(
                "lijdende_vorm",
                "warn" if passive.kind == "zijn" else "fail",
                f'Lijdende vorm ("{passive.auxiliary} ... {passive.participle}"): "{sentence}"',
                _passive_advice(passive),
            )

    def _phrases(self, text: str) -> Iterable[Finding]:
        """What spans several words: official phrases, nominal style, vague times, dates."""
        for pattern, found in find_patterns(self._official, text):
            yield Finding(
                "ambtelijk",
                "fail",
                f'Ambtelijke taal: "{found}"',
                f"Gebruik: {pattern.advice}",
                found,
            )
        for pattern, found in find_patterns(self._nominal, text):
            yield Finding(
                "naamwoordstijl",
                "fail",
                f'Naamwoordstijl: "{found}". Zo staat er niet wie wat doet.',
                f"Gebruik een werkwoord: {pattern.advice}",
                found,
            )
        for match in self._nominal_ing.finditer(text):
            if (match.group(1) or match.group(2)).lower() in self._rules.nominalisations:
                continue  # said once, below
            yield Finding(
                "naamwoordstijl",
                "fail",
                f'Naamwoordstijl: "{match.group(0)}". Zo staat er niet wie wat doet.',
                "Gebruik een werkwoord: 'als wij uw aanvraag hebben bekeken'.",
            )
        for pattern, found in find_patterns(self._vague, text):
            yield Finding(
                "vage_tijd",
                "fail",
                f'Vage tijd: "{found}". De inwoner weet dan niet wanneer.',
                pattern.advice[0].upper() + pattern.advice[1:] + ".",
                found,
            )
        for problem in date_problems(text):
            yield Finding(
                "datum_tijd",
                problem.severity,
                f'Datum of tijd: "{problem.found}". Schrijf: "dinsdag 3 december om 10.00 uur".',
                problem.better[0].upper() + problem.better[1:] + ".",
                problem.found,
            )

    def _words(self, text: str, covered: set[str]) -> Iterable[Finding]:
        seen = set(covered)  # words of a phrase found already: said once
        for match in _ABBREVIATION.finditer(text):
            seen.add(match.group(0).lower().replace(".", ""))
            yield Finding(
                "afkorting",
                "fail",
                f"Afkorting: {match.group(0)}",
                "Schrijf het woord helemaal uit.",
            )
        all_words = [w.lower() for s in sentences_of(text) for w in words_of(s)]
        addresses_with_u = any(w in _YOU for w in all_words)
        for sentence in sentences_of(text):
            for position, word in enumerate(words_of(sentence)):
                lower = word.lower()
                if lower in seen or _PLACEHOLDER.fullmatch(word) or word[0].isdigit():
                    continue
                seen.add(lower)
                yield from self._word(word, lower, position == 0, addresses_with_u)

    def _acronym(self, word: str) -> Finding | None:
        r = self._rules
        for part in word.split("-"):
            if part in r.known_acronyms or len(part) < 2:
                continue
            if part.isupper() or self._small_acronym(part):
                meaning = r.acronym_meanings.get(part.upper())
                return Finding(
                    "afkorting",
                    "fail",
                    f"Afkorting in hoofdletters: {part}. Veel mensen weten niet wat dat is.",
                    f"{meaning[0].upper()}{meaning[1:]}." if meaning else "Schrijf uit wat het is.",
                )
        return None

    def _small_acronym(self, part: str) -> bool:
        """An acronym written in small letters (pgb, ggz-instelling), not a Dutch word that
        looks the same (mee, id) nor a name residents know (Wmo)."""
        lower = part.lower()
        return (
            part.upper() in self._rules.acronym_meanings
            and lower not in self._rules.whitelist
            and self._zipf(lower) < self._rules.common_word_zipf
        )

    def _difficult(self, lower: str) -> str | None:
        """The advice for an official word, also as part of a word (Wmo-voorziening)."""
        for candidate in (lower, *lower.split("-")[1:], *lower.split("-")[:-1]):
            if candidate in self._exact_words:
                return self._exact_words[candidate]
            for part, advice in self._word_parts:
                if part.fullmatch(candidate):
                    return advice
        return None

    def _word(self, word: str, lower: str, first: bool, with_u: bool) -> Iterable[Finding]:
        r = self._rules
        acronym = self._acronym(word)
        if acronym is not None:
            yield acronym
            return
        if lower in r.whitelist:
            return
        difficult = self._difficult(lower)
        if lower in r.abbreviations:
            yield Finding(
                "afkorting", "fail", f"Afkorting: {word}", "Schrijf het woord helemaal uit."
            )
        elif lower in r.nominalisations:
            yield Finding(
                "naamwoordstijl",
                "fail",
                f"Naamwoordstijl: {word}. Zo staat er niet wie wat doet.",
                f"Gebruik een werkwoord: {r.nominalisations[lower]}.",
            )
        elif difficult is not None:
            yield Finding(
                "moeilijk_woord",
                "fail",
                f"Moeilijk woord: {word}",
                f"Gebruik: {difficult}",
            )
        elif lower == "men":
            yield Finding("men", "fail", "Gebruik geen 'men'.", "Zeg wie het doet: 'wij' of 'u'.")
        elif lower in r.informal_words:
            message = (
                f"'u' en '{word}' staan door elkaar." if with_u else f"'{word}' is de je-vorm."
            )
            yield Finding("u_vorm", "fail", message, "Spreek de inwoner steeds aan met 'u'.")
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
        count, words = len(sentences_of(text)), len(words_of(text))
        if count > r.voice_sentences_max or words > r.voice_words_max:
            yield Finding(
                "spraak_lang",
                "fail",
                f"Aan de telefoon is dit te lang om te onthouden: {count} zinnen, {words} woorden.",
                f"Zeg het in hoogstens {r.voice_sentences_max} zinnen "
                f"en {r.voice_words_max} woorden.",
            )
        choices = len(_MENU_CHOICE.findall(text))
        if choices > r.voice_menu_choices_max:
            yield Finding(
                "spraak_menu",
                "fail",
                f"Een keuzemenu van {choices} keuzes is aan de telefoon te veel.",
                f"Geef hoogstens {r.voice_menu_choices_max} keuzes. Of vraag: 'Zeg het in een "
                "paar woorden.'",
            )
