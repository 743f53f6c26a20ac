"""What a message means for the open question of a short intake. Pure, no I/O.

The questions are the intake's slot names. A message is read in this order:

1. leaving the form ("stop", "laat maar", "ik wil geen aanvraag doen", "ik wil alleen weten hoe
   het werkt"): nothing is kept;
2. no answer: "weet ik niet", a question back ("wat is een buurtteam?"), a choice that is not
   offered (a lone "7"): it is explained once and asked again, the second time a person helps;
3. the answer to the open question, in the resident's own words or as a choice;
4. answers to other questions in the same message ("voor mijn moeder", "scootmobiel", a phone
   number) fill those questions, so they are never asked.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extractOne

# Kinds of reading.
ANSWER = "answer"
LEAVE = "leave"  # stop the intake
LEAVE_TO_LEARN = "leave to learn"  # stop the intake: the resident only wants to know how it works
LEAVE_GOODBYE = "leave with goodbye"  # "doei": stop the intake and end the conversation
DONT_KNOW = "dont know"
QUESTION_BACK = "question back"
INVALID = "invalid"  # a choice that is not offered
ELSEWHERE = "elsewhere"  # answers other questions only, not the open one
NON_ANSWERS = frozenset({DONT_KNOW, QUESTION_BACK, INVALID})

# How an intake ended early (the slot `intake_exit`).
EXIT_LEFT = "gestopt"
EXIT_TO_LEARN = "alleen informatie"
EXIT_PERSON = "medewerker"
EXIT_GOODBYE = "afscheid"
EXIT_OTHER_NEED = "andere vraag"  # the message names another need: its own flow starts
# A question gets one explanation; the second answer that is no answer goes to a person.
MAX_NON_ANSWERS = 2
# ... except a second "weet ik niet" to a side question staff can settle by phone (since when,
# what is going on): it is kept as the answer and the intake goes on (outside office hours a
# person is not there, and the request was almost complete). What help is needed and for whom
# still go to a person.
UNKNOWN_KEPT = frozenset({"since_when", "situation"})
DONT_KNOW_ANSWER = "weet ik niet"

# Stored answers (the values the case and the readback show).
CALL_ME = "bellen"
CALL_SELF = "zelf bellen"
NO_PREFERENCE = "geen voorkeur"
NOT_GIVEN = "niet gegeven"
APPOINTMENT = "afspraak"
NO_APPOINTMENT = "geen afspraak"
FOR_SELF = "voor mijzelf"
FOR_SOMEONE_ELSE = "voor iemand anders"
MAX_ANSWER_CHARS = 200

# Open questions where a lone "ja" or "nee" answers nothing.
_YES_NO_IS_NO_ANSWER = frozenset({"help_needed", "aid_needed", "help_for", "since_when"})
# Open questions about the need itself.
_NEED_QUESTIONS = frozenset({"help_needed", "aid_needed", "since_when", "situation"})
# Questions with a fixed set of answers; a free text that is none of them is no answer.
CHOICE_QUESTIONS = frozenset({"next_step", "contact_preference"})

_NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
# Where the resident lives, and nothing more: "ik woon in pittelo", "9408", "marsdijk". No
# answer to an open question about the need (the appointment dialogue asks for the wijk).
WIJKEN = (
    "noorderpark", "peelo", "pittelo", "lariks", "centrum", "baggelhuizen", "assen west",
    "assen-west", "kloosterveen", "marsdijk", "assen oost", "assen-oost", "vredeveld",
    "houtlaan", "schildersbuurt", "kloosterveste", "het buitengebied", "buitengebied",
)  # fmt: skip
_WHERE_ONLY = re.compile(
    r"(?:(?:ik|wij|we) (?:woon|woont|wonen)|(?:mijn|ons) (?:adres|huis) is|woon)?\s*"
    r"(?:in|op|aan|bij)?\s*(?:de |het )?(?:wijk )?(?:"
    + "|".join(re.escape(w) for w in WIJKEN)
    + r")(?: in assen)?|(?:ik woon|wij wonen|we wonen) in assen|94\d\d(?: ?[a-z]{2})?"
)
# A wijk or a postcode of Assen named anywhere in a message ("ik woon in kloosterveen en mijn
# zoon spijbelt", "9408 ab").
_PLACE_NAMED = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in WIJKEN) + r"|94\d\d(?: ?[a-z]{2}\b)?)\b"
)


def place_named(texts: Iterable[str]) -> str | None:
    """The wijk or postcode the resident named last in `texts` (earliest first), or None: an
    answer given before it was asked ("Assen-Oost" to "Wat speelt er?") is not asked again."""
    for text in reversed(list(texts)):
        found = _PLACE_NAMED.findall(plain(text))
        if found:
            return str(found[-1])
    return None


# Words that say when something began ("sinds mijn val", "een half jaar", "na de operatie").
_TIME_CUE = re.compile(
    r"\d|\b(?:sinds|sind|sins|jaar|jaren|maand|maanden|week|weken|dag|dagen|kort|lang|langer|"
    r"altijd|toen|geleden|vorig|vorige|gisteren|vandaag|eergisteren|operatie|ziek|val|gevallen|"
    r"ziekenhuis|ongeluk|winter|zomer|lente|voorjaar|herfst|najaar|kerst|pasen|januari|februari|"
    r"maart|april|mei|juni|juli|augustus|september|oktober|november|december|nu|net|pas|"
    r"tijdje|half|paar|beroerte|infarct|bevalling|overlijden|overleden|weet|ago|since|year|years|"
    r"month|months|week|weeks|day|days|recently|long|while|always)\b"
)
# When it began, and nothing more ("sinds de zomer", "al twee jaar", "vorig jaar", "since
# last winter"): said to the question about the need, it answers "Sinds wanneer?".
_SINCE_ONLY = re.compile(
    r"(?:(?:eh+m?|uh+m?|nou|ja|al|ook|dat is|het is|ongeveer|zon|zo n|ruim|bijna) )*(?:"
    r"(?:sinds|sind|sins|sinds kort|since|vanaf|na) (?:de |het |mijn |me |m |een |afgelopen |"
    r"vorige |vorig |last |the |my )?[a-z0-9]+(?: [a-z0-9]+)?"
    r"|(?:een|twee|drie|vier|vijf|zes|paar|half|halfjaar|anderhalf|[0-9]+|a|two|three|few) "
    r"(?:jaar|jaren|maand|maanden|week|weken|dagen|years?|months?|weeks?)(?: geleden| ago| al)?"
    r"|(?:vorig|vorige|afgelopen|last) "
    r"(?:jaar|maand|week|zomer|winter|year|month|week|summer|winter)"
    r"|recently|for a while|a long time"
    r")(?: (?:ofzo|of zo|ongeveer|denk ik|geloof ik|al|nu|zo|or so))*"
)
# A lone number that is no year ("9408" to "Sinds wanneer?") answers no open question.
_YEAR = re.compile(r"(19[3-9]\d|20\d\d)")
_FILLERS = r"(?:eh+m?|uh+m?|euh|hm+|nou|ja|nee|sorry|dus|maar|tja|pff+|oh|o|ok|oke|hmm)"


def plain(text: str | None) -> str:
    """Lower case, no accents or punctuation, single spaces: how speech and typing compare."""
    quotes = (text or "").lower().replace("'", "").replace("\u2019", "")
    decomposed = unicodedata.normalize("NFKD", quotes)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[a-z0-9+]+", letters))


def answer_text(text: str | None) -> str:
    """The resident's own words, tidy and short, without anything that looks like a BSN."""
    words = " ".join((text or "").split())
    return _NINE_DIGITS.sub("[...]", words)[:MAX_ANSWER_CHARS]


def _fullmatch_any(patterns: Iterable[str], said: str) -> bool:
    return any(re.fullmatch(pattern, said) for pattern in patterns)


def _search_any(patterns: Iterable[str], said: str) -> bool:
    return any(re.search(pattern, said) for pattern in patterns)


# --- leaving the form ----------------------------------------------------------------------

_F = rf"(?:{_FILLERS} )*"
_LEAVE_WHOLE = [
    # the whole message: short commands that would mean something else inside a longer answer
    rf"{_F}(?:ik )?(?:wil )?(?:stop|stoppen|stop maar|stop ermee|stop er maar mee|hou op|houd op)"
    r"(?: (?:maar|nu|alsjeblieft|alstublieft|aub|ermee|hiermee))*",
    rf"{_F}(?:laat|laot|la) (?:maar|mar|ook maar|het maar|t maar)"
    r"(?: zitten| weer| goed)?(?: hoor)?",
    rf"{_F}(?:ik )?(?:wil |hoef )?(?:niks|niets) meer(?: hoor)?",
    rf"{_F}(?:vergeet (?:het|t) maar|vergeet het|laat ook maar|annuleren|annuleer|afbreken|klaar)",
    rf"{_F}(?:ik )?(?:wil|hoef) (?:toch )?(?:geen|niks|niets)(?: hulp| meer| aanvraag)*(?: hoor)?",
    rf"{_F}(?:toch )?geen hulp(?: meer| nodig)?(?: hoor)?",
    r"(?:please )?(?:stop|cancel|quit|never mind|nevermind|forget it|exit)(?: please| it| this)?",
]
_GOODBYE_WHOLE = [
    # the whole message is a goodbye ("doei", "ok dag", "tot ziens hoor")
    rf"{_F}(?:ok |oke |okee |nou |ja )?(?:doei|doeg|dag|daag|dahag|doei doei|dag dag|tot ziens|"
    r"tot later|houdoe|ajuus|aju|bye|bye bye|goodbye|good bye|see you)"
    r"(?: hoor| dan| maar| allemaal| he| bedankt| dank u| dank je)*",
]
_LEAVE_ANYWHERE = [
    r"\bgeen aanvraag\b",
    r"\b(?:niks|niets) aan ?vragen\b",
    r"\bwil (?:(?:toch|eigenlijk) )?niet (?:aanvragen|aanmelden)\b",
    r"\bik stop (?:er ?mee|hiermee|met (?:deze|de|die) vragen)\b",
    r"\b(?:stop|stoppen) met (?:deze|de|die|dit|het) (?:vragen|gesprek|aanvraag|formulier)\b",
    r"\b(?:i|we) dont want to (?:apply|continue)\b",
]
_LEARN = [
    r"\balleen (?:maar )?(?:even )?(?:weten|horen|informatie|info|vragen hoe|kijken)\b",
    r"\b(?:weten|horen|snappen|begrijpen) hoe (?:het|dat|t|dit) (?:werkt|gaat)\b",
    r"\bhoe (?:werkt|gaat) (?:het|dat|t|dit) (?:eigenlijk|allemaal|precies|in het algemeen)\b",
    r"\b(?:only|just) (?:want to )?(?:know|ask|information)\b",
    r"\bhow (?:does )?(?:it|this) works?\b",
]


def leaves(said: str) -> str | None:
    """LEAVE_TO_LEARN, LEAVE_GOODBYE, LEAVE or None for a message in plain form."""
    if _search_any(_LEARN, said):
        return LEAVE_TO_LEARN
    if _fullmatch_any(_GOODBYE_WHOLE, said):
        return LEAVE_GOODBYE
    if _fullmatch_any(_LEAVE_WHOLE, said) or _search_any(_LEAVE_ANYWHERE, said):
        return LEAVE
    return None


# --- no answer -----------------------------------------------------------------------------

_DONT_KNOW = [
    rf"{_F}(?:ik |k |dat )?(?:weet|wee|weed|wet)(?: ik| k)?(?: het| t| dat)? ?(?:niet|nie|ni|niej)"
    r"(?: zo| goed| precies| echt| hoor| eigenlijk| zo goed)*",
    r"(?:ik |k )?(?:weet|wee|weed|wet) ?(?:niet|nie|ni)(?: .*)? "
    r"(?:bedoelt|bedoel|vraagt)(?: u| je)?",
    rf"{_F}(?:geen|gen|gene) (?:idee|flauw idee|flauw benul|benul)(?: hoor| eigenlijk| echt| zo)*",
    rf"{_F}(?:ik )?(?:snap|begrijp|versta) (?:het|t|dat|de vraag|u|je)? ?(?:niet|nie)"
    r"(?: zo| goed)*",
    rf"{_F}(?:hoe|waarom) (?:moet|zou) ik dat (?:nou )?weten",
    r"(?:i )?(?:dont|do not|dunno|didnt|don t) ?(?:know|no|understand)?(?: sorry)?",
    r"(?:no idea|idk|not sure|dunno|i have no idea|i am not sure|im not sure)",
    rf"{_F}(?:geen|gen) (?:antwoord|commentaar)",
    rf"{_F}(?:weet niet|wenie|weenie|weetnie|weetniet|weeniet|wetnie|weet ik veel|wie weet)",
]
_QUESTION_START = (
    r"(?:wat|wa|wad|wie|hoe|hoelang|hoeveel|hoezo|waarom|warom|welke|welk|wanneer|waar|huh|he|"
    r"pardon|what|why|how|who|which|where|when)"
)
_QUESTION_BACK = [
    rf"{_F}{_QUESTION_START}(?: .*)?",
    # "wat bedoelt u?", not "nee, ik bedoel een douchestoel" or "voor mijn zus bedoel ik" (a
    # correction, not a question)
    r".*\b(?:bedoelt|(?<!\bik )bedoel(?! ik\b)|betekent|beteken|wil zeggen)\b.*",
    # about money, asked without a question mark (phone speech): "kost dat geld"
    r"(?:en )?(?:kost|kosten) (?:dat|het|dit|die|deze|dat mij|me dat)\b.*",
    r"(?:en )?(?:is|wordt) (?:dat|het|dit) (?:gratis|duur|betaald|vergoed)\b.*",
    r"(?:en )?moet ik\b.*\b(?:betalen|bijbetalen)\b.*",
    r".*\b(?:what do you mean|what does (?:it|that) mean|mean by)\b.*",
    r"(?:mag ik|kunt u|kan je|waarom wilt u|waarom wil je)\b.*",
]
# Asked with a question mark only: "kost dat geld?", "moet ik dat weten?", "is it free?".
_QUESTION_MARKED = re.compile(
    r"^(?:is|wordt|kost|moet|krijg|kan|mag|heb|ben|zijn|gaat|does|do|can|will|would|should|"
    r"must|are) "
)
# Words that make "wat"/"hoe" at the start part of an answer, not a question back.
_ANSWER_AFTER_QUESTION_WORD = re.compile(
    r"^(?:(?:wat|hoe) (?:hulp|meer|schoonmaken|boodschappen|ik|je|het|de|uren|"
    r"(?:langer|lang)(?! (?:duurt|duren|gaat|moet|wacht|kost)))|"
    r"waar ik|wat ik)\b"
)


# What a question back asks about, when the product has the answer: it is answered, then the
# open question comes again ("wat is een buurtteam?" to "Wilt u een afspraak?").
_QUESTION_TOPICS = [
    ("costs", r"\b(?:kost|kosten|geld|betalen|betaal|gratis|eigen bijdrage|bijdrage|cost|costs|"
              r"free|pay|money|price)\b"),
    ("buurtteam", r"\b(?:buurtteam|buurt team|buurteam|buurtteams|neighbourhood team|"
                  r"neighborhood team)\b"),
    ("wmo", r"\bwmo\b"),
    ("duration", r"\b(?:hoe ?lang|duurt|duren|wanneer hoor ik|how long|take long)\b"),
]  # fmt: skip


def question_topics(said: str) -> list[str]:
    """Every topic a message asks about ("wat het kost en hoe lang het duurt")."""
    return [topic for topic, pattern in _QUESTION_TOPICS if re.search(pattern, said)]


def question_topic(said: str) -> str | None:
    """What a question back asks about ("costs", "buurtteam", "wmo", "duration"), or None."""
    return next(iter(question_topics(said)), None)


def is_dont_know(said: str) -> bool:
    return _fullmatch_any(_DONT_KNOW, said)


def is_question_back(text: str, said: str) -> bool:
    if _ANSWER_AFTER_QUESTION_WORD.match(said) and not text.rstrip().endswith("?"):
        return False
    if text.rstrip().endswith("?") and _QUESTION_MARKED.match(said):
        return True
    return _fullmatch_any(_QUESTION_BACK, said)


# --- what else a message says --------------------------------------------------------------

_RELATIONS = (
    "moeder|vader|man|vrouw|partner|zoon|dochter|kind|kinderen|buurman|buurvrouw|oma|opa|"
    "broer|zus|zuster|schoonmoeder|schoonvader|vriend|vriendin|moeke|pa|ma|mam|pap|tante|oom|"
    "nicht|neef|echtgenoot|echtgenote|vrouwtje|mannetje|ouders|grootmoeder|grootvader|"
    "mother|father|husband|wife|son|daughter|neighbour|neighbor|mum|mom|dad|grandma|grandpa|"
    "grandmother|grandfather|sister|brother"
)
_MY = r"(?:mijn|mijne|me|mn|min|m|mien|onze|ons|my|our)"
_FOR_SELF = [
    r"\bvoor (?:mij|mijn|me|m|mn|mien)? ?(?:zelf|zelluf|selluf|self|selfs|zelfs|zellef|selv)\b",
    r"\bvoor (?:mij|mezelf|mijzelf|mijself|mezelluf|mijzelluf|meself|ikzelf|mij zelve)\b",
    r"^(?:ik|ikke|ikzelf|ik zelf|mezelf|mijzelf|mij|zelf|voor mij|voor mezelf)(?: zelf)?$",
    r"\bvoor (?:my ?self|me)\b",
    r"^(?:myself|for myself|me)$",
    r"\b(?:ik woon|ik ben) alleen\b",
]
_FOR_OTHER = re.compile(rf"\b(?:voor|for) (?:{_MY} )?({_RELATIONS})\b")
_MY_RELATION = re.compile(rf"\b{_MY} ({_RELATIONS})\b")
# A relation who gave the advice, not the one the help is for: "mijn dochter zegt bel de
# gemeente maar".
_ADVISED_BY = re.compile(
    r"\s*(?:zegt|zei|vindt|vond|heeft gezegd|raadt|raadde|stuurt|stuurde|wil dat ik|says|said)\b"
)
_SOMEONE_ELSE = re.compile(
    r"\b(?:voor )?(?:iemand anders|een ander|iemand|een familielid|familie|someone else)\b"
)

_HOUSEHOLD_NEEDS = [
    (r"\bmeer uren\b|\bmeer hulp\b|\bextra uren\b|\bmeer tijd\b", "meer uren hulp"),
    (
        r"\b(?:schoon|schoonmaken|schoonmake|schoonmaak|poetsen|poetse|stofzuigen|stofzuige|"
        r"dweilen|soppen|schoon ?houden|schoon ?houwe|schoonhouwe|ramen lappen|ramen zemen|"
        r"de ramen|vloeren|(?:het )?zware werk|zwaar werk)\b",
        "schoonmaken",
    ),
    (r"\b(?:was|wassen|wasse|strijken|strijke|de was doen|kleren wassen)\b", "wassen en strijken"),
    (r"\b(?:boodschappen|boodschappe)\b", "boodschappen"),
    (r"\b(?:koken|kooke|eten maken)\b", "koken"),
    (r"\b(?:cleaning|clean|laundry)\b", "schoonmaken"),
]
_AIDS = [
    (
        r"\b(?:scootmobiel|scootmobil|scotmobiel|scoot ?mobiel|scootmobiele|scooter|scoter)\b",
        "scootmobiel",
    ),
    (r"\b(?:rolstoel|rolstoele|rol stoel|rolstol|rolsteul|wheelchair)\b", "rolstoel"),
    (r"\b(?:traplift|trap lift|traplif|trapleuning|stairlift)\b", "traplift"),
    (r"\b(?:rollator|rolator|roller)\b", "rollator"),
    (
        r"\b(?:douchestoel|douche stoel|badkamer|douche|drempels?|aanpassing|verbouwing|"
        r"aangepast)\b",
        "aanpassing in huis",
    ),
    (r"\b(?:regiotaxi|regio taxi|taxi|vervoer|taxipas|vervoerspas)\b", "vervoer"),
    # A broken aid, not a broken back: "hij is kapot", "de lift is stuk", "reparatie".
    (
        r"\b(?:reparatie|repareren|gerepareerd)\b|^(?:hij |ze |die |het )?(?:is )?(?:kapot|stuk)$"
        r"|\b(?:lift|scootmobiel|rolstoel|rollator|traplift|scooter) (?:is |zijn )?"
        r"(?:kapot|stuk)\b",
        "reparatie",
    ),
]
_PHONE_CANDIDATE = re.compile(r"(?:\+|00)?\d[\d\s\-.()]{8,16}\d")
_CALL_ME = re.compile(
    r"\b(?:(?:mij|me) (?:(?:maar|even|dan|gewoon|wel|liever) )*(?:bellen|terugbellen|opbellen)"
    r"|bel (?:mij|me|mn|ons)|"
    r"belt u (?:mij|me|maar)|bel maar|bellen (?:mij|me)|call me|terugbellen|terug bellen|"
    r"opbellen)\b"
)
_CALL_SELF = re.compile(r"\b(?:ik bel (?:zelf|wel|u)|zelf bellen|bel zelf|zelf|i will call)\b")
_NO_PREFERENCE = re.compile(
    r"\b(?:maakt (?:niet|nie) uit|geen voorkeur|allebei|beide|"
    r"doesnt matter|either)\b"
)
_NO_NUMBER = re.compile(
    r"\b(?:geen nummer|geen telefoon|liever (?:niet|geen)|geen|nee|neen|"
    r"no|no number)\b"
)
_YES = {
    "ja",
    "jaa",
    "jah",
    "jawel",
    "graag",
    "afspraak",
    "goed",
    "prima",
    "oke",
    "ok",
    "okee",
    "okay",
    "zeker",
    "yes",
    "yes please",
    "is goed",
    "doe maar",
    "wel",
    "prima hoor",
}
_YES_WORDS = {
    "ja",
    "jaa",
    "jah",
    "jawel",
    "graag",
    "afspraak",
    "prima",
    "oke",
    "okee",
    "zeker",
    "yes",
    "goed",
    "ok",
    "okay",
    "please",
}
_NO_WORDS = {"nee", "neen", "nah", "nope", "no", "niet", "hoeft", "nie", "geen", "liever"}


def dutch_phone_number(text: str | None) -> str | None:
    """A Dutch phone number as 10 digits, or None."""
    digits = re.sub(r"[^\d+]", "", text or "")
    if digits.startswith("+31"):
        digits = "0" + digits[3:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    return digits if re.fullmatch(r"0\d{9}", digits) else None


def phone_number_in(text: str | None) -> str | None:
    """A Dutch phone number somewhere in a message ("bel me op 06 12 34 56 78")."""
    for candidate in _PHONE_CANDIDATE.findall(text or ""):
        number = dutch_phone_number(candidate)
        if number:
            return number
    return None


def help_for(said: str) -> str | None:
    """Who the help is for, when the message says so."""
    other = _FOR_OTHER.search(said)
    if other:
        return f"voor mijn {other.group(1)}"
    if _search_any(_FOR_SELF, said):
        return FOR_SELF
    for mine in _MY_RELATION.finditer(said):
        if not _ADVISED_BY.match(said, mine.end()):
            return f"voor mijn {mine.group(1)}"
    if _SOMEONE_ELSE.search(said):
        return FOR_SOMEONE_ELSE
    return None


# An opening that names no need yet: a hesitation ("ik weet niet of ik hier goed zit") or only
# who it is about ("ik bel voor mijn vader"). The resident is in the right place.
_HESITANT_OPENING = re.compile(
    r"\b(?:weet (?:eigenlijk |niet goed |eigenlijk niet )?(?:niet )?(?:of|wie|waar) ik"
    r"|ben ik hier (?:goed|wel goed|aan het goede adres)|goede plek|goede adres"
    r"|mag ik (?:jullie|u) (?:hiervoor |hier over |)bellen|ik heb een vraag"
    r"|am i in the right place|not sure (?:if|whether) i)\b"
)
OPENING_MAX_WORDS, WHO_ONLY_MAX_WORDS = 14, 7


def opening_without_need(text: str | None) -> bool:
    """Whether a short message opens a conversation without saying what it is about."""
    said = plain(text)
    words = len(said.split())
    if not said or words > OPENING_MAX_WORDS:
        return False
    if _HESITANT_OPENING.search(said):
        return True
    return words <= WHO_ONLY_MAX_WORDS and help_for(said) is not None


# A correction in the same message: "scootmobiel, nee ik bedoel een rolstoel".
_CORRECTION = re.compile(
    r"\b(?:nee ik bedoel|ik bedoel|nee sorry|sorry ik bedoel|nee wacht|of nee)\b"
)


# A need in the resident's own spelling ("shoonmaak", "skootmobiel", "badkaamer"): a word of
# seven letters or more, one letter away from a word of the need tables and starting with the
# same letter, is read as that word. Real words that are that close stay themselves.
SPELLING_MIN_LENGTH = 7
_REAL_WORDS = frozenset({"aangepakt", "toetsen"})


@cache
def _need_words() -> tuple[str, ...]:
    words: set[str] = set()
    for pattern, _ in _HOUSEHOLD_NEEDS + _AIDS:
        words |= set(re.findall(rf"[a-z]{{{SPELLING_MIN_LENGTH},}}", pattern))
    return tuple(sorted(words))


def _spelled(word: str) -> str:
    known = _need_words()
    if len(word) < SPELLING_MIN_LENGTH or word in known or word in _REAL_WORDS:
        return word
    match = extractOne(word, known, scorer=Levenshtein.distance, score_cutoff=1)
    return match[0] if match and match[0][0] == word[0] else word


def need_spelling(said: str) -> str:
    """`said` (plain) with need words in the resident's own spelling read as the tables know
    them: "hulp voor shoonmaak" reads "hulp voor schoonmaak"."""
    return " ".join(_spelled(word) for word in said.split())


def _first_match(table: list[tuple[str, str]], said: str) -> str | None:
    """The answer the words name; after a correction ("nee ik bedoel"), the one named after it."""
    said = need_spelling(said)
    correction = _CORRECTION.search(said)
    if correction is not None:
        after = said[correction.end() :]
        corrected = next((value for pattern, value in table if re.search(pattern, after)), None)
        if corrected is not None:
            return corrected
    return next((value for pattern, value in table if re.search(pattern, said)), None)


# The need of the other short intake, by route: "een traplift en ook hulp bij het
# schoonmaken" starts the household intake, and the stairlift must not be lost.
_OTHER_NEEDS = {"huishoudelijke_hulp": _AIDS, "voorziening": _HOUSEHOLD_NEEDS}


def also_needed(route: str | None, texts: Iterable[str]) -> list[str]:
    """The needs of the other short intake that the resident's messages name (kept as their
    answers are: "traplift", "schoonmaken"), in the order said, each once."""
    table = _OTHER_NEEDS.get(route or "")
    if table is None:
        return []
    found: list[str] = []
    for text in texts:
        said = need_spelling(plain(text))
        for pattern, value in table:
            if re.search(pattern, said) and value not in found:
                found.append(value)
    return found


def contact_preference(said: str) -> str | None:
    if phone_number_in(said) or _CALL_ME.search(said):
        return CALL_ME
    if _CALL_SELF.search(said):
        return CALL_SELF
    if _NO_PREFERENCE.search(said):
        return NO_PREFERENCE
    return None


APPOINTMENT_STEP = "appointment_step"
_BY_PHONE = re.compile(
    r"\b(?:telefonisch|telefoon|telefoontje|bellen|opbellen|terugbellen|bel (?:mij|me)|"
    r"belt u (?:mij|me)|by phone|on the phone|over the phone|call me|phone call)\b"
)
# Words that ask for a person after all: "ik wil een medewerker aan de telefoon".
_A_PERSON = re.compile(
    r"\b(?:medewerker|mens|persoon|iemand spreken|iemand praten|echt iemand|staff|person|"
    r"human|real)\b"
)


def answer_not_person(question: str | None, text: str | None) -> dict[str, str]:
    """A message the classifier read as asking for a person that answers the open question
    about contact ("bel mij maar terug" to "Bellen wij u? Of belt u zelf?", "bel me op 06 ...");
    the answers it gives, or nothing when it asks for a person after all."""
    said = plain(text)
    number = phone_number_in(text)
    if question == "phone_number" and number:
        return {"phone_number": number}
    if question == APPOINTMENT_STEP and _BY_PHONE.search(said) and not _A_PERSON.search(said):
        # "aan de telefoon" (a button of the appointment dialogue), "kan het telefonisch",
        # "ik wil liever dat ze mij bellen": an appointment by phone, for the dialogue to read.
        return {APPOINTMENT_STEP: answer_text(text)}
    if question != "contact_preference":
        return {}
    preference = contact_preference(said)
    if preference not in (CALL_ME, CALL_SELF):
        return {}
    return {"contact_preference": preference, **({"phone_number": number} if number else {})}


# Words that ask for help without telling what is going on ("ik wil graag een afspraak met
# het buurtteam"); a first message with enough other words tells the story itself.
_REQUEST_WORDS = frozenset(
    {
        "hallo", "hoi", "goedemorgen", "goedemiddag", "goedenavond", "dag", "beste", "ik", "wil",
        "wilde", "graag", "een", "de", "het", "met", "van", "voor", "bij", "buurtteam", "afspraak",
        "maken", "hulp", "nodig", "vraag", "vragen", "heb", "hebben", "kan", "kunnen", "mijn", "me",
        "mij", "u", "jullie", "contact", "gemeente", "assen", "praten", "spreken", "iemand", "is",
        "er", "om", "te", "op", "in", "en", "of", "aan", "over", "advies", "steun", "ondersteuning",
        "hi", "hello", "i", "want", "would", "like", "to", "an", "a", "the", "with", "my", "help",
        "need", "please", "can", "you", "support", "talk", "about", "some", "zo", "erg", "heel",
        "echt", "laatste", "tijd", "nu", "al", "even", "gewoon", "ook", "wel", "beetje", "best",
        "nogal", "vaak", "soms", "steeds", "so", "very", "really", "lately",
    }
)  # fmt: skip
STORY_CONTENT_WORDS = 5


def story_in(text: str | None) -> str | None:
    """The message itself, when it tells what is going on ("ik maak me zorgen om mijn zoon
    van 15, hij spijbelt"), so "wat speelt er?" is not asked after it."""
    words = plain(text).split()
    content = [
        word for word in words if word not in _REQUEST_WORDS and not re.fullmatch(_FILLERS, word)
    ]
    if len(content) < STORY_CONTENT_WORDS:
        return None
    return " ".join(str(text).split())


def said_answers(text: str | None, questions: Iterable[str]) -> dict[str, str]:
    """The answers a message gives to the questions named (slot names), as they are kept."""
    said = plain(text)
    wanted = set(questions)
    found: dict[str, str] = {}
    readers: dict[str, Callable[[], str | None]] = {
        "help_needed": lambda: _first_match(_HOUSEHOLD_NEEDS, said),
        "aid_needed": lambda: _first_match(_AIDS, said),
        "help_for": lambda: help_for(said),
        "phone_number": lambda: phone_number_in(text),
        "contact_preference": lambda: (
            CALL_ME if phone_number_in(text) or _CALL_ME.search(said) else None
        ),
    }
    for question, read in readers.items():
        if question in wanted:
            value = read()
            if value:
                found[question] = value
    return found


# --- the open question ---------------------------------------------------------------------


# A yes or a no is said at the start or in a few words: "nee hoor", "ja graag, liefst
# 's middags". Further on, "niet" or "geen" belongs to a sentence about something else ("ze
# kan niet meer zelf schoonmaken" says what is going on, not "no appointment").
SHORT_ANSWER_WORDS = 4
_NO_ANYWHERE = re.compile(
    r"\b(?:geen afspraak|hoeft niet|niet nodig|liever niet|laat maar|geen behoefte|wil ik niet|"
    r"wil geen|no thanks|no thank you|not now|dont want|do not want)\b"
)
_YES_ANYWHERE = re.compile(
    r"\b(?:graag een afspraak|(?:wil|wil ik|willen) (?:wel |graag )*(?:een )?afspraak|"
    r"maak (?:maar )?een afspraak|yes please|i would like|id like)\b"
)


def yes_or_no(said: str) -> str | None:
    """APPOINTMENT for a yes, NO_APPOINTMENT for a no, None when neither."""
    words = said.split()
    if said in _YES:
        return APPOINTMENT
    first = next((w for w in words if not re.fullmatch(_FILLERS, w) or w in ("ja", "nee")), "")
    short = len(words) <= SHORT_ANSWER_WORDS
    if first in _NO_WORDS or (short and set(words) & _NO_WORDS) or _NO_ANYWHERE.search(said):
        return NO_APPOINTMENT
    if first in _YES_WORDS or (short and set(words) & _YES_WORDS) or _YES_ANYWHERE.search(said):
        return APPOINTMENT
    return None


@dataclass(frozen=True)
class Reading:
    """What a message means for the open question."""

    kind: str
    answer: str | None = None  # the answer to keep, for ANSWER
    also: Mapping[str, str] = field(default_factory=dict)  # other questions answered
    corrects: bool = False  # the other answers correct earlier ones ("nee wacht, ...")
    topic: str | None = None  # what a question back asks about (question_topic)


def _open_answer(question: str, text: str, said: str) -> str | None:
    """The answer to the open question, or None when the message does not answer it."""
    if question == "next_step":
        return yes_or_no(said)
    if question == "contact_preference":
        return contact_preference(said)
    if question == "phone_number":
        number = phone_number_in(text) or dutch_phone_number(text)
        if number:
            return number
        return NOT_GIVEN if _NO_NUMBER.search(said) else None
    if question == "help_for":
        return help_for(said) or _own_words(text)
    if question in ("help_needed", "aid_needed"):
        return said_answers(text, [question]).get(question) or _own_words(text)
    return _own_words(text)


def _own_words(text: str) -> str:
    """The resident's words as an answer, without a phone number (kept as its own answer)."""
    words = text
    for candidate in _PHONE_CANDIDATE.findall(text):
        if dutch_phone_number(candidate):
            words = words.replace(candidate, " ")
    return answer_text(words)


_HELP_ONLY = re.compile(r"(?:help|hulp|helpen|help me|help mij|help help|help me alstublieft)")


def read_answer(question: str, text: str | None, questions: Iterable[str] = ()) -> Reading:
    """What `text` means as an answer to `question` (a slot name); `questions` are the other
    questions of the open form, whose answers the same message may give."""
    text = text or ""
    said = plain(text)
    others = [q for q in questions if q != question]
    also = said_answers(text, others)
    left = leaves(said)
    if left:
        return Reading(left)
    if not said:
        return Reading(INVALID)
    if is_dont_know(said) or _HELP_ONLY.fullmatch(said):
        # "help" to "Sinds wanneer?" is no answer (it was kept as one: "Sinds: help").
        return Reading(DONT_KNOW)
    if question != "phone_number" and is_question_back(text, said):
        return Reading(QUESTION_BACK, topic=question_topic(said))
    if re.fullmatch(r"\d{1,2}", said) and question != "phone_number":
        return Reading(INVALID)  # a key or number that is no choice here
    if (
        question in ("help_needed", "aid_needed", "help_for")
        and _SINCE_ONLY.fullmatch(said)
        and not said_answers(text, [question])
    ):
        # "sinds de zomer" to "Waar heeft u hulp bij nodig?" or "Voor wie is de hulp?" (said
        # to the question before, or ahead of it): kept for "Sinds wanneer?", and the open
        # question is asked again.
        since = {"since_when": answer_text(text)} if "since_when" in others else {}
        return Reading(ELSEWHERE, also={**also, **since})
    if question in _NEED_QUESTIONS and _WHERE_ONLY.fullmatch(said):
        # Where the resident lives, not what is going on: explained, and no try is lost (the
        # wijk is kept for an appointment, actions/booking.py).
        return Reading(ELSEWHERE)
    if question in _NEED_QUESTIONS and re.fullmatch(r"\d+", said) and not _YEAR.fullmatch(said):
        return Reading(INVALID)  # a postcode or house number said to an open question
    if also and not said_answers(text, [question]) and _only_says(question, said, also):
        # "voor mij selluf" to "Waar heeft u hulp bij nodig?" answers who, not what; "nee
        # wacht, het is voor mijn schoonmoeder" corrects who, said at another question.
        return Reading(ELSEWHERE, also=also, corrects=_corrects(said))
    if question == "help_for" and re.fullmatch(r"[\d\s]+(?:[a-z]{2})?", said):
        return Reading(INVALID)  # "9403": a postcode, not who the help is for
    if question == "since_when" and not _TIME_CUE.search(said):
        if "contact_preference" in also or "help_for" in also:
            # "bel mij maar" to "Sinds wanneer?"; "nee wacht, het is voor mijn zus" corrects
            return Reading(ELSEWHERE, also=also, corrects=_corrects(said))
        if said_answers(text, ["help_needed", "aid_needed"]) or place_named([said]):
            return Reading(INVALID)  # "schoonmaken", "ze woont in Assen-Oost": not since when
    if question in _YES_NO_IS_NO_ANSWER and said in _YES | _NO_WORDS:
        return Reading(INVALID)  # "ja" or "nee" to "Voor wie is de hulp?"
    if question == "situation" and len(said.split()) <= 3 and yes_or_no(said) == APPOINTMENT:
        # "ja graag" to "Wilt u vertellen wat er speelt?": the story is still to come; a
        # willing resident loses no try.
        return Reading(ELSEWHERE)
    answer = _open_answer(question, text, said)
    if answer is None:
        if also:
            return Reading(ELSEWHERE, also=also, corrects=_corrects(said))
        if question == "phone_number" and has_digits(text):
            return Reading(INVALID)
        return Reading(INVALID if question in CHOICE_QUESTIONS else DONT_KNOW)
    return Reading(ANSWER, answer=answer, also=also, corrects=_corrects(said))


# Another need said in a form, which starts its own flow instead of being kept as an answer:
# "Ik kan mijn huis niet meer schoonhouden" to "Wat speelt er?" after "ik heb een vraag", or
# "nee wacht, eigenlijk gaat het om het schoonmaken" in the stairlift intake.
SWITCH_CONFIDENCE = 0.8
SWITCH_MIN_WORDS = 4
# Intents that start a flow of their own (safety, a person and questions back have theirs).
SWITCH_INTENTS = frozenset(
    {
        "ask_household_help", "ask_aids", "out_of_scope", "ask_support", "money_worries",
        "parenting", "loneliness", "caregiving", "addiction", "housing_trouble",
        "neighbour_quarrel", "paperwork", "stress", "day_activities",
    }
)  # fmt: skip
_CHANGED_MIND = re.compile(
    r"^(?:(?:nee|sorry|oh|o|wacht|wag|eh|ehm)\s)*"
    r"(?:wacht|wag|wagt|eigenlijk|ik bedoel|nee niet|niet)\b"
    r"|\b(?:eigenlijk gaat het|het gaat eigenlijk|ik bedoel eigenlijk|maar eigenlijk)\b"
)


def aside_out_of_scope(text: str | None, intent: str | None, sure: float) -> bool:
    """A question for another part of the municipality asked in passing in a form ("ik moet
    ook mijn paspoort verlengen, kan dat hier?"): answered, and the form goes on. Said as a
    change of mind ("nee wacht, het gaat eigenlijk om mijn paspoort") it is another need."""
    said = plain(text)
    return (
        intent == "out_of_scope"
        and sure >= SWITCH_CONFIDENCE
        and len(said.split()) >= SWITCH_MIN_WORDS
        and not _CHANGED_MIND.search(said)
    )


def other_need(
    question: str, text: str | None, route_now: str | None, route_said: str | None, sure: float
) -> bool:
    """Whether a message in a form is another need than the form's route: the classifier is
    sure of an intent (`route_said`, with confidence `sure`) whose route differs, and the
    question asked about the need, or the resident says they meant something else."""
    said = plain(text)
    if route_said is None or route_now is None or route_said == route_now:
        return False
    if sure < SWITCH_CONFIDENCE or len(said.split()) < SWITCH_MIN_WORDS:
        return False
    if question == "next_step" and yes_or_no(said) is None:
        # "Wilt u een afspraak?" right after a first message that told the story: "sinds mijn
        # knieoperatie kan ik niet meer stofzuigen" names the need, it is no answer.
        return True
    return question in _NEED_QUESTIONS or bool(_CHANGED_MIND.search(said))


# The words a correction starts with: "nee wacht, het is voor mijn zus".
_LEADING_CORRECTION = re.compile(
    r"^(?:(?:nee|sorry|wacht|wag|wagt|oh|o|eh|ehm|ik bedoel|eigenlijk|het is|het gaat|is|om|"
    r"no|wait|sorry it is|it is|its|actually) )*"
)


def _corrects(said: str) -> bool:
    """Whether the message corrects something said before ("nee wacht", "ik bedoel")."""
    return bool(_CORRECTION.search(said) or _CHANGED_MIND.search(said))


def _only_says(question: str, said: str, also: Mapping[str, str]) -> bool:
    """Whether a message holds little more than answers to other questions ("voor mij
    selluf", "voor mijn moeder", "scootmobiel zei ik toch", a phone number)."""
    if question == "help_for":
        return help_for(said) is None
    if question in ("phone_number", "contact_preference"):
        return False
    # "voor me schoonmoeder die woont bij ons": who, with a word about that person.
    words = re.split(r" (?:die|dat|want|omdat|who|she|he) ", _LEADING_CORRECTION.sub("", said))[0]
    words = words.split()
    if "help_for" in also and words and words[0] in ("voor", "for") and len(words) <= 4:
        return True
    return "phone_number" in also and len(re.sub(r"[\d\s+]", "", said)) <= 12


def has_digits(text: str | None) -> bool:
    return any(ch.isdigit() for ch in text or "")


# --- what happens next ---------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """What the form does with a reading: the slots to set, whether to explain the question,
    and how the intake ends early (None while it goes on)."""

    slots: dict[str, object]
    explain: bool = False
    exit: str | None = None
    changed: bool = False  # an earlier answer was corrected: said so, then the question again


def settle(
    question: str, reading: Reading, tries: int, known: Mapping[str, object] | None = None
) -> Step:
    """The slots to set for a reading of the answer to `question` after `tries` earlier
    answers that were no answer. `known` holds the answers the form has; they are kept."""
    known = known or {}
    also = {
        slot: value
        for slot, value in reading.also.items()
        if reading.corrects or known.get(slot) is None
    }
    if reading.kind in (LEAVE, LEAVE_TO_LEARN, LEAVE_GOODBYE):
        exit_ = {LEAVE_TO_LEARN: EXIT_TO_LEARN, LEAVE_GOODBYE: EXIT_GOODBYE}.get(
            reading.kind, EXIT_LEFT
        )
        return Step({question: None, "answer_tries": 0, "intake_exit": exit_}, exit=exit_)
    if reading.kind == QUESTION_BACK and reading.topic is not None:
        # "kost dat geld?": answered (actions/intake.py), then the question again; no try
        # is counted, a resident who asks is no reason to hand over to a person.
        return Step({question: None}, explain=True)
    if reading.kind in NON_ANSWERS:
        if tries + 1 >= MAX_NON_ANSWERS and reading.kind == DONT_KNOW and question in UNKNOWN_KEPT:
            return Step({**also, question: DONT_KNOW_ANSWER, "answer_tries": 0})
        if tries + 1 >= MAX_NON_ANSWERS:
            return Step(
                {question: None, "answer_tries": 0, "intake_exit": EXIT_PERSON}, exit=EXIT_PERSON
            )
        return Step({question: None, "answer_tries": tries + 1}, explain=True)
    if reading.kind == ELSEWHERE and reading.corrects and also:
        # "nee wacht, het is voor mijn moeder" to "Sinds wanneer?": the change is said back
        # (it was explained as if the resident had not understood the question).
        return Step({**also, question: None}, changed=True)
    if reading.kind == ELSEWHERE:
        # "voor mijn moeder" to "Waar heeft u hulp bij nodig?": kept for its own question; the
        # open one is explained (what it asks, with an example) and asked again, no try lost.
        return Step({**also, question: None}, explain=True)
    return Step({**also, question: reading.answer, "answer_tries": 0})
