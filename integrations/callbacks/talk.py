"""The chat's callback question and the resident's answer to it. Pure.

After "Nu zijn er geen medewerkers", the assistant asks: "Wilt u dat een medewerker u belt?
Typ dan uw telefoonnummer." A number in any common form (06 12 34 56 78, 0612345678,
+31 6 ..., 0592-..., digits written as words) is kept and said back with when the call comes;
"nee" or "ik bel zelf" gets the number to call; a sentence about something else goes on with
the conversation at once; anything else is asked once more with an example, and then the
conversation goes on (nothing is promised).
"""

import re
from dataclasses import dataclass
from typing import Literal

from integrations.numbers.phone_numbers import phone_number
from integrations.numbers.words import plain

State = Literal["none", "asking", "asked_again", "done"]
# Words that want the call, but without a number yet: the question once more, with an example.
_WANTS_CALL = {"ja", "jawel", "graag", "bel", "bellen", "nummer", "yes", "please", "call", "number"}
SOMETHING_ELSE_WORDS = 3
_NO = re.compile(
    r"^(nee|neen|nope|no|niet|liever niet|hoeft niet|nee dank (u|je)|nee bedankt|/deny)\b"
    r"|\b(ik bel (zelf|wel)|zelf bellen|geen nummer|niet bellen|niet gebeld|no thanks)\b"
    # English: "no thank you", "I will call myself", "don't call me", "not necessary".
    r"|^(not now|not necessary|rather not)\b"
    r"|\b(i ll|ill|i will|i can) call\b|\b(don t|dont|do not) call\b|\bno (phone )?number\b"
)


@dataclass(frozen=True)
class CallbackAnswer:
    """What the answer to the callback question means, and what the resident hears."""

    state: State
    phrases: list[str]
    number: str | None = None
    declined: bool = False
    to_rasa: bool = False  # not an answer to the question: the conversation goes on


def should_ask(state: State, office_open: bool, handed_over: bool, has_number: bool) -> bool:
    """Ask for a number after a handoff when nobody is at work and none is known yet."""
    return state == "none" and not office_open and handed_over and not has_number


def read_answer(state: State, text: str) -> CallbackAnswer:
    """The resident's answer while the question is open."""
    number = phone_number(text)
    if number is not None:
        return CallbackAnswer("done", ["utter_callback_kept"], number=number)
    said = " ".join(re.findall(r"[a-z/]+", plain(text)))
    if _NO.search(said):
        return CallbackAnswer("done", ["utter_callback_declined"], declined=True)
    words = said.split()
    if len(words) >= SOMETHING_ELSE_WORDS and not set(words) & _WANTS_CALL:
        # "ja graag een afspraak", "kost dat geld?": no answer to this question; the
        # conversation goes on with it (never "Dat is geen telefoonnummer").
        # The question stays open: after Rasa's answer it is asked once more (callbacks/chat.py).
        return CallbackAnswer("none", [], to_rasa=True)
    if state == "asking":
        return CallbackAnswer("asked_again", ["utter_callback_again"])
    return CallbackAnswer("done", [], to_rasa=True)


# "wanneer bellen jullie?", "hoe laat belt die medewerker?", "when will you call?": asked after
# a call was promised, about that call (Rasa reads it as "when are you open").
_WHEN_CALLED = re.compile(
    r"\b(?:wanneer|hoe laat|welke dag|hoelang|hoe lang)\b.{0,30}"
    r"\b(?:bellen|belt|bel|gebeld|terugbellen|terug bellen|contact)\b"
    r"|\bwhen\b.{0,20}\b(?:call|ring|contact)\b"
)


def asks_when_called(text: str) -> bool:
    """Whether the message asks when the promised call comes."""
    said = plain(text)
    # "wanneer kan ik jullie bellen?" asks when the resident may call: the opening hours.
    return bool(_WHEN_CALLED.search(said)) and not re.search(r"\b(?:kan|mag|moet) ik\b", said)
