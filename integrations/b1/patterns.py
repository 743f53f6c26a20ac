"""The small pattern language of the B1 word lists (rules.yml). Pure.

A pattern is lower-case words: `word*` is every word that starts with it, `*word` every word
that ends with it (`*word*`: that holds it), `*` alone is any word, `...` is up to 6 words
in between, `#` is a number. "vindt ... plaats" finds "Daarna vindt een beoordeling plaats";
"retourne*" finds "retourneren" and "retourneert".
"""

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

_LETTER = r"[^\W\d_]"
_GAP = r"(?:\s+\S+){0,6}?"


@dataclass(frozen=True)
class Pattern:
    source: str
    advice: str
    regex: re.Pattern[str]


def compile_word(token: str) -> str:
    """The regular expression of one word of a pattern."""
    if token == "#":
        return r"\d+(?:[.,]\d+)*"
    if token == "*":
        return _LETTER + "+"
    before = _LETTER + "*" if token.startswith("*") else ""
    after = _LETTER + "*" if token.endswith("*") else ""
    return before + re.escape(token.strip("*")) + after


def compile_pattern(source: str) -> re.Pattern[str]:
    """The regular expression of one pattern, on word boundaries, any case."""
    parts: list[str] = []
    for token in source.lower().split():
        if token == "...":
            parts.append(_GAP)
        else:
            parts.append((r"\s+" if parts else "") + compile_word(token))
    return re.compile(rf"(?<![\w-]){''.join(parts)}(?![\w-])", re.IGNORECASE)


def compile_patterns(entries: Mapping[str, str]) -> tuple[Pattern, ...]:
    return tuple(
        Pattern(source, advice, compile_pattern(source)) for source, advice in entries.items()
    )


def find_patterns(patterns: tuple[Pattern, ...], text: str) -> Iterator[tuple[Pattern, str]]:
    """Each pattern found in `text`, with the words it found (once per pattern)."""
    for pattern in patterns:
        match = pattern.regex.search(text)
        if match:
            yield pattern, match.group(0)
