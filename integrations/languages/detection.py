"""Reading the language of one message. Pure once the reader is made.

Lingua (lingua-language-detector) ships its language models in its wheel; only the
languages the assistant must tell apart are loaded: Dutch, English and the languages common
in Assen (Arabic, Turkish, Polish, Ukrainian, and Russian, which many Ukrainians write).
Lingua has no Tigrinya: the Ethiopic script is its signal (Tigrinya is the language of that
script most spoken in Assen).
"""

import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

# ISO 639-1 codes of the languages the assistant tells apart.
DUTCH, ENGLISH = "nl", "en"
LINGUA_LANGUAGES = ("nl", "en", "ar", "tr", "pl", "uk", "ru")


@dataclass(frozen=True)
class Reading:
    """What one message looks like: lingua's confidence per language (adding up to 1), and
    the letters of the message per script ("latin", "arabic", "cyrillic", "ethiopic")."""

    confidences: dict[str, float] = field(default_factory=dict)
    scripts: dict[str, int] = field(default_factory=dict)

    @property
    def best(self) -> tuple[str | None, float]:
        if not self.confidences:
            return None, 0.0
        language = max(self.confidences, key=lambda code: self.confidences[code])
        return language, self.confidences[language]

    @property
    def letters(self) -> int:
        return sum(self.scripts.values())

    @property
    def main_script(self) -> str | None:
        if not self.scripts:
            return None
        return max(self.scripts, key=lambda script: self.scripts[script])


def script_of(char: str) -> str | None:
    """The script of a letter, for the scripts the assistant tells apart."""
    if not char.isalpha():
        return None
    code = ord(char)
    if 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF or 0xAB00 <= code <= 0xAB2F:
        return "ethiopic"
    name = unicodedata.name(char, "")
    for script in ("LATIN", "ARABIC", "CYRILLIC"):
        if name.startswith(script):
            return script.lower()
    return "other"


def scripts_in(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for char in text:
        script = script_of(char)
        if script:
            counts[script] = counts.get(script, 0) + 1
    return counts


class LanguageReader:
    """Lingua's detector for the languages above. Made once per process (about 3 seconds
    and 300 MB with the models preloaded), then `read` is pure and fast."""

    def __init__(self, detector: "LanguageDetector") -> None:
        self._detector = detector

    @classmethod
    def load(cls) -> "LanguageReader":
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        languages = [
            Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
            for code in LINGUA_LANGUAGES
        ]
        builder = LanguageDetectorBuilder.from_languages(*languages)
        return cls(builder.with_preloaded_language_models().build())

    def read(self, text: str) -> Reading:
        scripts = scripts_in(text)
        if not scripts:
            return Reading({}, scripts)
        values = self._detector.compute_language_confidence_values(text)
        confidences = {value.language.iso_code_639_1.name.lower(): value.value for value in values}
        return Reading(confidences, scripts)


@cache
def shared_reader() -> LanguageReader:
    """The reader of this process, made on first use (when the gateway starts); later apps
    in the same process share it."""
    return LanguageReader.load()
