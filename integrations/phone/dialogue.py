"""The few short talks the phone line holds itself, and what it remembers of its last
question. Pure: the state and the caller's answer go in, what to say and do comes out.

- A phone number, said in any grouping or in pieces, typed, or "het nummer waar ik nu mee
  bel": a spoken number is read back once and confirmed ("Klopt dat?"), a typed one is not.
  It is asked for Rasa's number questions and for a callback the line arranges itself.
- A callback: the number the caller gave, or the caller ID, is confirmed; a hidden number
  is asked for. Nobody is called back on a number nobody confirmed.
- A check: speech heard with low confidence is said back ("Zei u ...?"), not guessed.
"""

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from integrations.numbers.phone_numbers import (
    LENGTH,
    is_dutch_number,
    means_own_number,
    normalised,
    number_so_far,
)
from integrations.numbers.words import digit_words, plain

Expects = Literal["", "phone_number", "postcode", "house_number", "code"]
Purpose = Literal["rasa", "callback"]
MAX_TRIES = 2  # wrong read-backs before the line stops asking for the number
# Words without a number, a yes or a no, that say something else than the number asked for.
SAYS_SOMETHING_ELSE = 3


@dataclass(frozen=True)
class Asked:
    """The last question the caller heard: what was said, the menu and what it expects."""

    texts: list[str] = field(default_factory=list)
    menu: list[str] = field(default_factory=list)
    choices: dict[str, str] = field(default_factory=dict)
    expects: Expects = ""
    words: dict[str, str] = field(default_factory=dict)  # a choice said instead of pressed

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Asked":
        return cls(
            texts=list(data.get("texts", [])),
            menu=list(data.get("menu", [])),
            choices=dict(data.get("choices", {})),
            expects=data.get("expects", ""),
            words=dict(data.get("words", {})),
        )


@dataclass(frozen=True)
class Pending:
    """A talk of the line's own that is not finished."""

    kind: Literal["number", "check"]
    purpose: Purpose = "rasa"
    digits: str = ""  # a number given in pieces, so far
    candidate: str = ""  # a whole number, read back, waiting for "ja"
    offered: bool = False  # the candidate is the line's (caller ID, a number given before)
    tries: int = 0
    speech: str = ""  # the words to check
    before: dict[str, Any] = field(default_factory=dict)  # the question the check interrupts

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Pending":
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Said:
    """One phrase to say, with its placeholders."""

    name: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Next:
    """What the line does after an answer in one of its own talks."""

    say: list[Said] = field(default_factory=list)
    pending: Pending | None = None  # still talking: ask again (yes/no menu when confirming)
    number: str | None = None  # the number is known
    to_rasa: str | None = None  # not an answer to this talk: the words go on to Rasa
    gave_up: bool = False  # no number: the caller did not want to, or it did not work


_YES = {"ja", "jawel", "jazeker", "klopt", "goed", "prima", "zeker", "graag", "oke", "ok",
        "okee", "correct", "precies", "juist", "yes"}  # fmt: skip
_NO = {"nee", "neen", "nie", "niet", "geen", "fout", "no", "neuh", "verkeerd"}
YES, NO = "ja", "nee"  # the payloads of the line's own yes/no menu


# "je snapt me niet", "ik versta u niet": about understanding, not a no to the question.
_NOT_UNDERSTOOD = re.compile(
    r"\b(?:snap|snapt|begrijp|begrijpt|versta|verstaat|hoor|hoort|volg|volgt)"
    r"(?: (?:het|u|je|jou|me|mij|er|dat|de vraag|helemaal|echt|gewoon|nog steeds|totaal))*"
    r"(?: (?:niks|niets|niet|nie))\b"
    # "weet ik niet", "nee zo bedoel ik het niet": no answer to the question either
    r"|\b(?:ik )?weet (?:ik )?(?:het )?(?:niet|nie)\b|\bgeen idee\b"
    r"|\b(?:nee |neen )?(?:zo|dat) bedoel (?:ik|u|je) (?:het |dat )?(?:niet|nie)\b"
)


def yes_or_no(text: str) -> bool | None:
    """True for yes, False for no ("nee", "klopt niet"), None when it says neither ("je snapt
    me niet" is no "niet")."""
    words = re.findall(r"[a-z]+", _NOT_UNDERSTOOD.sub(" ", plain(text)))
    if not words:
        return None
    if any(w in _NO for w in words):
        return False
    if any(w in _YES for w in words):
        return True
    return None


def _confirm(candidate: str, state: Pending) -> Next:
    pending = Pending("number", state.purpose, candidate=candidate, tries=state.tries)
    return Next([Said("utter_phone_number_confirm", {"number": candidate})], pending)


def _ask_again(state: Pending, first: list[Said]) -> Next:
    tries = state.tries + 1
    if tries >= MAX_TRIES:
        return Next(first, gave_up=True)
    pending = Pending("number", state.purpose, tries=tries)
    return Next([*first, Said("utter_phone_number_again")], pending)


def number_answer(
    state: Pending, answer: str, keyed: bool, caller: str | None, hidden: bool = False
) -> Next:
    """One answer while the line asks for a phone number.

    `answer` is the words said, or the digits typed (`keyed`); `caller` is the caller ID as a
    Dutch number (None when it is `hidden`, or from abroad)."""
    if state.candidate and not keyed:
        verdict = yes_or_no(answer)
        if verdict is True and not number_so_far(answer):
            return Next(number=state.candidate)
        if verdict is False and not number_so_far(answer) and not state.offered:
            return _ask_again(state, [])  # the number heard was wrong: said again
        if verdict is False and not number_so_far(answer):
            # Not the number offered (or not safe to call): which one then.
            tries = state.tries + 1
            if tries >= MAX_TRIES:
                return Next(gave_up=True)
            pending = Pending("number", state.purpose, tries=tries)
            return Next([Said("utter_phone_ask_number")], pending)
    if not keyed and means_own_number(answer) and not number_so_far(answer):
        if caller:
            return Next(number=caller)  # the caller said it: confirmed
        pending = Pending("number", state.purpose, tries=state.tries)
        first = [Said("utter_phone_number_hidden")] if hidden else []
        return Next([*first, Said("utter_phone_number_say")], pending)
    fresh = answer if keyed else number_so_far(answer)
    if not fresh:
        if state.purpose == "rasa":
            return Next(to_rasa=answer)  # "geen nummer", "medewerker": Rasa's to read
        verdict = yes_or_no(answer)
        if verdict is False:
            return Next(gave_up=True)
        if verdict is None and len(re.findall(r"[a-z]+", plain(answer))) >= SAYS_SOMETHING_ELSE:
            # "ik wil hulp bij het schoonmaken" instead of a number: the caller talks about
            # something else; the conversation goes on with it, never a hang-up.
            return Next(to_rasa=answer)
        return _ask_again(state, [])
    digits = (state.digits if not state.candidate else "") + fresh
    whole = normalised(digits)
    if is_dutch_number(whole):
        return Next(number=whole) if keyed else _confirm(whole, state)
    if len(whole) < LENGTH and whole.startswith("0"):
        pending = Pending("number", state.purpose, digits=digits, tries=state.tries)
        return Next([Said("utter_phone_number_more", {"number": digit_words(digits)})], pending)
    return _ask_again(state, [Said("utter_phone_number_wrong")])


def callback_start(
    known: str | None, from_caller_id: bool, hidden: bool, ask_safe: bool = False
) -> Next:
    """How the line asks for the number to call back on: the number it knows, confirmed,
    else the question (after saying that the caller ID is hidden). With `ask_safe` (after a
    Veilig Thuis disclosure) the known number is asked about as safe to call, not only as
    right: "nee" asks for another number."""
    start = Pending("number", "callback")
    if known and from_caller_id:
        confirming = Pending("number", "callback", candidate=known, offered=True)
        own = "utter_phone_callback_own_safe" if ask_safe else "utter_phone_callback_own"
        return Next([Said(own)], confirming)
    if known and ask_safe:
        confirming = Pending("number", "callback", candidate=known, offered=True)
        return Next([Said("utter_phone_number_confirm_safe", {"number": known})], confirming)
    if known:
        return _confirm(known, start)
    first = [Said("utter_phone_number_hidden")] if hidden else []
    return Next([*first, Said("utter_phone_ask_number")], start)


def check_answer(state: Pending, answer: str) -> tuple[bool | None, str]:
    """After "Zei u ...?": True (go on with the words checked), False (ask again), or None
    (the answer is new words: go on with those)."""
    verdict = yes_or_no(answer)
    words = re.findall(r"[a-z]+", plain(answer))
    if verdict is not None and len(words) <= 3:
        return verdict, state.speech
    return None, answer
