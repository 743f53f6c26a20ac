"""Dutch passive sentences: a form of "worden" (or "zijn" with "door") and a past participle
anywhere in the same sentence, also when other words stand between them ("Uw aanvraag wordt
na ontvangst door een consulent zorgvuldig beoordeeld"). Pure.

A past participle is recognised by its shape, with word lists for what only looks like one:
- ge- at the start, or after a particle (vast-ge-steld, door-ge-geven), ending in -d, -t or -en;
- be-, ver-, ont-, her-, er-, ge- verbs without ge-: ending in -d (beoordeeld), in -t after
  t, k, f, s, p or ch (verwacht, verstuurd is -d), or a known strong form in -en (bekeken);
- never a word right after an article or "uw" (that is a noun: "uw gezondheid"), never a word
  on the list of look-alikes (gebeurt, bericht, besluit).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

_PREFIXED = re.compile(r"^(?:be|ver|ont|her|er)[^\W\d_]{2,}$")
_VOICELESS_T = re.compile(r"(?:[tkfsp]|ch)t$")

Kind = Literal["worden", "zijn_door", "zijn"]


@dataclass(frozen=True)
class ParticipleRules:
    particles: frozenset[str]
    strong: frozenset[str]
    look_alikes: frozenset[str]
    determiners: frozenset[str]


@dataclass(frozen=True)
class Passive:
    kind: Kind
    auxiliary: str
    participle: str
    agent: tuple[str, ...]


def is_participle(word: str, rules: ParticipleRules) -> bool:
    """Whether a lower-case word has the shape of a Dutch past participle."""
    if word in rules.look_alikes or len(word) < 5:
        return False
    if word in rules.strong:
        return True
    for particle in ("", *rules.particles):
        if word.startswith(particle + "ge"):
            rest = word[len(particle) + 2 :]
            if len(rest) >= 2 and re.fullmatch(r"[^\W\d_]+(?:d|t|en)", rest):
                return True
    if _PREFIXED.match(word):
        return word.endswith("d") or bool(_VOICELESS_T.search(word))
    return False


def _agent(words: Sequence[str], rules: ParticipleRules) -> tuple[str, ...]:
    """Who does it: the words after "door" (door ons -> ons; door het buurtteam)."""
    if "door" not in words:
        return ()
    after = list(words[words.index("door") + 1 :])
    if not after:
        return ()
    if after[0] in rules.determiners and len(after) > 1:
        return tuple(after[:2])
    return (after[0],)


def find_passive(
    words: Sequence[str],
    rules: ParticipleRules,
    passive_auxiliaries: frozenset[str],
    state_auxiliaries: frozenset[str],
    state_participles: frozenset[str],
    perfect_auxiliaries: frozenset[str] = frozenset(),
) -> Passive | None:
    """The passive of one sentence (its words in lower case), or None."""
    participles = [
        w
        for i, w in enumerate(words)
        if is_participle(w, rules) and not (i and words[i - 1] in rules.determiners)
    ]
    if not participles:
        return None
    worden = next((w for w in words if w in passive_auxiliaries), None)
    if worden is not None:
        return Passive("worden", worden, participles[-1], _agent(words, rules))
    zijn = next((w for w in words if w in state_auxiliaries), None)
    acting = [p for p in participles if p not in state_participles]
    if zijn is None or not acting or any(w in perfect_auxiliaries for w in words):
        return None  # no passive, or a past tense with "hebben"
    agent = _agent(words, rules)
    return Passive("zijn_door" if agent else "zijn", zijn, acting[-1], agent)
