"""When the feedback question may be asked, and what an answer means. Pure."""

import re
from collections.abc import Mapping
from typing import Literal

from integrations.cases.record import Case

Rating = Literal["goed", "gaat_wel", "niet_goed"]
RATINGS: tuple[Rating, ...] = ("goed", "gaat_wel", "niet_goed")
PAYLOAD_PREFIX = "feedback:"  # the payload of an answer button or keypad choice
MAX_REMARK_CHARS = 300
MAX_SPOKEN_WORDS = 4
SAFETY_ROUTES = frozenset({"crisis", "veilig_thuis"})

_SPOKEN = (
    ("niet_goed", re.compile(r"\b(niet goed|slecht|niet fijn|waardeloos)\b")),
    ("gaat_wel", re.compile(r"\b(gaat wel|redelijk|matig|een beetje|wel oke|wel ok[eé])\b")),
    ("goed", re.compile(r"\b(goed|prima|fijn|top)\b")),
)


def may_ask(case: Case | None) -> bool:
    """Never in a conversation about safety (a crisis or Veilig Thuis route, a safety signal,
    acute urgency), nor while or after a staff member talked with the resident."""
    if case is None:
        return False
    return (
        case.route not in SAFETY_ROUTES
        and not case.safety_signals
        and case.urgency != "acuut"
        and case.mode == "bot"
        and case.taken_by is None
    )


def rating_of_payload(payload: str) -> Rating | None:
    if not payload.startswith(PAYLOAD_PREFIX):
        return None
    value = payload[len(PAYLOAD_PREFIX) :]
    return next((r for r in RATINGS if r == value), None)


def is_feedback_menu(choices: Mapping[str, str]) -> bool:
    """Whether the keypad menu the caller hears now is the feedback question."""
    return bool(choices) and all(v.startswith(PAYLOAD_PREFIX) for v in choices.values())


def rating_of_answer(answer: str, choices: Mapping[str, str]) -> Rating | None:
    """The rating in a caller's answer to the feedback question: a key (already turned into
    its payload) or words ("niet goed", "prima"); None when it is something else."""
    if not is_feedback_menu(choices):
        return None
    by_payload = rating_of_payload(answer)
    if by_payload is not None:
        return by_payload
    said = " ".join(answer.lower().split())
    if len(said.split()) > MAX_SPOKEN_WORDS:
        return None  # more words than a rating: the caller has something else to say
    for rating, words in _SPOKEN:
        if words.search(said):
            return rating  # type: ignore[return-value]
    return None


def is_no_rating(answer: str, safety_signal: object | None) -> bool:
    """A short answer to the feedback question that is not a rating ("nee dank u", "hoeft
    niet"): the question is skipped. A key for a person, a safety signal or more words than a
    rating (something new to say) are not."""
    if answer.startswith("/") or safety_signal is not None or _ASKS_PERSON.search(answer):
        return False
    return len(answer.split()) <= MAX_SPOKEN_WORDS


# "medewerker" said to the feedback question: a person, never a goodbye.
_ASKS_PERSON = re.compile(
    r"\b(?:medewerker|mens|persoon|iemand spreken|doorverbinden|person|staff|someone)\b", re.I
)


def plain_remark(text: str) -> str:
    """The optional sentence as it is kept: one line, at most 300 characters."""
    return " ".join(text.split())[:MAX_REMARK_CHARS]
