"""Facts in a resident's own words, for the case. Pure, no I/O.

What a staff member needs and must not have to ask again: a phone number the resident gave,
how and when contact is safe ("bel mij alleen overdag, dan is hij op zijn werk"), children
who are named, and which messages say what the resident needs (not a greeting, not "ja").
Only read here; the case record keeps what is found (cases.record), the summary shows it.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUOTE = 300

# --- small talk: never the resident's question -------------------------------------------
GREETINGS = {
    "hoi", "hallo", "hallo daar", "hey", "hee", "hi", "hello", "hai", "dag", "daag", "goedendag",
    "goedemorgen", "goede morgen", "goeiemorgen", "morgen", "goedemiddag", "goede middag",
    "goeiemiddag", "middag", "goedenavond", "goede avond", "goeienavond", "avond", "yo",
}  # fmt: skip
SMALL_TALK = GREETINGS | {
    "ja", "jaa", "jawel", "ja hoor", "ja graag", "graag", "nee", "neen", "nee hoor",
    "nee dank u", "nee dank je", "nee bedankt", "ok", "oke", "okee", "okay", "prima", "goed",
    "is goed", "klopt", "dat klopt", "top", "super", "mooi", "fijn", "dank u", "dank je",
    "dank u wel", "dank je wel", "dankjewel", "dankuwel", "bedankt", "thanks", "thx",
    "weet ik niet", "weet niet", "geen idee", "help", "stop", "tot ziens", "doei", "hm", "hmm",
    "eh", "uh", "ik heb een vraag", "een vraag", "vraag", "test", "?", "sorry", "wat", "huh",
}  # fmt: skip
_GREETING_START = re.compile(
    r"^\s*(?:(?:hoi|hallo|hey|hee|hi|hai|dag|goedendag|goe(?:de|ie)\s?(?:morgen|middag|avond)"
    r"|goedenavond)\b[\s,.!:;-]*)+",
    re.IGNORECASE,
)

# --- phone numbers ---------------------------------------------------------------------------
_NUMBER = re.compile(r"(?<![\d+])(?:\+31|0031|0)(?:[\s\-.()]*\d){9}(?!\d)")
# Numbers that are not the resident's own: free and paid service lines.
_SERVICE_PREFIXES = ("0800", "0900", "0906", "0909", "0880")
_THREE_DIGIT_AREAS = {
    "010", "013", "015", "020", "023", "024", "026", "030", "033", "035", "036", "038", "040",
    "043", "045", "046", "050", "053", "055", "058", "070", "071", "072", "073", "074", "075",
    "076", "077", "078", "079",
}  # fmt: skip

# --- contact wishes --------------------------------------------------------------------------
_CONTACT = re.compile(
    r"\b(?:bel|bell?en|belt|opbellen|terugbellen|terug\s?bellen|bereik\w*|sms\w*|app(?:en|t)?"
    r"|whatsapp\w*|mail\w*|contact|nummer|telefoon\w*|brief|brieven|post)\b"
)
_SAFE_WORDS = re.compile(
    r"\b(?:overdag|ochtend\w*|s\s?ochtends|smorgens|morgens|middag\w*|s\s?middags|avond\w*"
    r"|s\s?avonds|nacht\w*|s\s?nachts|weekend\w*|werkdag\w*|doordeweeks"
    r"|maandag\w*|dinsdag\w*|woensdag\w*|donderdag\w*|vrijdag\w*|zaterdag\w*|zondag\w*"
    r"|uur|alleen|niet|nooit|geen|pas|tussen|als|wanneer|zolang|werk|thuis|weg|veilig"
    r"|\d{1,2}[.:]\d{2}|na\s+\d|voor\s+\d|vanaf\s+\d|tot\s+\d)\b"
)
# Not giving a number is no wish about when to call ("geen nummer", "liever geen nummer").
_NO_NUMBER = re.compile(
    r"(?:ik\s+)?(?:heb\s+|wil\s+|geef\s+)?(?:liever\s+)?(?:geen|niet)\s+(?:mijn\s+|een\s+)?"
    r"(?:telefoon\s*nummer|nummer|telefoon|mobiel(?:\s*nummer)?)"
    r"(?:\s+(?:geven|noemen|hebben|doorgeven))?"
)
_TRAILING = re.compile(r"[\s,:;-]*\b(?:op|naar|via|met|is|:)?\s*$", re.IGNORECASE)

# --- children named --------------------------------------------------------------------------
_CHILD = re.compile(
    r"\b(?:(?:mijn|m'n|me|ons|onze|haar|zijn|z'n|het|de|een|twee|drie|vier|\d)\s+)"
    r"(?:(?:kleine|jonge|oudste|jongste|klein)\s+)?"
    r"(?:zoon(?:tje)?|dochter(?:tje)?|kind(?:je|eren)?|kids|baby|tweeling|pleegkind\w*"
    r"|stief(?:zoon|dochter|kind\w*)|klein(?:kind\w*|zoon|dochter)|meisje|jongetje|jongen)"
    r"(?:\s+van\s+(?:\d{1,2}|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf"
    r"|dertien|veertien|vijftien|zestien|zeventien)(?:\s+(?:jaar|maanden|weken))?)?",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:ik|mij|me|mijzelf|mezelf|m'n|mijn leven)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PhoneNumber:
    digits: str  # 10 digits, 0 first

    @property
    def shown(self) -> str:
        d = self.digits
        if d.startswith("06"):
            return f"06 {d[2:6]} {d[6:]}"
        if d[:3] in _THREE_DIGIT_AREAS:
            return f"{d[:3]} {d[3:6]} {d[6:]}"
        return f"{d[:4]} {d[4:7]} {d[7:]}"

    @property
    def href(self) -> str:
        return "tel:+31" + self.digits[1:]


@dataclass(frozen=True)
class Facts:
    """What one resident message says, as far as the case needs it."""

    phones: tuple[str, ...] = ()
    contact_words: tuple[str, ...] = ()  # how and when contact is safe, in own words
    children: tuple[str, ...] = ()
    own_words: str | None = None  # the message as the resident's words, without a greeting

    @property
    def empty(self) -> bool:
        return not (self.phones or self.contact_words or self.children or self.own_words)


def plain(text: str) -> str:
    """Lowercase, accents off, apostrophes and punctuation to spaces: for comparing."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.replace("\u2019", "'").replace("'", " ")
    return " ".join(re.sub(r"[^\w?]+", " ", folded).split())


def tidy(text: str) -> str:
    return " ".join(text.split())[:MAX_QUOTE]


def without_greeting(text: str) -> str:
    """The message without a greeting in front ("goedemiddag, ik heb ..." -> "ik heb ...")."""
    return tidy(_GREETING_START.sub("", text))


def is_small_talk(text: str) -> bool:
    """A greeting, thanks, yes or no, "weet ik niet": nothing a staff member can act on."""
    rest = plain(without_greeting(text))
    return not rest or rest in SMALL_TALK or rest.strip("?") in SMALL_TALK


def phone_numbers(text: str) -> list[str]:
    """Dutch phone numbers in a message, as 10 digits; service lines (0800, 0900) left out."""
    found: list[str] = []
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if digits.startswith("0031"):
            digits = "0" + digits[4:]
        elif digits.startswith("31") and match.group().lstrip().startswith("+"):
            digits = "0" + digits[2:]
        if len(digits) != 10 or digits.startswith(_SERVICE_PREFIXES) or digits in found:
            continue
        found.append(digits)
    return found


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"[,.;!?\n]+|\s+(?:en|maar|want)\s+", text) if c.strip()]


def contact_words(text: str) -> list[str]:
    """How and when contact is safe, in the resident's words, when the message is about
    contact ("bel mij alleen overdag op 06..., dan is hij op zijn werk" -> "bel mij alleen
    overdag", "dan is hij op zijn werk"). Numbers are left out: they are kept apart."""
    lowered = plain(text)
    if not (_CONTACT.search(lowered) or phone_numbers(text)):
        return []
    kept: list[str] = []
    for clause in _clauses(_NUMBER.sub(" ", text)):
        if not _SAFE_WORDS.search(plain(clause).replace("veilig thuis", "")):
            continue
        if _NO_NUMBER.fullmatch(plain(clause)):
            continue
        words = _TRAILING.sub("", " ".join(clause.split())).strip()
        if len(words.split()) >= 2 and words not in kept:
            kept.append(words)
    return kept


def children_named(text: str) -> list[str]:
    """Children the resident names ("mijn zoon van 9", "het kind"), in their words."""
    found: list[str] = []
    for match in _CHILD.finditer(text):
        phrase = " ".join(match.group().split())
        if phrase.lower() not in (f.lower() for f in found):
            found.append(phrase)
    return found


# The resident as a witness, not the one at risk: "ik hoor ze huilen", "ik maak me zorgen om",
# "als ik er niet ben" (then someone else is alone with it).
_WITNESS = re.compile(
    r"\b(?:ik|we|wij) (?:hoor|hoorde|horen|zie(?! het nie)|zag|zien|denk|dacht|"
    r"weet(?! het nie)|wist|merk|merkte|"
    r"maak me zorgen|maak mij zorgen|maken ons zorgen|bel|belde|wil melden|wil iets melden|"
    r"heb gehoord|heb gezien)\b|\bals ik (?:er )?niet (?:ben|thuis ben|bij ben)\b",
    re.IGNORECASE,
)


def speaks_of_self(text: str) -> bool:
    """The resident speaks about themself ("hij slaat mij", "ik wil niet meer"), not only as
    a witness of what happens to someone else ("ik hoor de kinderen van de buren huilen")."""
    return bool(_FIRST_PERSON.search(_WITNESS.sub(" ", text)))


def _only_contact(text: str) -> bool:
    """Every part of the message is about a number or contact: not the question itself."""
    rest = _NUMBER.sub(" ", text)
    for clause in _clauses(rest):
        lowered = plain(clause)
        if not lowered:
            continue
        if not (_CONTACT.search(lowered) or _SAFE_WORDS.search(lowered)):
            return False
    return True


def read_message(text: str) -> Facts:
    """The facts of one typed or spoken resident message (never of a button)."""
    if not text or text.startswith("/"):
        return Facts()
    phones = tuple(phone_numbers(text))
    wishes = tuple(contact_words(text))
    own: str | None = without_greeting(text) or None
    if is_small_talk(text) or ((phones or wishes) and _only_contact(text)):
        own = None
    elif own is not None and re.fullmatch(r"[\d\s+()\-.]*", own):
        own = None  # a bare number answers a question; it says nothing of the need
    return Facts(phones, wishes, tuple(children_named(text)), own)
