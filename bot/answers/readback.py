"""The read-back of a direct intake (household help, aids) and the answers to "Klopt dit?".
Pure, no I/O.

After the questions the resident hears the answers back in their own perspective ("voor uw
moeder", never "voor mijn moeder") and "Klopt dit?". What a reply means:

- yes in its many ways ("ja hoor", "klopt", "jawel", "is goed", "yes"): the intake goes on;
- no ("nee", "klopt niet"): "Wat moet anders?";
- a correction, with or without "nee" ("nee het is voor mijn moeder", "mijn nummer is
  0612345678"): the answer readers of bot/answers/reading.py find which answer changes;
- no answer ("weet ik niet", a question back, something else): asked once more;
- leaving ("stop", "ik wil geen aanvraag"): as at every question of the form.

After a correction the changed line is read back once more with "Klopt het nu?"; never more.
What staff must check (the resident said something is not right and no correction settled it)
is a note in words for the case (`note_for_staff`).
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bot.answers.reading import (
    CALL_ME,
    CALL_SELF,
    DONT_KNOW_ANSWER,
    LEAVE,
    LEAVE_GOODBYE,
    LEAVE_TO_LEARN,
    NOT_GIVEN,
    answer_text,
    help_for,
    is_dont_know,
    is_question_back,
    leaves,
    plain,
    said_answers,
)

# The answers each read-back says, by the topic of the intake.
READBACK_FIELDS: dict[str, tuple[str, ...]] = {
    "household_help": ("help_needed", "help_for", "since_when"),
    "aids": ("aid_needed", "help_for", "since_when"),
}
# The answers a correction may change.
CORRECTABLE = (
    "help_needed",
    "aid_needed",
    "help_for",
    "since_when",
    "contact_preference",
    "phone_number",
)

# What the slots `readback_ok` and `readback_check` keep.
RIGHT = "ja"
WRONG = "nee"
UNSURE = "onduidelijk"

# Kinds of reply to "Klopt dit?" and "Wat moet anders?".
YES = "yes"
NO = "no"
CORRECTION = "correction"
NOTED = "noted"  # words about what is wrong that fit no answer: kept for staff
UNCLEAR = "unclear"  # "weet ik niet", a question back, or something else
LEAVING = frozenset({LEAVE, LEAVE_TO_LEARN, LEAVE_GOODBYE})

_YES_WHOLE = re.compile(
    r"(?:(?:eh+m?|uh+m?|euh|hm+|nou|oh|o|tja)\s+)*"
    r"(?:(?:ja|jaa|jah|jawel|jazeker|ja zeker|ja hoor|yes|yep|yeah|ok|oke|okee|okay|prima|"
    r"goed|is goed|dat is goed|helemaal goed|correct|precies|zeker|klopt|dat klopt|"
    r"het klopt|klopt helemaal|klopt wel|klopt precies|het klopt wel|dat klopt wel|"
    r"dat is het|that is right|"
    r"thats right|right|correct)\s*)+"
    r"(?:hoor|helemaal|wel|zo|allemaal|dank u|dank je|bedankt|thanks|hoor dank u)?"
)
_NO_WORDS = {"nee", "neen", "nope", "no", "fout", "verkeerd", "mis", "wrong", "incorrect"}
_NOT_RIGHT = re.compile(
    r"\b(?:klopt (?:niet|nie|niks|geen)|(?:niet|nie) (?:goed|juist|helemaal goed|correct)|"
    r"niet helemaal|iets klopt|iets anders|moet anders|not right|not correct|isnt right)\b"
)
# How long something is needed, in the resident's words ("al een jaar", "sinds vorige week").
_SINCE = re.compile(
    r"\b(?:(?:sinds|sind|vanaf|since) (?:een |een paar |twee |drie |\d+ )?\w+(?: \w+)?|"
    r"(?:al|for) (?:een |een paar |twee |drie |\d+ )?(?:kort|langer|lang|lange tijd|jaren|jaar|"
    r"maanden|maand|weken|week|dagen|a while|years?|months?|weeks?))(?: geleden)?\b"
)
# Where a correction turns: "niet voor mijn man maar voor mijn vader". What follows "niet",
# "geen" or "not" is what it is not for ("het is voor hem, niet voor mij").
_CLAUSES = re.compile(r"\b(maar|niet|nee|geen|but|not)\b")
_DENIED = frozenset({"niet", "geen", "not"})
# A change of mind at the read-back ("laat maar, ik wil toch geen hulp, mijn dochter doet het
# wel"): the request is withdrawn, whoever else is named.
_WITHDRAWN = re.compile(
    r"\b(?:(?:toch|eigenlijk) geen hulp|hoef (?:toch |eigenlijk )?geen hulp|"
    r"(?:dont|do not) need (?:the )?help (?:after all|anymore))\b"
)
# Someone named as the one to call ("u moet mijn dochter bellen op ..."), not as the one the
# help is for.
_TO_CALL = re.compile(
    r"\b(?:mijn|me|m|mn|mien) \w+ (?:bellen|opbellen|terugbellen|bereiken)\b|"
    r"\bbel (?:maar |dan )?(?:mijn|me|m|mn|mien) \w+\b|\bcall my \w+\b"
)
# "het was voor mijn moeder": the verb, not the laundry.
_LAUNDRY = re.compile(r"\b(?:wassen|wasse|strijken|strijke|de was|laundry)\b")
ENGLISH_RELATIONS = {
    "moeder": "mother", "vader": "father", "man": "husband", "vrouw": "wife",
    "zoon": "son", "dochter": "daughter", "buurman": "neighbour", "buurvrouw": "neighbour",
    "oma": "grandmother", "opa": "grandfather", "broer": "brother", "zus": "sister",
    "partner": "partner", "kind": "child", "ouders": "parents",
}  # fmt: skip
_MY_TO_YOUR = {
    "mijzelf": "uzelf",
    "mezelf": "uzelf",
    "mijn": "uw",
    "me": "uw",
    "mn": "uw",
    "m": "uw",
    "mien": "uw",
}


@dataclass(frozen=True)
class ReadbackReading:
    """What a reply to the read-back means: its kind, the answers it changes, and the words
    to keep for staff."""

    kind: str
    fixes: Mapping[str, str] = field(default_factory=dict)
    words: str | None = None


# "me" is "mijn" before a noun ("me moeder") and "mij" elsewhere: at the end, or before one of
# these words ("mijn rug vermoordt me gewoon" was said back as "... vermoordt uw gewoon").
_ME_AS_OBJECT_BEFORE = frozenset(
    [
        "nog", "gewoon", "echt", "niet", "nie", "wel", "al", "ook", "zo", "een", "eens", "maar",
        "te", "in", "op", "aan", "uit", "af", "bij", "mee", "toe", "na", "over", "helemaal",
        "dood", "kapot", "gek", "dat", "dan", "nu", "straks", "altijd", "steeds", "vaak", "soms",
        "heel", "erg", "zelf", "alleen", "niks", "niets", "pijn", "zorgen", "moe", "ziek",
        "bang", "rot", "beter", "slecht",
    ]
)  # fmt: skip


def _you(words: list[str], i: int) -> str:
    word = words[i]
    bare = word.lower().strip(",.!?;:")
    if bare in ("me", "mij") and (
        bare == "mij"
        or i + 1 == len(words)
        or words[i + 1].lower() in _ME_AS_OBJECT_BEFORE
        or word != word.rstrip(",.!?;:")
    ):
        return "u" + word[len(bare) :]
    return _MY_TO_YOUR.get(word.lower(), word)


def to_you(answer: str) -> str:
    """An answer as the assistant says it back: "voor mijn moeder" becomes "voor uw moeder",
    "het doet me pijn" becomes "het doet u pijn"."""
    if plain(answer) == DONT_KNOW_ANSWER:
        return "dat weet u niet"
    words = answer.split()
    return " ".join(_you(words, i) for i in range(len(words)))


def shown_phone(number: str) -> str:
    """A phone number in pairs, as people read and hear it: 06 12 34 56 78."""
    if not re.fullmatch(r"0\d{9}", number):
        return number
    return " ".join([number[:2], *(number[i : i + 2] for i in range(2, 10, 2))])


def to_you_in_english(answer: str) -> str:
    """Who the help is for, said back in English ("voor mijn mother" becomes "your mother")."""
    said = plain(answer)
    if said == DONT_KNOW_ANSWER:
        return "you do not know"
    if said in ("voor mijzelf", "voor mezelf"):
        return "yourself"
    if said == "voor iemand anders":
        return "someone else"
    mine = re.fullmatch(r"voor mijn (\w+)", said)
    return f"your {ENGLISH_RELATIONS.get(mine.group(1), mine.group(1))}" if mine else answer


def readback_values(answers: Mapping[str, object], language: str = "nl") -> dict[str, str]:
    """The placeholders of the read-back: each answer in the resident's perspective, and the
    phone number in pairs (`phone_shown`) when there is one to call."""
    say_back = to_you_in_english if language == "en" else to_you
    values = {
        slot: say_back(str(value))
        for slot, value in answers.items()
        if slot in CORRECTABLE and value not in (None, "")
    }
    number = str(answers.get("phone_number") or "")
    if re.fullmatch(r"0\d{9}", number):
        values["phone_shown"] = shown_phone(number)
    return values


# Labels of a changed line, as in the read-back texts (integrations/nlg/content/intake.yml).
_LABELS = {
    "nl": {
        "help_needed": "Hulp bij",
        "aid_needed": "Nodig",
        "help_for": "Voor wie",
        "since_when": "Sinds",
        "phone_number": "Wij bellen u op",
    },
    "en": {
        "help_needed": "Help with",
        "aid_needed": "Needed",
        "help_for": "For",
        "since_when": "Since",
        "phone_number": "We will call you on",
    },
}
_CONTACT = {
    "nl": {CALL_ME: "Wij bellen u.", CALL_SELF: "U belt zelf."},
    "en": {CALL_ME: "We will call you.", CALL_SELF: "You will call us yourself."},
}


def changed_lines(fixes: Mapping[str, str], language: str = "nl") -> str:
    """The answers a correction changed, as the assistant reads them back once more."""
    labels = _LABELS.get(language, _LABELS["nl"])
    contact = _CONTACT.get(language, _CONTACT["nl"])
    lines = []
    for slot in CORRECTABLE:
        value = fixes.get(slot)
        if not value:
            continue
        if slot == "contact_preference":
            if value in contact and "phone_number" not in fixes:
                lines.append(contact[value])
            continue
        say_back = to_you_in_english if language == "en" else to_you
        shown = shown_phone(value) if slot == "phone_number" else say_back(value)
        separator = " " if slot == "phone_number" else ": "
        lines.append(f"{labels[slot]}{separator}{shown}.")
    return " ".join(lines)


def changed_who(said: str, current: str) -> str | None:
    """Who the help is for, after a correction: the last one named that is not the one kept
    ("niet voor mijn man maar voor mijn vader" is for the father)."""
    pieces = _CLAUSES.split(said)  # text, turn word, text, turn word, text ...
    parts = [(pieces[0], "")] + [(pieces[i + 1], pieces[i]) for i in range(1, len(pieces) - 1, 2)]
    for part, turn in reversed(parts):
        if turn in _DENIED:
            continue
        who = help_for(part)
        if who and plain(who) != plain(current):
            return who
    return None


def since_in(said: str) -> str | None:
    """How long something is needed, when the message says so."""
    found = _SINCE.search(said)
    return found.group(0) if found else None


def fixes_in(text: str, answers: Mapping[str, object], fields: Iterable[str]) -> dict[str, str]:
    """The answers a message changes: each answer it gives that differs from the one kept."""
    wanted = [slot for slot in fields if slot in CORRECTABLE]
    found = said_answers(text, wanted)
    said = plain(text)
    if _TO_CALL.search(said):
        found.pop("help_for", None)
    elif "help_for" in wanted:
        who = changed_who(said, str(answers.get("help_for") or ""))
        if who:
            found["help_for"] = who
    if found.get("help_needed") == "wassen en strijken" and not _LAUNDRY.search(said):
        found.pop("help_needed")
    if "since_when" in wanted:
        since = since_in(said)
        if since:
            found["since_when"] = since
    if "phone_number" in found and "contact_preference" in wanted:
        found.setdefault("contact_preference", CALL_ME)
    if found.get("contact_preference") == CALL_ME and not (
        found.get("phone_number") or _has_number(answers)
    ):
        found.pop("contact_preference")  # a call needs a number: staff will ask for it
    elif "contact_preference" not in found and re.search(r"\b(?:ik bel zelf|zelf bellen)\b", said):
        found["contact_preference"] = CALL_SELF
    return {
        slot: value
        for slot, value in found.items()
        if plain(str(answers.get(slot) or "")) != plain(value)
    }


def _has_number(answers: Mapping[str, object]) -> bool:
    number = str(answers.get("phone_number") or "")
    return bool(number) and number != NOT_GIVEN


def is_yes(said: str) -> bool:
    return bool(_YES_WHOLE.fullmatch(said))


def is_no(said: str) -> bool:
    return bool(set(said.split()) & _NO_WORDS or _NOT_RIGHT.search(said))


def read_readback(
    text: str | None, answers: Mapping[str, object], fields: Iterable[str] = CORRECTABLE
) -> ReadbackReading:
    """What a reply to "Klopt dit?" (or "Klopt het nu?") means. `answers` are the answers the
    read-back said; `fields` the answers a correction may change."""
    text = text or ""
    said = plain(text)
    if _WITHDRAWN.search(said):
        return ReadbackReading(LEAVE)
    fixes = fixes_in(text, answers, fields)
    left = leaves(said)
    if left and not fixes:
        return ReadbackReading(left)
    if fixes:
        return ReadbackReading(CORRECTION, fixes=fixes, words=answer_text(text))
    if is_no(said):
        return ReadbackReading(NO)
    if is_yes(said):
        return ReadbackReading(YES)
    return ReadbackReading(UNCLEAR)


def read_correction(
    text: str | None, answers: Mapping[str, object], fields: Iterable[str] = CORRECTABLE
) -> ReadbackReading:
    """What a reply to "Wat moet anders?" means: the answers it changes, or words for staff
    that fit no answer, or no answer at all."""
    text = text or ""
    said = plain(text)
    if _WITHDRAWN.search(said):
        return ReadbackReading(LEAVE)
    fixes = fixes_in(text, answers, fields)
    if fixes:
        return ReadbackReading(CORRECTION, fixes=fixes, words=answer_text(text))
    left = leaves(said)
    if left:
        return ReadbackReading(left)
    if not said or is_dont_know(said) or is_question_back(text, said):
        return ReadbackReading(UNCLEAR)
    if is_yes(said) or said in ("nee", "niks", "niets", "nee niks", "nee niets"):
        return ReadbackReading(YES)  # nothing to change after all
    return ReadbackReading(NOTED, words=answer_text(text))


def note_for_staff(slots: Mapping[str, object]) -> str | None:
    """What the staff member must check, in words; None when the resident confirmed."""
    first = slots.get("readback_ok")
    if first in (None, RIGHT):
        return None
    if first == UNSURE:
        return "De inwoner zei niet of de antwoorden kloppen. Loop ze samen na."
    correction = slots.get("readback_correction")
    if slots.get("readback_fixed"):
        if slots.get("readback_check") == RIGHT:
            return None
        return "De inwoner zei dat na de verbetering nog iets niet klopt. Bel om het na te lopen."
    if correction in (None, NOT_GIVEN):
        return "De inwoner zei dat iets niet klopt, maar niet wat. Bel om het na te lopen."
    return "De inwoner zei dat iets niet klopt. Lees de eigen woorden en bel om het na te lopen."
