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
    reading_ease_warn_below: float
    voice_digit_run_max: int
    whitelist: frozenset[str]
    difficult_words: dict[str, str]
    abbreviations: frozenset[str]
    subordinators: frozenset[str]
    passive_auxiliaries: frozenset[str]
    number_words: frozenset[str]
    informal_words: frozenset[str]


def load_rules(path: Path = RULES_FILE) -> B1Rules:
    return B1Rules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
