"""The review marks as files for the team: candidate training examples in Rasa's YAML format
and rows for an evaluation set kept apart from training. Pure; standard library and yaml only,
so the Rasa environment's tests can read what it writes. Nothing here trains anything: the
team reads the candidates and copies the good ones into nlu_data/ by hand."""

from collections.abc import Iterable
from dataclasses import dataclass

RASA_HEADER = (
    "# Candidate training examples from the review of conversations (/staff/review).\n"
    "# NOT trained on automatically: read each one, then copy the good ones into nlu_data/nlu/.\n"
    "# Never copy an example that is also in an evaluation set.\n"
)
EVAL_HEADER = (
    "# Evaluation cases from the review of conversations (/staff/review): what residents said\n"
    "# and the route the triage should have chosen. Kept apart from training:\n"
    "# never train on this file, never copy its rows into training data.\n"
    "# Columns: route<TAB>channel<TAB>utterance. channel: chat, or voice (phone speech).\n"
)


@dataclass(frozen=True)
class Mark:
    """One turn a staff member marked as misunderstood."""

    words: str  # what the resident said (personal data already taken out)
    channel: str  # chat | phone
    intent: str | None  # what the resident meant (an intent of the model)
    route: str | None  # the route the triage should have chosen
    answer: str | None  # what the assistant should have said


def one_line(text: str) -> str:
    return " ".join(text.split())


def rasa_nlu_yaml(marks: Iterable[Mark]) -> str:
    """`version: "3.1"` and `nlu:` with one block of examples per intent, in Rasa's format."""
    by_intent: dict[str, list[str]] = {}
    for mark in marks:
        words = one_line(mark.words)
        if mark.intent and words and words not in by_intent.setdefault(mark.intent, []):
            by_intent[mark.intent].append(words)
    lines = [RASA_HEADER, 'version: "3.1"', "nlu:" if by_intent else "nlu: []"]
    for intent in sorted(by_intent):
        lines.append(f"- intent: {intent}")
        lines.append("  examples: |")
        lines.extend(f"    - {example}" for example in by_intent[intent])
    return "\n".join(lines) + "\n"


def evaluation_rows(marks: Iterable[Mark]) -> str:
    """route<TAB>channel<TAB>utterance; phone speech is written as the phone hears it."""
    rows = [EVAL_HEADER.rstrip("\n")]
    seen: set[tuple[str, str, str]] = set()
    for mark in marks:
        if not mark.route:
            continue
        channel = "voice" if mark.channel == "phone" else "chat"
        words = one_line(mark.words).replace("\t", " ")
        row = (mark.route, channel, words)
        if words and row not in seen:
            seen.add(row)
            rows.append("\t".join(row))
    return "\n".join(rows) + "\n"
