"""The B1 rules' numbers and word lists (rules.yml), typed."""

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

RULES_FILE = Path(__file__).resolve().parent / "rules.yml"


class B1Rules(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    sentence_words_warn: int
    sentence_words_fail: int
    max_commas: int
    bubble_sentences_max: int
    bubble_words_max: int
    rare_zipf_below: float
    common_word_zipf: float
    reading_ease_warn_below: float
    voice_digit_run_max: int
    voice_sentences_max: int
    voice_words_max: int
    voice_menu_choices_max: int
    whitelist: frozenset[str]
    known_acronyms: frozenset[str]
    acronym_meanings: dict[str, str]
    difficult_words: dict[str, str]
    official_phrases: dict[str, str]
    nominalisations: dict[str, str]
    nominal_phrases: dict[str, str]
    nominal_prepositions: frozenset[str]
    vague_times: dict[str, str]
    abbreviations: frozenset[str]
    subordinators: frozenset[str]
    passive_auxiliaries: frozenset[str]
    state_auxiliaries: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    determiners: frozenset[str]
    separable_particles: frozenset[str]
    strong_participles: frozenset[str]
    not_participles: frozenset[str]
    state_participles: frozenset[str]
    number_words: frozenset[str]
    informal_words: frozenset[str]


def load_rules(path: Path = RULES_FILE) -> B1Rules:
    return B1Rules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
