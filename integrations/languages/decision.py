"""The language a conversation is answered in. Pure: the language so far, the message and
its reading go in, the conversation's language comes out.

Dutch is the default and a Dutch resident is never answered in another language because
of a short "ok", "help", an emoji or a typo:
- a message in another script (Arabic, Cyrillic, Ethiopic) is read by that script, from a
  few letters on;
- English needs lingua's reading *and* words only English has ("the", "my", "need", "can",
  "please" ...), more of them than Dutch words; a resident may also ask for it ("english
  please"). English stays until a message is clearly Dutch (lingua and Dutch words agree);
- Turkish and Polish need a confident reading and a sentence, or the letters only they
  have (Turkish s and g with a cedilla or breve, Polish a and e with an ogonek, l with a
  stroke ...);
- a message that is too short to say anything keeps the language the conversation has.
"""

import re

from integrations.languages.detection import DUTCH, ENGLISH, Reading

# The languages the assistant writes a short answer in (other than Dutch and English).
OTHER_LANGUAGES = ("ar", "tr", "pl", "ti", "uk")
# Russian (many Ukrainians write it) and unknown other scripts get the English short answer.
OTHER = "other"
CONVERSATION_LANGUAGES = (DUTCH, ENGLISH, *OTHER_LANGUAGES, OTHER)
# The languages Rasa's routes are answered in; the others get the way to a tolk.
RASA_LANGUAGES = frozenset({DUTCH, ENGLISH})

# Words only English has among the words residents write (never Dutch, never dialect: "me",
# "is", "want", "of", "been" and "a" are Dutch too; Dutch people say "help", "ok", "sorry",
# "hello" and "thanks"); and words only Dutch has ("me" and "is" are in neither list).
ENGLISH_WORDS = frozenset(
    [
        "i", "i'm", "im", "i've", "ive", "i'd", "i'll", "you", "you're", "your", "my", "mine",
        "the", "to", "and", "can", "can't", "cant", "what", "how", "with", "for", "please",
        "need", "wants", "don't", "dont", "doesn't", "doesnt", "have", "has", "not", "this",
        "it", "it's", "its", "an", "do", "does", "am", "are", "someone", "somebody", "anyone",
        "who", "where", "when", "why", "would", "could", "should", "there", "he", "she", "they",
        "his", "her", "him", "our", "their", "be", "get", "got", "anymore", "know", "think",
        "talk", "speak", "english", "live", "house", "home", "about", "from", "just", "like",
        "because", "but", "if", "or", "no", "yes", "any", "some", "whom", "which", "will",
        "won't", "wont", "isn't", "aren't",
    ]
)  # fmt: skip
DUTCH_WORDS = frozenset(
    [
        "ik", "je", "jij", "u", "uw", "de", "het", "een", "niet", "nie", "mijn", "m'n", "mn", "en",
        "van", "met", "voor", "kan", "ken", "kun", "wil", "wille", "heb", "hebbe", "hebben", "zijn",
        "ben", "bin", "dat", "die", "wat", "hoe", "er", "op", "aan", "naar", "ook", "nog", "maar",
        "om", "te", "bij", "mij", "moet", "mot", "geen", "wel", "ja", "jah", "nee", "nie", "graag",
        "hallo", "hoi", "dag", "doei", "meer", "kunnen", "hij", "zij", "ze", "we", "wij", "ons",
        "onze", "mag", "mogen", "waar", "wanneer", "waarom", "welke", "iemand", "niemand", "hulp",
        "alstublieft", "alsjeblieft", "dank", "bedankt", "thuis", "huis", "goed", "gaat", "sinds",
        "al", "weet", "weten",
    ]
)  # fmt: skip
ASKS_ENGLISH = re.compile(
    r"\b(english|engels|engelse)\b.*\b(please|pls|plz|alstublieft|graag|spreken|spreekt)\b"
    r"|\b(speak|talk|in|do you|can we)\b.{0,12}\benglish\b"
    r"|\bi (do not|don't|dont|cannot|can't|cant) (speak|understand|read) dutch\b"
    r"|\b(kan|mag) (het|dat) (ook )?in het engels\b"
    r"|^\s*(english|engels)\s*[.!?]*\s*$",
    re.IGNORECASE,
)
ASKS_DUTCH = re.compile(
    r"\b(in het )?nederlands\b.{0,12}\b(graag|alstublieft|spreken|a\.u\.b\.?)\b"
    r"|\b(in )?dutch please\b|^\s*(nederlands|dutch)\s*[.!?]*\s*$",
    re.IGNORECASE,
)
SCRIPT_LANGUAGES = {"arabic": "ar", "ethiopic": "ti"}
# Both cases written out, never re.IGNORECASE: under it Python matches "i" and "I" to the
# dotless i, and every "ik" lingua leans Turkish on became Turkish.
TURKISH_LETTERS = re.compile(r"[şğıŞĞİ]")
POLISH_LETTERS = re.compile(r"[ąęłńśźżĄĘŁŃŚŹŻ]")
RIGHT_QUOTE = "\u2019"  # the apostrophe phones write in "don't"
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")

MIN_SCRIPT_LETTERS = 3  # "مرحبا", "Привіт"
ENGLISH_CONFIDENCE = 0.5  # with English words only, and more of them than Dutch words
MIN_ENGLISH_WORDS = 2
SURE_ENGLISH = 0.75  # one English word is enough in a sentence without Dutch words
TURKISH_POLISH_CONFIDENCE = 0.8
MIN_SENTENCE_WORDS = 3
DUTCH_CONFIDENCE = 0.6  # back to Dutch from English: lingua and Dutch words agree
MIN_DUTCH_WORDS = 2


def words_of(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text.replace(RIGHT_QUOTE, "'"))]


def message_language(text: str, reading: Reading) -> str | None:
    """The language this one message is clearly in, or None when it does not say."""
    if ASKS_ENGLISH.search(text):
        return ENGLISH
    if ASKS_DUTCH.search(text):
        return DUTCH
    script = reading.main_script
    if script is None:
        return None
    if script != "latin":
        if reading.scripts[script] < MIN_SCRIPT_LETTERS:
            return None
        if script in SCRIPT_LANGUAGES:
            return SCRIPT_LANGUAGES[script]
        if script == "cyrillic":
            return "uk" if reading.best[0] == "uk" else OTHER
        return OTHER
    words = words_of(text)
    english = sum(w in ENGLISH_WORDS for w in words)
    dutch = sum(w in DUTCH_WORDS for w in words)
    language, confidence = reading.best
    if language == ENGLISH and english > dutch:
        if english >= MIN_ENGLISH_WORDS and confidence >= ENGLISH_CONFIDENCE:
            return ENGLISH
        if dutch == 0 and len(words) >= MIN_SENTENCE_WORDS and confidence >= SURE_ENGLISH:
            return ENGLISH  # "my husband hits me", "eh operator please"
        return None
    if language in ("tr", "pl"):
        letters = TURKISH_LETTERS if language == "tr" else POLISH_LETTERS
        sentence = len(words) >= MIN_SENTENCE_WORDS and confidence >= TURKISH_POLISH_CONFIDENCE
        if letters.search(text):  # letters Dutch and English never have
            return language
        # Polish "nie" is Dutch dialect too: a few Dutch-looking words are allowed.
        if sentence and english == 0 and dutch * 4 <= len(words):
            return language
        return None
    if language == DUTCH and confidence >= DUTCH_CONFIDENCE and dutch >= MIN_DUTCH_WORDS:
        return DUTCH
    return None


def answer_language(language: str) -> str:
    """The language the texts are written in for a conversation's language: English for
    Tigrinya (no checked Tigrinya text yet), Russian and other languages."""
    return language if language in (DUTCH, ENGLISH, "ar", "tr", "pl", "uk") else ENGLISH


def conversation_language(previous: str | None, text: str, reading: Reading) -> str:
    """The language to answer this message in: this message's when it is clear, else the
    language the conversation has (Dutch for a new conversation)."""
    return message_language(text, reading) or previous or DUTCH
