"""What a resident's answer says, in the appointment dialogue. Pure.

Residents write with spelling errors and phonetically, and phone speech comes without
punctuation: everything is read on folded text (lower case, no accents or punctuation) and
matched on whole words, never on parts of words ("zeggen" is not "afzeggen").
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from integrations.agenda.registry import fold

Purpose = Literal["book", "ask", "move", "cancel"]
Question = Literal[
    "when",
    "where",
    "who",
    "bring",
    "companion",
    "what",
    "repeat",
    "why",
    "cost",
    "buurtteam",
    "open",
]
Kind = Literal["office", "home", "phone"]


def phrase_list(phrases: str) -> tuple[str, ...]:
    """Phrases written as one string, "a|b c|d", the way the lists below are kept."""
    return tuple(phrases.split("|"))


_p = phrase_list
# Words that make a message a question, said without a question mark (phone speech).
_ASKING = _p(
    "waarom|waarvoor|hoe|wat|waar|wanneer|wie|mag|moet|kan|kunt|welke|weet u|vergeten|nou|"
    "alweer|ook weer|heb ik|staat|klopt het|gaat mijn|gaat de|hoeveel|is mijn|is de|is het|"
    "kost|kosten"
)
_YES = set(
    _p(
        "ja|jaa|jah|jawel|jazeker|graag|goed|oke|ok|okay|okee|oki|prima|zeker|klopt|yes|jep|jup|"
        "natuurlijk|akkoord|afgesproken|doen|top"
    )
)
_YES_PHRASES = _p("doe maar|is goed|dat is goed|maak maar|zeg maar af|mag weg|dat wil ik|graag")
_NO = set(_p("nee|neen|nope|nah|nooit|neuh"))
_NO_PHRASES = _p(
    "liever niet|hoeft niet|niet nodig|geen sms|nee dank|toch niet|wil ik niet|dat niet|niet doen"
)
# Said to "Wilt u de afspraak afzeggen?": the resident wants to keep it.
_KEEP = _p(
    "niet afzeggen|niet afzegge|niet annuleren|niet weg|wel komen|kom wel|kom toch|wil wel komen|"
    "blijft staan|laat staan|laat maar staan|hou hem|houden|niet afgezegd|wou hem niet|"
    "wil hem niet afzeggen"
)
_DONT_KNOW = _p(
    "weet ik niet|weet ik nie|weet niet|weet het niet|geen idee|geen flauw idee|weet ik veel|"
    "ik weet het niet|vergeten|weet ik niet meer|kweet het niet|kweenie|ik weet niet"
)

# Wanting an appointment, in residents' own words.
_BOOK = _p(
    "afspraak maken|afspraak maak|afspraak make|een afspraak|afspraak graag|afspraak met|"
    "afspraak bij|afspraak voor|afsprak|gesprek met|een gesprek|gesprek krijgen|langskomen|"
    "langs komen|langs kan komen|langs kunnen komen|terecht|iemand spreken|praten met iemand|"
    "met iemand praten|met iemand van|keukentafelgesprek|kan iemand komen|iemand langs|"
    "wil graag praten|komen kijken|nieuwe afspraak|nog een afspraak|afspraak inplannen|inplannen|"
    "plannen"
)
_CANCEL = _p(
    "afzeggen|afzegge|afzeg|zeg af|zeg de afspraak af|annuleren|annuleer|cancelen|cancel|"
    "niet komen|nie komen|kom niet|kom toch niet|kan niet komen|hoef niet meer|hoeft niet meer|"
    "niet meer nodig|niet meer komen|mag weg|mag vervallen|weghalen|haal weg|schrappen|intrekken|"
    "gaat niet door|geen afspraak meer|wil geen afspraak|stop de afspraak|afgezegd|afmelden"
)
_MOVE = _p(
    "verzetten|verzette|verzet|verplaatsen|verplaats|verschuiven|omzetten|wijzigen|wijzig|"
    "veranderen|verandere|andere dag|andere tijd|ander tijdstip|ander moment|andere datum|"
    "nieuwe tijd|later|eerder|week later|komt niet goed uit|past toch niet|past niet|kan dan niet|"
    "kan ik niet|anders plannen"
)
# Asking about an appointment.
_QUESTIONS: tuple[tuple[Question, tuple[str, ...]], ...] = (
    (
        "buurtteam",
        _p(
            "wat is een buurtteam|wat is dat buurtteam|wat is dit buurtteam|wat is het buurtteam|"
            "wat doet een buurtteam|wat doet het buurtteam|buurtteam wat is dat|wie zijn dat|"
            "what is a buurtteam|what is the buurtteam|what is buurtteam"
        ),
    ),
    # "wanneer is het buurtteam open?": its hours, not the appointment's time
    (
        "open",
        _p(
            "open|openingstijden|openingstijd|geopend|spreekuur|inloopspreekuur|inloop|"
            "opening hours|opening times"
        ),
    ),
    ("why", _p("waarom|waarvoor|waar is dat voor|wat moet u daarmee|waarom wilt u")),
    ("cost", _p("kost|kosten|geld kost|betalen|gratis|eigen bijdrage|wat kost")),
    (
        "repeat",
        _p(
            "nog een keer zeggen|nog een keer|nog eens zeggen|herhalen|herhaal|opnieuw zeggen|"
            "opnieuw|zeg het nog|staat mijn afspraak|afspraak al vast|staat de afspraak|"
            "gewoon door|heb ik een afspraak|heb ik nog een afspraak|klopt het dat|bevestiging"
        ),
    ),
    (
        "bring",
        _p(
            "meenemen|meebrengen|mee nemen|moet ik mee|wat moet ik|papieren|brieven mee|"
            "wat heb ik nodig|klaarleggen|voorbereiden|bankafschriften|id|identiteitskaart"
        ),
    ),
    (
        "when",
        _p(
            "hoe laat|wanneer|welke dag|welke datum|welke tijd|hoe laat was|hoe laat is|tijd was|"
            "datum|dag was|was het nou|vergeten wanneer|dinsdag of|woensdag of|maandag of|"
            "donderdag of|vrijdag of"
        ),
    ),
    (
        "who",
        _p(
            "wie komt|wie is|met wie|wie spreek|wie praat|wie belt|wie krijg|wie zie|naam van|"
            "welke mevrouw|welke meneer|welke medewerker|wie|die mevrouw|die meneer"
        ),
    ),
    (
        "where",
        _p(
            "waar|welk adres|adres|waar moet ik|hoe kom ik|locatie|waar is het|thuis of|"
            "of op kantoor|bij jullie of|ergens heen|naartoe|welk gebouw"
        ),
    ),
    (
        "what",
        _p(
            "wat gebeurt|wat gaan we doen|hoe gaat|wat doen ze|wat houdt|hoe lang duurt|hoe lang|"
            "wat is dat voor|wat moet ik verwachten|wat kan ik verwachten|hoeveel tijd|"
            "wat gaan ze vragen|wat vragen ze|wat is een|wat is dat|wat houdt dat in"
        ),
    ),
)
# Someone who may come along: "mag mijn dochter mee?", "moet mijn zoon erbij zijn?".
_PEOPLE = _p(
    "zoon|dochter|man|vrouw|partner|vriend|vriendin|moeder|vader|kind|kinderen|iemand|buurvrouw|"
    "buurman|broer|zus|familie|tolk|begeleider|mantelzorger|ouders|oma|opa|kleinkind|kleindochter|"
    "kleinzoon|schoonzoon|schoondochter|hulp|vrijwilliger"
)
_ALONG = _p(
    "mee|erbij|meenemen|meekomen|mee komen|meegaan|mee gaan|samen|bij zijn|aanwezig|"
    "bij het gesprek|bij de afspraak"
)
# Wanting something: a question with these is a wish to book ("wanneer kan ik terecht").
_WANT = _p(
    "wil|wil graag|zou graag|graag|maken|maak|kan ik een|krijgen|terecht|inplannen|plannen|"
    "langskomen|langs komen|aanvragen"
)
_HOME = _p(
    "bij mij thuis|bij ons thuis|bij me thuis|thuis komen|thuis langs|thuis langskomen|aan huis|"
    "huisbezoek|naar mij toe|naar mijn huis|naar huis komen|bij mij langs|bij ons langs|"
    "bij me langs|bij mij komen|langskomen|langs komen|liever thuis|thuis graag"
)
# Why the resident cannot come: a home visit, unless the same words ask for a call ("ik kan
# niet weg bij mijn vader, kunnen ze mij niet bellen?" was booked as a home visit).
_HOME_REASON = _p(
    "deur niet uit|deur nie uit|"
    "deur niet meer uit|deur nie meer uit|huis niet uit|huis nie uit|niet alleen laten|"
    "nie alleen laten|kan niet weg|kan nie weg|slecht lopen|niet goed lopen|nie goed lopen|"
    "kan niet lopen|kan nie lopen|niet zo goed lopen|nie zo goed lopen|bedlegerig|kom niet buiten|"
    "kom nie buiten|kan niet van huis"
)
# In a short answer ("thuis", "bij mij") these mean a home visit too; in "ik heb stress
# thuis en wil een afspraak" they do not.
_HOME_SHORT = ("thuis", "bij mij", "naar mij")
_PHONE = _p(
    "telefonisch|telefoon|aan de telefoon|via de telefoon|per telefoon|bel mij|bel me|belt u mij|"
    "mij bellen|me bellen|opbellen|bellen|telefoongesprek|gebeld"
)
_OFFICE = _p(
    "bij het buurtteam|naar het buurtteam|op kantoor|naar kantoor|op het kantoor|kantoor|"
    "ik kom wel|ik kom zelf|zelf komen|naar jullie toe|bij jullie"
)
_GIVE_UP = _p(
    "geen afspraak|hoeft niet|laat maar|stop|stoppen|ik wil stoppen|laat ook maar|vergeet het|"
    "hoef geen|wil geen"
)
_NO_CODE = _p(
    "geen code|code kwijt|weet de code niet|ken de code niet|heb ik niet|heb geen|niet gekregen|"
    "code niet"
)
_NOT_IN_ASSEN = _p(
    "niet in assen|nie in assen|buiten assen|andere gemeente|woon niet in assen|woon ergens anders"
)
# Appointments the buurtteam does not make: the municipality's own desks.
_ELSEWHERE = _p(
    "paspoort|rijbewijs|identiteitskaart|id kaart|idkaart|uittreksel|verhuizing doorgeven|trouwen|"
    "huwelijk|parkeervergunning|grofvuil|afval|container"
)

_DIGIT_WORDS = {
    "nul": "0",
    "een": "1",
    "eén": "1",
    "twee": "2",
    "drie": "3",
    "vier": "4",
    "vijf": "5",
    "zes": "6",
    "zeven": "7",
    "acht": "8",
    "negen": "9",
    "zero": "0",
    "eentje": "1",
}
_UNITS = {
    "een": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
}
_TEENS = {
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
}
_TENS = {
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
}


def says(folded: str, phrases: Iterable[str]) -> bool:
    """Whether one of `phrases` is in the folded text as whole words."""
    padded = f" {folded} "
    return any(f" {fold(phrase)} " in padded for phrase in phrases)


def words_of(text: str | None) -> str:
    return fold(text or "")


def yes_or_no(text: str | None) -> bool | None:
    """True for yes, False for no, None when the answer says neither."""
    folded = words_of(text)
    words = set(folded.split())
    if words & _NO or says(folded, _NO_PHRASES) or says(folded, _KEEP):
        return False
    if words & _YES or says(folded, _YES_PHRASES):
        return True
    return None


def clear_yes(text: str | None) -> bool:
    """A yes that leaves no doubt: to change or cancel an appointment only this counts.
    "ja", "ja graag", "ja zeg maar af"; not "ja nee", "ja maar ik wil wel komen", "ja?"."""
    raw = text or ""
    folded = words_of(raw)
    if "?" in raw or not folded:
        return False
    if yes_or_no(raw) is not True:
        return False
    return not says(
        folded,
        (
            "ja maar",
            "maar ik",
            "maar wel",
            "maar niet",
            "of niet",
            "of nee",
            "misschien",
            "weet niet",
            "weet ik",
            "eigenlijk",
            "denk het",
        ),
    )


def dont_know(text: str | None) -> bool:
    return says(words_of(text), _DONT_KNOW)


def gives_up(text: str | None) -> bool:
    """No appointment after all: "ik wil toch geen afspraak", "laat maar", "stop"."""
    folded = words_of(text)
    return says(folded, _GIVE_UP) and not says(folded, (*_MOVE, "andere"))


# Words that cancel, said before anything is booked: the resident stops the booking.
_CALL_OFF = _p("afzeggen|afzegge|afzeg|zeg af|annuleren|annuleer|cancelen|cancel|intrekken")


def calls_off(text: str | None) -> bool:
    """ "ik wil hem afzeggen" while the appointment is still being made: no appointment."""
    folded = words_of(text)
    return says(folded, _CALL_OFF) and not says(folded, (*_MOVE, *_KEEP))


def not_in_assen(text: str | None) -> bool:
    return says(words_of(text), _NOT_IN_ASSEN)


def no_code(text: str | None) -> bool:
    folded = words_of(text)
    return says(folded, _NO_CODE) or (dont_know(folded) and not any(c.isdigit() for c in folded))


# The appointment is for someone else, said while a time is chosen: "nee wacht het is niet
# voor mij maar voor me zus", "it is for my mother".
_RELATIONS = (
    r"(?:zus|zuster|broer|moeder|moe|mama|ma|vader|pa|papa|zoon|dochter|kind|kinderen|man|vrouw|"
    r"partner|vriend|vriendin|buurman|buurvrouw|oma|opa|schoonmoeder|schoonvader|tante|oom|"
    r"nicht|neef|sister|brother|mother|mum|mom|father|dad|son|daughter|husband|wife|neighbour)"
)
_FOR_SOMEONE_ELSE = re.compile(
    r"\b(?:niet voor (?:mij|mezelf|mijzelf|me)|not for me)\b"
    rf"|^(?:(?:nee|wacht|sorry|oh|eh|eigenlijk|maar) )*(?:het is |is |de afspraak is |it is |its )?"
    rf"(?:eigenlijk |actually )?(?:voor|for) (?:mijn|me|mn|m|my) {_RELATIONS}\b"
)


def for_someone_else(text: str | None) -> bool:
    """Whether the resident says the appointment is for someone else, not for themself."""
    return _FOR_SOMEONE_ELSE.search(words_of(text)) is not None


def elsewhere(text: str | None) -> bool:
    """An appointment for a passport, a driving licence, waste: not for the buurtteam."""
    return says(words_of(text), _ELSEWHERE)


def question_in(text: str | None) -> Question | None:
    """Which question about an appointment the text asks, if it asks one."""
    raw = text or ""
    folded = words_of(raw)
    if not folded:
        return None
    asks = "?" in raw or says(folded, _ASKING)
    if not asks:
        return None
    if says(folded, _PEOPLE) and says(folded, _ALONG) and not says(folded, ("wie komt",)):
        return "companion"
    for kind, phrases in _QUESTIONS:
        if says(folded, phrases):
            return kind
    return None


def kind_in(text: str | None) -> Kind | None:
    """The kind of appointment the text asks for: at home, by phone, at the buurtteam."""
    folded = words_of(text)
    if not folded:
        return None
    short = len(folded.split()) <= 4
    home = says(folded, _HOME) or (short and says(folded, _HOME_SHORT))
    if home and not says(folded, ("niet thuis", "nie thuis", "niet bij mij thuis")):
        return "home"
    if says(folded, _PHONE):
        return "phone"
    if says(folded, _HOME_REASON):
        return "home"
    if says(folded, _OFFICE):
        return "office"
    return None


def wants_appointment(text: str | None) -> bool:
    """The words ask for an appointment ("oke doe dan maar een afspraak")."""
    return says(words_of(text), _BOOK)


def names_booking(text: str | None) -> bool:
    """Words about making an appointment ("een nieuwe afspraak"), whatever else is said."""
    return says(words_of(text), _BOOK)


def asks_to_book(text: str | None) -> bool:
    """The words say the resident wants an appointment ("ik wil een afspraak, wat kost dat?"),
    also when they ask something along with it."""
    folded = words_of(text)
    return says(folded, _BOOK) and says(folded, _WANT)


# "ik kom niet rond" (money), "ik kom niet meer buiten", "ik kom niet uit bed": no appointment
# called off.
_NOT_COMING_IDIOMS = re.compile(
    r"\b(?:kom|komt|komen|kan|kunnen|kwam)(?: ik| we| wij| hij| ze)? (?:niet|nie)(?: meer)?"
    r" (?:rond|buiten|uit|verder|overeind|omhoog|bij|mee|de deur uit|de trap op)\b"
)


def purpose_of(text: str | None, intent: str | None) -> Purpose:
    """What the resident wants with an appointment. Their words decide; the classifier's
    intent only where the words say nothing clear. "ik wil een afspraak maken met het
    buurtteam" is never a cancellation, "hoe laat was mijn afspraak?" never a change."""
    folded = _NOT_COMING_IDIOMS.sub(" ", words_of(text))
    cancel = says(folded, _CANCEL)
    move = says(folded, _MOVE) and not says(folded, ("later terug", "later nog"))
    book = says(folded, _BOOK)
    asked = question_in(text)
    if cancel and not says(folded, ("niet afzeggen", "wil wel komen")):
        return "cancel"
    if move and (not book or says(folded, ("mijn afspraak", "de afspraak", "afspraak verzetten"))):
        return "move"
    mine = says(folded, ("mijn afspraak", "de afspraak", "die afspraak", "mijn gesprek"))
    if asked is not None:
        if mine:
            return "ask"
        wants = intent == "book_appointment" or (book and says(folded, _WANT))
        if asked == "when" and wants:
            return "book"  # "wanneer kan ik terecht", "wanneer is er tijd voor mij"
        if book and says(folded, _WANT) and asked not in ("cost", "what", "why"):
            return "book"  # "kan iemand mij bellen voor een afspraak?"
        return "ask"
    if mine and not book:
        return "ask"
    if book or kind_in(text) is not None:
        return "book"
    by_intent: dict[str, Purpose] = {
        "book_appointment": "book",
        "ask_appointment": "ask",
        "change_appointment": "move",
        "cancel_appointment": "cancel",
    }
    return by_intent.get(intent or "", "book")


def digits_in(text: str | None) -> str:
    """The digits in an answer, typed or said one by one ("vier acht twee", "4 8 2")."""
    out: list[str] = []
    for word in (text or "").lower().replace("-", " ").split():
        plain = re.sub(r"[^\w]", "", word)
        if plain.isdigit():
            out.append(plain)
        elif fold(plain) in _DIGIT_WORDS:
            out.append(_DIGIT_WORDS[fold(plain)])
    return "".join(out)


def spoken_number(word: str) -> int | None:
    """A number from 1 to 999 in Dutch words ("twaalf", "drieentwintig", "honderdtwintig")."""
    word = fold(word).replace(" ", "")
    if not word:
        return None
    total = 0
    if "honderd" in word:
        head, word = word.split("honderd", 1)
        total = 100 * (_UNITS.get(head, 0) if head else 1)
        if head and head not in _UNITS:
            return None
        if not word:
            return total
    if word in _UNITS:
        return total + _UNITS[word]
    if word in _TEENS:
        return total + _TEENS[word]
    if word in _TENS:
        return total + _TENS[word]
    for tens, value in _TENS.items():
        if word.endswith("en" + tens) and word[: -len("en" + tens)] in _UNITS:
            return total + value + _UNITS[word[: -len("en" + tens)]]
    return None


def house_number_in(text: str | None) -> int | None:
    """A house number: "12", "nummer 12a", "twaalf", "ik woon op nummer drieentwintig"."""
    match = re.search(r"(?<!\d)(\d{1,5})(?!\d)", text or "")
    if match:
        number = int(match.group(1))
        return number if number > 0 else None
    said = (spoken_number(word) for word in words_of(text).split())
    return next((number for number in said if number is not None), None)


def dutch_phone_number(text: str | None) -> str | None:
    """A Dutch phone number as 10 digits ("06 12 34 56 78", "+31 6 ...", said digit by
    digit: "nul zes een twee ..."), or None."""
    raw = text or ""
    compact = re.sub(r"[^\d+]", "", raw)
    if compact.startswith("+31"):
        compact = "0" + compact[3:]
    elif compact.startswith("0031"):
        compact = "0" + compact[4:]
    if re.fullmatch(r"0\d{9}", compact):
        return compact
    said = digits_in(raw)
    return said if re.fullmatch(r"0\d{9}", said) else None


def mobile_number(text: str | None) -> str | None:
    """A Dutch mobile number (06 and 8 digits): an SMS goes to a mobile phone."""
    number = dutch_phone_number(text)
    return number if number and number.startswith("06") else None


def mentions_living(text: str | None) -> bool:
    """Whether an answer talks about where the resident lives ("nee ik woon in ...")."""
    return says(
        words_of(text),
        (
            "woon",
            "wonen",
            "woont",
            "wijk",
            "postcode",
            "adres",
            "dorp",
            "straat",
            "verhuisd",
            "woonachtig",
        ),
    )


@dataclass(frozen=True)
class Spoken:
    """A code as it is said on the phone: one digit at a time."""

    code: str

    def __str__(self) -> str:
        return ", ".join(self.code)
