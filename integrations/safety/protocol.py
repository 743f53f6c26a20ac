"""The safety protocol across turns: what a resident hears after a signal, and what happens.

Pure: the state of one conversation, the message, the signal the detector found in it, the
channel and whether staff are there go in; the next state and a `Step` come out (texts by
phrase name, the case change, a phone transfer, and whether Rasa still hears the message).

- Suicidal thoughts: 113 at once (0800-0113, chat 113.nl), 112 when there is danger now; by
  phone a transfer to 113. "Ik durf niet te bellen" then gets 113's chat and a person.
- Danger now: 112. No place to sleep tonight: a person now when staff are there, else the
  night number (by phone a transfer to it); never a promise for "today" that nobody keeps.
- Violence: Veilig Thuis 0800-2000 (free, day and night, no name needed); by phone a transfer.
  In the chat "Bent u nu in gevaar?" follows: "ja" is 112 now and a person, "nee" is heard
  (the numbers stay), fear said after it gets Veilig Thuis and 112 again.
- An unclear signal ("ik kan niet meer"): one caring question, "Denkt u eraan om uzelf iets
  aan te doen?". "ja", "soms", "ja soms wel", "nee niet nu maar wel vaak" are yes; "weet ik
  niet" gets 113 gently; "nee" hands the conversation back; anything else is asked once more
  with the reason, then 113 is named and the conversation goes on.

A signal wins over every other flow in every turn; after the protocol has answered, the
conversation goes on with Rasa (a booking is still possible after a disclosure).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from integrations.cases.facts import speaks_of_self
from integrations.safety.lexicon import SafetySignal
from integrations.safety.normalise import plain_words

Stage = Literal["none", "asked", "suicide", "danger", "shelter", "violence"]
Channel = Literal["chat", "phone"]
Dial = Literal["suicide_prevention", "veilig_thuis", "aanmeldteam", "shelter_night"]
CRISIS_KINDS = ("suicide", "danger", "shelter")
# Answers that end with the question whether there is danger now (and 112).
DANGER_QUESTIONS = frozenset(
    {
        "utter_crisis_danger",
        "utter_crisis_danger_call",
        "utter_crisis_danger_chat",
        "utter_crisis_danger_now",
        "utter_crisis_danger_now_other",
        "utter_veilig_thuis_person",
        "utter_veilig_thuis_person_other",
    }
)
# "nee" to that question: no danger now; the numbers stay, and the conversation goes on.
# "no not right now he is at work": a "nee" of this many words at most answers "Bent u nu in
# gevaar?"; a longer one may carry a new question, and Rasa reads it.
NO_DANGER_WORDS = 10
# The signal of "ja" (or "soms") to the caring question.
ANSWERED_YES = "ja op de vraag naar zelfdoding"
# A message of this many words that raised the caring question asked for something else too.
HELD_WORDS = 6
# After a disclosure: the numbers stay (the same signal again, or Rasa not understanding).
STAY = {
    "violence": "utter_veilig_thuis_stay",
    "suicide": "utter_safety_stay",
    "danger": "utter_danger_stay",
    "shelter": "utter_shelter_stay",
}
# After a disclosure the protocol stays, until the resident clearly asks for something else:
# Rasa's classifier reads one of these requests, this sure. "hallo?", "ok", "wat moet ik nu
# doen", "ik ben zo moe" or "ik heb ook twee kinderen bij me" never bring back a greeting, a
# form or the times offered before (see `stays`).
CLEAR_REQUESTS = frozenset(
    {
        "ask_household_help", "ask_aids", "book_appointment", "ask_appointment",
        "change_appointment", "cancel_appointment", "ask_person", "info_wmo", "info_costs",
        "info_opening_hours", "info_where_buurtteam", "info_duration", "info_buurtteam",
        "money_worries", "paperwork", "housing_trouble", "day_activities", "addiction",
        "goodbye",
    }
)  # fmt: skip
REQUEST_CONFIDENCE = 0.8
# "ja" to a person after a disclosure while nobody is at work: who is there now, and a call.
PERSON_CLOSED = {
    "violence": "utter_person_closed_violence",
    "suicide": "utter_person_closed_suicide",
    "danger": "utter_person_closed_danger",
}
DANGER_UNSURE = {
    "suicide": "utter_danger_unsure_suicide",
    "violence": "utter_danger_unsure_violence",
    "danger": "utter_danger_unsure",
}
NO_DANGER_NOW = {
    "suicide": "utter_safety_no_danger_suicide",
    "violence": "utter_veilig_thuis_no_danger",
    "danger": "utter_danger_no_danger",
}


@dataclass(frozen=True)
class SafetyState:
    stage: Stage = "none"
    asked: int = 0  # how often the caring question was asked in a row
    helps: int = 0  # messages in a row that only say "help"
    # The last answer asked "Is er nu gevaar? Bel dan 112.": a "ja" now answers that question.
    danger_asked: bool = False
    # The message that raised the caring question, when it also asked for something ("help
    # voor mijn moeder, ze kan het niet meer aan"): after "nee" the assistant answers it.
    held: str = ""
    # By phone: put through once already because the caller fell silent (silent_dial).
    silent_dialled: bool = False
    # After the disclosure the resident clearly asked for something else (`asks_clearly`):
    # the conversation goes on with Rasa (a booking, an intake), until a new signal.
    moved_on: bool = False
    # In the chat, after Veilig Thuis: a number was given and the assistant asked whether a
    # call on it is safe (cases/contact_reply.py); the next message answers that.
    call_safe_asked: bool = False
    # The disclosure was about someone else ("mijn dochter wil niet meer leven"): what comes
    # after is for a worried parent or friend, not for the one at risk.
    about_other: bool = False
    # Danger now by violence ("mijn vriend staat met een mes voor de deur"): a caller who
    # falls silent after it may be unable to speak, and is put through to Veilig Thuis.
    violent: bool = False


@dataclass(frozen=True)
class CaseChange:
    route: str | None
    urgency: str
    topic: str | None
    signal: SafetySignal
    words: str
    handoff_reason: str | None


@dataclass(frozen=True)
class Step:
    """What the gateway does with this turn."""

    phrases: list[str] = field(default_factory=list)
    case: CaseChange | None = None
    dial: Dial | None = None
    to_rasa: bool = False  # Rasa answers this message (the protocol said nothing)
    rasa_text: str | None = None  # what Rasa answers instead of this message (a held one)
    interrupt: bool = False  # end whatever form Rasa was in
    quick_exit: bool = False
    # "kunnen we verder?" after the numbers: Rasa goes on with what the resident came for
    # (the gateway knows the case's topics; guard.py), or asks what it is.
    resume: bool = False
    # The answer to "Is het veilig als wij u op dit nummer bellen?", for the case's safe
    # contact (guard.py), in the resident's words or as the assistant read them.
    call_safe: str | None = None
    # Nobody at work: the line asks where to call back (phone/router.py), the chat asks for
    # a number (chat/router.py, where its own text does not already ask for one).
    callback: bool = False


_YES = {"ja", "jawel", "soms", "vaak", "wel", "eigenlijk", "beetje", "misschien", "yes",
        "sometimes", "yeah", "ja hoor", "best wel", "af en toe", "elke dag", "yep", "maybe",
        "often", "kind of", "sort of", "a bit", "a little", "every day"}  # fmt: skip
_NO = {"nee", "neen", "nope", "no", "niet", "nooit", "never", "nee hoor", "helemaal niet"}
_UNSURE = re.compile(r"\b(weet (ik )?(het )?niet|geen idee|weet niet|twijfel|dont know|not sure)\b")
_CANNOT_CALL = re.compile(
    r"\b(durf|kan|wil|lukt)\b.{0,20}\b(niet|nie)\b.{0,12}\b(bellen|praten|telefoon)\b"
    r"|\b(bellen|praten)\b.{0,12}\b(durf|kan|wil|lukt)\b.{0,12}\b(niet|nie)\b"
    r"|\bbang\b.{0,12}\b(bellen|praten)\b"
    r"|\b(liever|alleen|wil)\b.{0,12}\b(chatten|typen|schrijven)\b"
    r"|\b(cant|cannot|can not|dont|do not|wont|dont dare|afraid|scared|too scared|unable|not able)"
    r"\b.{0,14}\b(call|calling|phone|ring|talk)\b"
    r"|\b(rather|only|prefer to|prefer|want to)\b.{0,10}\b(chat|type|text|write)\b"
    r"|\b(ook|hier|kan ik|mag ik|can i|is there)\b.{0,12}\b(chatten|chat|typen)\b"
)
# A question about the person who was asked to come.
_ASKS_PERSON = re.compile(
    r"\b(wanneer|hoe lang|hoelang|waar blijft|komt er|is er|duurt)\b.{0,30}"
    r"\b(medewerker|iemand|persoon|mens|hulpverlener)\b"
    r"|\b(medewerker|iemand|persoon)\b.{0,20}\b(komt|komen|eraan|er aan)\b"
    r"|\b(when|how long)\b.{0,30}\b(staff|someone|somebody|person)\b"
)
# Questions about Veilig Thuis or 113 after their number was given.
_ASKS_ABOUT_VEILIG_THUIS = re.compile(
    r"^(?:wat|wie|moet|mag|kan|kunnen|gaan|gaat|vertellen|vertelt|komen|komt|is|wordt|doen|doet|"
    r"weet|hoe|what|who|do|does|will|can|must|is)\b.*"
    r"\b(?:veilig thuis|mijn naam|naam zeggen|anoniem|doorvertellen|vertellen|aan mijn man|aan hem|"
    r"aan haar|politie|my name|anonymous|tell him|tell my)\b"
)
_ASKS_ABOUT_113 = re.compile(
    r"\b(?:wat|wie|hoe|is|kost|what|who|is it)\b.*\b113\b"
    r"|\b113\b.*\b(?:wat is|gratis|anoniem|free)\b"
)
# "er is geen gevaar", "ik ben veilig": no danger now.
_NO_DANGER = re.compile(
    r"\b(?:geen gevaar|niet in gevaar|niet gevaarlijk|"
    r"(?:ik ben|we zijn|wij zijn|ben ik|zijn we) (?:nu |nu wel |hier |weer |al |inmiddels |wel )*"
    r"veilig|(?:het )?gevaar is (?:nu )?(?:voorbij|weg)|i am safe|im safe|i m safe|"
    r"we are safe|not in danger|no danger)\b"
)
# "het gaat nu al lang goed met me": no thoughts of harming oneself now.
_GOING_WELL = re.compile(
    r"^(?:nee |no )?(?:hoor )?(?:het |t )?gaat "
    r"(?:(?:nu|al|lang|weer|echt|heel|best) )*(?:goed|prima|beter)\b"
    r"|^(?:no |nee )?(?:i am|im|i m) (?:fine|ok|okay|doing well|good)\b"
)
_HELP_ONLY = re.compile(
    r"^((help|hulp|helpen|sos|please|alsjeblieft|alstublieft|aub|pls|me|mij|nou|toch|ik|wil|nodig|"
    r"heb|iemand|snel|nu)\s?)+$"
)
# A plain yes, after the numbers were given: the answer to "Wilt u met een medewerker praten?"
# that ends the texts that stay (utter_safety_stay, utter_veilig_thuis_stay).
_PLAIN_YES = re.compile(
    r"^(ja|jaa|jawel|ja graag|graag|ja hoor|ja please|ja dat wil ik|ja ok|ok ja|oke ja|yes|"
    r"yes please|yeah|ja een medewerker|ja graag een medewerker)$"
)
PERSON_PAYLOAD = "/ask_person"
# "kunnen we verder?", "ga maar door", "let's continue": after the numbers, back to what the
# resident came for. Not after no place to sleep tonight: that stays the need.
_GO_ON = re.compile(
    r"^(?:(?:ok|oke|okay|goed|ja|nou|dank u|dank je|bedankt|thanks|fijn|prima)\s)*"
    r"(?:(?:kunnen|kan|mogen|mag|zullen|gaan) (?:we|wij|ik) (?:nu |dan |nog |weer |toch )*"
    r"(?:verder|door)(?: ?gaan)?"
    r"|(?:ga|gaat u|gaan we) (?:maar |nu |dan |toch )*(?:verder|door)"
    r"|(?:ik wil |wil )?(?:graag )?(?:verder|doorgaan|verder gaan)"
    r"|(?:can|shall) we (?:go on|continue|carry on)|let'?s (?:go on|continue)|continue"
    r"|(?:i want to |i'd like to )?(?:go on|continue))"
    r"(?: (?:met|with) (?:de|het|mijn|the|my)"
    r" (?:vragen|vraag|aanvraag|afspraak|questions|request))?"
    r"(?: (?:alstublieft|graag|please))?$"
)
GO_ON_STAGES = ("violence", "suicide", "danger")
# "ik wil wel die afspraak", "kan de afspraak toch doorgaan?" after a disclosure.
_BOOKING_AGAIN = re.compile(
    r"\b(?:wil|wel|toch|nog|graag|kan|mag|maak|maken|doorgaan|houden)\b.{0,30}\bafspraak\b"
    r"|\bafspraak\b.{0,30}\b(?:maken|doorgaan|houden|graag|toch|nog)\b"
    r"|\b(?:still|want|book|keep)\b.{0,20}\bappointment\b"
)
# "kunnen jullie mij bellen?", "ik wil dat iemand mij belt" after Veilig Thuis in the chat.
_CALL_ME = re.compile(
    r"\b(?:kunnen|kan|wil|willen|zou) (?:jullie|u|iemand|een medewerker|die) (?:mij|me)"
    r" (?:\w+ )?(?:terug ?bellen|bellen|opbellen)\b"
    r"|\b(?:iemand|een medewerker|jullie|u) (?:mij|me) (?:\w+ )?(?:terug ?belt|belt|bellen)\b"
    r"|\bgebeld worden\b|^(?:bel|belt u) (?:mij|me)(?: (?:terug|maar|even|aub|alstublieft))*$"
    r"|\b(?:can|could) (?:you|someone|somebody) (?:call|ring) me\b|\bcall me\b"
)
# "kunnen jullie de politie sturen?", "bel de politie", "can you call the police".
_ASKS_POLICE = re.compile(
    r"\b(?:politie|agent\w*|ambulance|hulpdiensten|112)\b.{0,20}"
    r"\b(?:sturen|bellen|komen|waarschuwen|bellen)\b"
    r"|\b(?:stuur|bel|sturen|bellen|waarschuw)\w* (?:jullie |u |even |nu )*"
    r"(?:de |een )?(?:politie|ambulance|112)\b"
    r"|\b(?:send|call) (?:the )?(?:police|ambulance)\b"
)
# The answer to "Is het veilig als wij u op dit nummer bellen?".
_NOT_SAFE_TO_CALL = re.compile(
    r"^(?:nee|neen|no|liever niet|beter niet)\b|\bniet (?:veilig|bellen|op dit nummer)\b"
    r"|\b(?:nooit|niet) bellen\b|\bnot safe\b|\bdon'?t call\b|\bdo not call\b"
)
_SAFE_TO_CALL = re.compile(
    r"^(?:ja|jawel|yes|yeah|ok|oke|prima|goed|dat kan|is goed|is veilig|veilig)\b"
    r"|\b(?:overdag|ochtend|s ?ochtends|middag|s ?middags|avond|s ?avonds|maandag|dinsdag"
    r"|woensdag|donderdag|vrijdag|zaterdag|zondag|weekend|werkdag\w*|doordeweeks"
    r"|alleen als|als hij|als zij|als ze|when he|when she)\b|\b\d{1,2}(?:[.:]\d{2})? ?uur\b"
)
_THANKS = re.compile(
    r"^((ok|oke|okay|oké|goed|dank|dank je|dank u|dankjewel|bedankt|thanks|thank you|wel)\s?)+$"
)


def read_answer(text: str) -> Literal["yes", "no", "unsure", "other"]:
    """The answer to "Denkt u eraan om uzelf iets aan te doen?"."""
    if text == "/crisis_suicidal":
        return "yes"
    if text in ("/deny",):
        return "no"
    words = plain_words(text)
    said = " ".join(words)
    if _UNSURE.search(said):
        return "unsure"
    if not words:
        return "other"
    # "nee niet nu maar wel vaak": what comes after "maar" counts.
    if "maar" in words or "but" in words:
        cut = words.index("maar") if "maar" in words else words.index("but")
        after = words[cut + 1 :]
        if any(w in _YES for w in after) or "denk" in after:
            return "yes"
    if words[0] in _NO or said in _NO or _GOING_WELL.search(said):
        return "no"
    if words[0] in _YES or said in _YES or (len(words) <= 4 and any(w in _YES for w in words)):
        return "yes"
    return "other"


def read_danger_answer(text: str) -> Literal["yes", "no", "unsure", "other"]:
    """The answer to "Bent u nu in gevaar?". Unlike the caring question, a "nee" first is a
    no, whatever follows: "nee ik doe niks, maar het zit me wel hoog" is no danger now."""
    words = plain_words(text)
    if words and (words[0] in _NO or " ".join(words[:2]) in _NO):
        return "no"
    if _NO_DANGER.search(" ".join(words)):
        return "no"
    if words and words[0] in _YES:
        return "yes"  # "ja hij is weg en ik weet niet waar"
    return read_answer(text)


# Someone else named ("ze is 14 en ik zag dat ze zichzelf snijdt", "mijn zoon zegt dat hij dood
# wil"); phone speech that drops "ik" ("wil niet meer leven") names nobody else and is the
# caller's own.
_THIRD_PERSON = re.compile(
    r"\b(?:hij|zij|ze|zichzelf|mijn (?:dochter|zoon|kind|vriend|vriendin|moeder|vader|man|"
    r"vrouw|broer|zus|partner|buurman|buurvrouw|leerling|collega)|een (?:leerling|vriend|"
    r"vriendin|collega)|my (?:daughter|son|friend|mother|father|husband|wife)|he|she)\b"
)


# In English the resident's own "I": when in doubt, the words are the resident's own.
_FIRST_PERSON_EN = re.compile(r"\b(?:i|im|myself|me|my life)\b")


# What the resident owns, taken or watched ("mijn partner houdt al mijn geld en mijn bankpas",
# "my husband checks my phone"): the resident is the one controlled.
_OWN_THINGS = re.compile(
    r"\b(?:mijn|m n|mn|my) (?:geld|bankpas|pinpas|telefoon|mobiel|paspoort|spullen|sleutels|"
    r"berichten|post|uitkering|loon|salaris|rekening|phone|money|bank card|messages|keys|"
    r"passport|account)\b"
)


def _about_someone_else(text: str) -> bool:
    """The words name someone else at risk and say nothing of the resident's own."""
    said = " ".join(plain_words(text))
    return (
        _THIRD_PERSON.search(said) is not None
        and _FIRST_PERSON_EN.search(said) is None
        and _OWN_THINGS.search(said) is None
        and not speaks_of_self(text)
    )


def _answer_to(
    kind: str,
    channel: Channel,
    office_open: bool,
    violence: bool = False,
    about_other: bool = False,
) -> tuple[list[str], Dial | None]:
    """The texts and the phone transfer for a signal. Danger from violence at home (a partner
    at the door with a knife) is 112 first, and Veilig Thuis for afterwards. Suicidal
    thoughts of someone else (`about_other`: a parent, a friend) get 113 for the one who
    worries, and the danger question about that person; so does violence against someone
    else (a child, a sister)."""
    if kind == "danger" and violence:
        if channel == "phone":
            return ["utter_crisis_danger_call", "utter_veilig_thuis_after"], (
                "aanmeldteam" if office_open else None
            )
        return ["utter_crisis_danger_chat", "utter_veilig_thuis_after", "utter_danger_person"], None
    if kind == "suicide":
        told = "utter_crisis_suicide_other" if about_other else "utter_crisis_suicide"
        if channel == "phone":
            return [told], "suicide_prevention"
        now = "utter_crisis_danger_now_other" if about_other else "utter_crisis_danger_now"
        return [told, now, "utter_safety_person"], None
    if kind == "danger":
        # "Bel nu meteen 112" without an "if" (someone who does not respond is danger now);
        # by phone who cannot call stays on the line and is put through to a person. In the
        # chat no 113 for a danger that may be violence.
        if channel == "phone":
            return ["utter_crisis_danger_call"], "aanmeldteam" if office_open else None
        return ["utter_crisis_danger_chat", "utter_danger_person"], None
    if kind == "shelter":
        if channel == "phone" and not office_open:
            # At night by phone: put through to the police's non-emergency number, who know
            # where to sleep tonight (never a number said once and then the menu).
            return ["utter_crisis_shelter_night"], "shelter_night"
        return ["utter_crisis_shelter"], (
            "aanmeldteam" if channel == "phone" and office_open else None
        )
    if channel == "phone":
        return ["utter_veilig_thuis"], "veilig_thuis"
    # "mijn man slaat onze zoon", "mijn zus wordt geslagen": whether that person is in danger.
    person = "utter_veilig_thuis_person_other" if about_other else "utter_veilig_thuis_person"
    return ["utter_veilig_thuis", person], None


def _call_safe_step(said: str, text: str) -> Step | None:
    """The answer to "Is het veilig als wij u op dit nummer bellen?"; None when the message
    is about something else."""
    if _UNSURE.search(said):
        return Step(["utter_call_not_safe"], call_safe=f"weet niet of bellen veilig is: {text}")
    if _NOT_SAFE_TO_CALL.search(said):
        return Step(["utter_call_not_safe"], call_safe=f"bellen is niet veilig: {text}")
    if _SAFE_TO_CALL.search(said):
        return Step(["utter_call_safe_noted"], call_safe=f"bellen is veilig: {text}")
    return None


def _disclosure(kind: str, signal: SafetySignal, words: str) -> CaseChange:
    if kind == "violence":
        return CaseChange("veilig_thuis", "acuut", "violence", signal, words, "veilig_thuis")
    return CaseChange("crisis", "acuut", kind, signal, words, "crisis")


def _signal_step(
    state: SafetyState, text: str, signal: SafetySignal, channel: Channel, office_open: bool
) -> tuple[SafetyState, Step]:
    kind = signal.kind
    if kind == "unclear":
        if state.stage == "violence":
            # "ik ben bang" after Veilig Thuis: Veilig Thuis and 112 again, not 113.
            return state, Step(["utter_veilig_thuis_stay"], to_rasa=False)
        if state.stage in ("suicide", "danger", "shelter"):
            # Numbers were given already: say they are still there, do not ask again.
            return state, Step(["utter_safety_stay"], to_rasa=False)
        change = CaseChange(None, "hoog", None, signal, text, None)
        held = text if len(plain_words(text)) >= HELD_WORDS else ""
        # A message that also asks for something ("doe maar woensdag, als ik er dan nog ben")
        # leaves the form or booking as it is: after "nee" it answers the question it was
        # asked for (it ended the booking and got "Sorry, dat begreep ik niet goed"). A "ja"
        # or "weet ik niet" ends it then.
        return SafetyState("asked", 1, held=held), Step(
            ["utter_safety_check"], change, interrupt=not held
        )
    if kind == state.stage and kind in ("violence", "suicide") and channel == "chat":
        # The same again in other words ("nee hij weet niet dat ik dit doe"): the numbers stay,
        # not the whole first answer again ("Wat goed dat u dit vertelt").
        return state, Step([STAY[kind]], _disclosure(kind, signal, text), quick_exit=True)
    # "ja" to the caring question is the resident's own answer, whoever else it names.
    about_other = signal.phrase != ANSWERED_YES and _about_someone_else(text)
    phrases, dial = _answer_to(kind, channel, office_open, "violence" in signal.also, about_other)
    asked = any(p in DANGER_QUESTIONS for p in phrases)
    violent = kind == "danger" and "violence" in signal.also
    after = SafetyState(kind, danger_asked=asked, about_other=about_other, violent=violent)  # type: ignore[arg-type]
    return after, Step(
        phrases, _disclosure(kind, signal, text), dial, interrupt=True, quick_exit=True
    )


HELPS_TO_A_PERSON = 3
HELP_PERSON = "utter_safety_help_person"
# The handoff's reason after "help" three times: when nobody is at work, the resident is asked
# for a number to call back (chat: callbacks/chat.py; phone: the callback question).
HELP_REASON = "vraagt steeds om hulp"


def _help_again(
    state: SafetyState, channel: Channel, office_open: bool
) -> tuple[SafetyState, Step]:
    """ "help" alone: the first time Rasa answers; the second time a short safety check; the
    third time a person (by phone a transfer when staff are there), never a loop."""
    helps = state.helps + 1
    now = replace(state, helps=helps)
    if helps == 1:
        return now, Step(to_rasa=True)
    if helps == 2:
        return now, Step(["utter_safety_help_check"])
    # At night the person is a call back, asked for a number (chat and phone routers).
    callback = not office_open
    if helps > HELPS_TO_A_PERSON:
        # A fourth "help": a person still, never the intake from the start again.
        return now, Step([HELP_PERSON], callback=callback)
    signal = SafetySignal("unclear", "drie keer alleen om hulp gevraagd")
    change = CaseChange(None, "hoog", None, signal, "help (drie keer)", HELP_REASON)
    dial: Dial | None = "aanmeldteam" if channel == "phone" and office_open else None
    return now, Step([HELP_PERSON], change, dial, interrupt=True, callback=callback)


def _cannot_call(state: SafetyState, said: str) -> bool:
    return state.stage in ("suicide", "violence") and _CANNOT_CALL.search(said) is not None


def _no_call_step(state: SafetyState, channel: Channel) -> Step:
    """Afraid or unable to call: the chat of 113, or of Veilig Thuis (its text has the button
    to a person; not the 113 text of utter_safety_person); never a promise."""
    if state.stage == "violence":
        return Step(["utter_veilig_thuis_chat"])
    person = ["utter_safety_person"] if channel == "chat" else []
    return Step(["utter_crisis_chat", *person])


def step(
    state: SafetyState,
    text: str,
    signal: SafetySignal | None,
    channel: Channel,
    office_open: bool,
) -> tuple[SafetyState, Step]:
    """The protocol's answer to one message."""
    said = " ".join(plain_words(text))
    if state.call_safe_asked:
        state = replace(state, call_safe_asked=False)
        call_safe = _call_safe_step(said, text) if signal is None else None
        if call_safe is not None:
            return state, call_safe
    if state.danger_asked:
        state = replace(state, danger_asked=False)
        if _cannot_call(state, said) and (signal is None or signal.by_meaning):
            # "nee ik wil niet bellen mijn vader hoort het dan": no "no danger now", but a way
            # that needs no call.
            return state, _no_call_step(state, channel)
        # "ja hij is nu thuis", "nee hij is weg": the meaning reader hears the same violence
        # again in the answer; new words of the lexicon still count as a new signal.
        again = signal is not None and signal.kind in (state.stage, "unclear") and signal.by_meaning
        answer = read_danger_answer(text) if signal is None or again else "other"
        if answer == "yes":
            # "ja" to "Is er nu gevaar?": 112 now (by phone: hang up and call it), and in the
            # chat a person; never the menu, never back to the question of a form.
            person = "utter_safety_person" if state.stage == "suicide" else "utter_danger_person"
            return state, Step(
                ["utter_safety_danger_yes", *([person] if channel == "chat" else [])]
            )
        if (
            answer == "no"
            and state.stage in NO_DANGER_NOW
            and len(plain_words(text)) <= NO_DANGER_WORDS
        ):
            # "nee nu niet, hij is weg": heard, the numbers stay; not read by a form as an answer.
            return state, Step([NO_DANGER_NOW[state.stage]])
        if answer == "unsure" and state.stage in DANGER_UNSURE:
            # "weet ik niet" to "Bent u nu in gevaar?": not alone with the doubt (it got "Ik
            # ben er nog", the same numbers again).
            return state, Step([DANGER_UNSURE[state.stage]])
    if signal is None and state.stage != "asked" and _HELP_ONLY.match(said) and "help" in said:
        if state.stage == "suicide":
            return state, Step(["utter_safety_stay"])
        if state.stage != "none":  # the numbers were given: now a person, never a loop
            return state, Step([HELP_PERSON])
        return _help_again(state, channel, office_open)
    if state.helps:
        state = replace(state, helps=0)
    if state.stage == "asked":
        answer = read_answer(text)
        if signal is not None and signal.kind != "unclear" and answer != "no":
            return _signal_step(state, text, signal, channel, office_open)
        answered = f"op de vraag of u eraan denkt uzelf iets aan te doen: {text}"
        if answer == "yes":
            yes = SafetySignal("suicide", ANSWERED_YES)
            return _signal_step(state, answered, yes, channel, office_open)
        if answer == "unsure":
            unsure = SafetySignal("suicide", "weet niet op de vraag naar zelfdoding")
            change = CaseChange("crisis", "acuut", "suicide", unsure, answered, "crisis")
            dial: Dial | None = "suicide_prevention" if channel == "phone" else None
            phrases = ["utter_safety_unsure", *([] if dial else ["utter_safety_person"])]
            return SafetyState("suicide"), Step(
                phrases, change, dial, interrupt=True, quick_exit=True
            )
        if answer == "no" or text in ("/domestic_violence", "/ask_person"):
            if text == "/domestic_violence":
                violence = SafetySignal("violence", "knop: ik ben bang voor iemand")
                return _signal_step(state, text, violence, channel, office_open)
            if text == "/ask_person":
                return SafetyState(), Step(to_rasa=True)
            if state.held:
                # "nee": the question the message also asked is answered now, by Rasa.
                return SafetyState(), Step(["utter_safety_check_no"], to_rasa=True,
                                           rasa_text=state.held)  # fmt: skip
            return SafetyState(), Step(["utter_safety_check_no", "utter_how_can_i_help"])
        if state.asked < 2:
            return replace(state, asked=state.asked + 1), Step(["utter_safety_check_again"])
        return SafetyState(), Step(["utter_safety_numbers"], to_rasa=True)
    if (
        channel == "chat"
        and state.stage == "danger"
        and _CANNOT_CALL.search(said)
        and (signal is None or signal.by_meaning or signal.kind == "violence")
    ):
        # "ik durf niet te bellen hij hoort mij" after 112, in the chat: not a new answer
        # about violence that tells her to call, but this chat and the person asked for.
        return state, Step(["utter_danger_no_call"])
    if signal is not None:
        return _signal_step(state, text, signal, channel, office_open)
    if _cannot_call(state, said):
        return state, _no_call_step(state, channel)
    if (
        channel == "chat"
        and state.stage in (*CRISIS_KINDS, "violence")
        and _ASKS_PERSON.search(said)
    ):
        # "wanneer komt die medewerker dan?": about the person asked for, not an appointment.
        return state, Step(["utter_safety_person_coming"])
    if state.stage in PERSON_CLOSED and not state.moved_on and _PLAIN_YES.match(said):
        # "ja" to "Wilt u met een medewerker praten?" after a disclosure. By phone: put
        # through, or at night a callback (it was "Ik ben er nog" again and again). In the
        # chat at night: who is there now, and a number to call back (it was "Nu zijn er
        # geen medewerkers" and then nothing).
        if channel == "phone":
            if office_open:
                return state, Step(dial="aanmeldteam")
            return state, Step([PERSON_CLOSED[state.stage]], callback=True)
        if not office_open:
            return state, Step([PERSON_CLOSED[state.stage]])
    if (
        channel == "chat"
        and state.stage in (*CRISIS_KINDS, "violence")
        and not state.moved_on
        and _PLAIN_YES.match(said)
    ):
        # "ja" to "Wilt u met een medewerker praten?": a person, as the button asks (at night
        # the answer says when one is there); never the same question again. Once the
        # resident went on with something else ("kan ik toch de afspraak maken?"), a "ja"
        # answers that ("Zal ik de afspraak voor u maken?").
        return state, Step(to_rasa=True, rasa_text=PERSON_PAYLOAD)
    if state.stage in ("danger", "violence") and _ASKS_POLICE.search(said):
        # "kunnen jullie de politie sturen?": the assistant cannot; who can, and how.
        return state, Step(["utter_safety_no_police"])
    if state.stage == "violence" and _ASKS_ABOUT_VEILIG_THUIS.search(said):
        # "moet ik mijn naam zeggen?", "vertellen zij het aan mijn man?": answered.
        return state, Step(["utter_veilig_thuis_about"])
    if state.stage == "suicide" and _ASKS_ABOUT_113.search(said):
        return state, Step(["utter_113_about"])
    if (
        state.stage in NO_DANGER_NOW
        and _NO_DANGER.search(said)
        and len(plain_words(text)) <= NO_DANGER_WORDS
    ):
        # "nee ik ben nu veilig hij is weg", unasked (by phone after Veilig Thuis did not
        # answer): heard, not "Ik ben er nog" as if nothing was said.
        return state, Step([NO_DANGER_NOW[state.stage]])
    if state.stage in GO_ON_STAGES and not state.moved_on and _BOOKING_AGAIN.search(said):
        # "ik wil wel die afspraak": the booking goes on (Rasa reads it), whatever the
        # classifier's doubt about so few words.
        return replace(state, moved_on=True), Step(to_rasa=True)
    if state.stage in GO_ON_STAGES and _GO_ON.match(said):
        # "kunnen we verder?" after Veilig Thuis: the form the disclosure ended goes on (it
        # was "Ik ben er nog" to every answer after it, a loop).
        return replace(state, moved_on=True), Step(to_rasa=True, resume=True)
    if channel == "chat" and state.stage == "violence" and _CALL_ME.search(said):
        # "kunnen jullie mij bellen?" after Veilig Thuis: yes, with the number and when
        # calling is safe (it got the opening hours, or "Ik ben er nog").
        return state, Step(["utter_veilig_thuis_call_me"])
    if channel == "chat" and state.stage == "shelter":
        # "ik heb geen familie hier": tonight's place to sleep stays the need (the words go to
        # the case for the person); never a new intake about something else.
        return state, Step(["utter_shelter_waiting"])
    if state.stage == "suicide" and _THANKS.match(" ".join(plain_words(text))):
        return state, Step(["utter_safety_stay"])
    return state, Step(to_rasa=True)


# By phone, a caller in the protocol who falls silent (the caring question, 113, Veilig Thuis)
# may be unable to speak, not gone: once, the line that helps is tried before any goodbye.
SILENT_DIALS: dict[str, Dial] = {
    "asked": "suicide_prevention",
    "suicide": "suicide_prevention",
    "violence": "veilig_thuis",
}


def silent_dial(state: SafetyState) -> tuple[SafetyState, Dial | None]:
    """The line to put a silent caller through to (once per call), or None. Danger now by
    violence (a knife at the door) is Veilig Thuis too: the caller told to hang up and call
    112 who stays on the line silent may not be able to speak (it was a goodbye)."""
    line = SILENT_DIALS.get(state.stage)
    if state.stage == "danger" and state.violent:
        line = "veilig_thuis"
    dial = None if state.silent_dialled else line
    if dial is None:
        return state, None
    return replace(state, silent_dialled=True), dial


def stays(state: SafetyState, result: Step, signal: SafetySignal | None, text: str) -> bool:
    """Whether a message the protocol leaves to Rasa (`result`) may first need the test of
    `asks_clearly`: after a disclosure, a typed message without a signal of its own."""
    return (
        state.stage in STAY
        and not state.moved_on
        and result.to_rasa
        and result.rasa_text is None
        and not result.phrases
        and result.case is None
        and signal is None
        and not text.startswith("/")
    )


def asks_clearly(intent: str | None, confidence: float) -> bool:
    """After a disclosure: the message asks for something else (a request Rasa is sure of)."""
    return intent in CLEAR_REQUESTS and confidence >= REQUEST_CONFIDENCE


def clear_request(ranking: Sequence[tuple[str, float]]) -> bool:
    """`asks_clearly` on Rasa's ranking: the most likely intent is a request, and the
    requests together are sure ("kan ik toch die afspraak maken": booking 0.62, moving 0.19,
    cancelling 0.16 is a request about an appointment)."""
    if not ranking:
        return False
    share = sum(confidence for name, confidence in ranking if name in CLEAR_REQUESTS)
    return asks_clearly(ranking[0][0], share)


# After Veilig Thuis: the one who hurts is on the way ("hij komt zo thuis"): 112 first.
_COMING_HOME = re.compile(
    r"\b(?:hij|zij|ze|mijn (?:man|vrouw|vriend|vriendin|partner|ex|vader|moeder|zoon))"
    r" (?:komt|is) (?:zo|straks|nu|bijna|zometeen|zo meteen|over \w+ minuten)"
    r" (?:thuis|terug|binnen|hier|eraan)\b"
    r"|\b(?:he is coming|she is coming|he comes) (?:home|back)\b"
)


def stay_phrase(state: SafetyState, text: str) -> str:
    """The answer while the protocol stays (`stays`): the numbers and a person; after Veilig
    Thuis, when the one who hurts is on the way, first what to do if there is danger; to a
    parent or friend of someone with suicidal thoughts, what they can do ("hoe kan ik haar
    helpen?" got "Ik ben er nog" again and again)."""
    if state.stage == "violence" and _COMING_HOME.search(" ".join(plain_words(text))):
        return "utter_veilig_thuis_coming"
    if state.stage == "suicide" and state.about_other:
        return "utter_safety_stay_other"
    return STAY[state.stage]
