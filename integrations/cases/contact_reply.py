"""What the assistant answers when a resident in a safety case (crisis, Veilig Thuis) waiting
for a person sends only a phone number or when calling is safe. Pure, no I/O.

Such a message is no new question: the case keeps the number and the safe times
(cases.facts), and the resident hears that they are passed on (after Veilig Thuis, a number
alone is first asked whether a call on it is safe; the safety protocol reads the answer).
Never "Sorry, dat begreep ik niet goed" with topic buttons, which reads as if nothing was
kept (staff audit 2026-12-02, defect 1). Any other message goes to the assistant as before.
"""

from dataclasses import dataclass, field

from integrations.cases.facts import Facts, PhoneNumber
from integrations.cases.record import SAFETY_ROUTES, Case

NUMBER_NOTED = "utter_contact_number_noted"
# After Veilig Thuis, a number without a word on when calling is safe: that is asked first.
NUMBER_NOTED_ASK_SAFE = "utter_contact_number_ask_safe"
TIME_NOTED = "utter_contact_time_noted"


@dataclass(frozen=True)
class Reply:
    """A text of the content files, with the values of its placeholders."""

    name: str
    slots: dict[str, str] = field(default_factory=dict)


def contact_reply(case: Case | None, facts: Facts) -> list[Reply] | None:
    """The texts that say what is passed on; None when the assistant answers as usual."""
    waiting = (
        case is not None
        and case.route in SAFETY_ROUTES
        and case.handoff is not None
        and case.closed_at is None
    )
    if not waiting or facts.own_words or not (facts.phones or facts.contact_words):
        return None
    replies = []
    if facts.phones:
        ask_safe = (
            case is not None
            and case.route == "veilig_thuis"
            and not facts.contact_words
            and not case.contact.safe_words
        )
        name = NUMBER_NOTED_ASK_SAFE if ask_safe else NUMBER_NOTED
        replies.append(Reply(name, {"call_number": PhoneNumber(facts.phones[0]).shown}))
    if facts.contact_words:
        replies.append(Reply(TIME_NOTED))
    return replies
