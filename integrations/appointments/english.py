"""English answers in the appointment dialogue, read as the Dutch words the readers know. Pure.

In a conversation in English the dialogue asks its questions in English
(`integrations/nlg/content/en/agenda.yml`); the readers of the answers (reading.py, times.py,
wishes.py) know Dutch words. An English answer is put into those words first: "the first
one" is "de eerste", "Tuesday afternoon" is "dinsdag middag", "2 pm" is "14 uur", "by phone"
is "telefonisch", "I don't know" is "weet ik niet". Names of places and streets, postcodes,
house numbers and phone numbers stay as they are. Only for a conversation in English: Dutch
words such as "me", "is" or "at" would change meaning otherwise.
"""

import re

# English phrase -> the Dutch words the readers know. Longer phrases are replaced first.
_GLOSSARY: dict[str, str] = {
    # not knowing, stopping
    "i don't know": "weet ik niet", "i dont know": "weet ik niet", "don't know": "weet ik niet",
    "dont know": "weet ik niet", "no idea": "geen idee", "not sure": "weet ik niet",
    "never mind": "laat maar", "forget it": "laat maar", "stop": "stop",
    "no appointment": "geen afspraak", "don't need": "hoeft niet", "dont need": "hoeft niet",
    # other times
    "another time": "andere tijd", "other time": "andere tijd", "other times": "andere tijden",
    "different time": "andere tijd", "another day": "andere dag", "different day": "andere dag",
    "none of them": "geen van", "none of these": "geen van", "none": "geen van",
    "doesn't suit": "past niet", "does not suit": "past niet", "doesnt suit": "past niet",
    "doesn't work": "past niet", "doesnt work": "past niet", "can't make it": "kan niet",
    "cannot make it": "kan niet", "cant make it": "kan niet", "later": "later",
    "any time": "maakt niet uit", "anytime": "maakt niet uit", "whenever": "maakt niet uit",
    "doesn't matter": "maakt niet uit", "doesnt matter": "maakt niet uit",
    # which offer
    "the first one": "de eerste", "first one": "eerste", "the first": "de eerste",
    "first": "eerste", "the second one": "de tweede", "second one": "tweede",
    "second": "tweede", "the third one": "de derde", "third one": "derde", "third": "derde",
    "the last one": "de laatste", "last one": "laatste", "last": "laatste",
    "one": "een", "two": "twee", "three": "drie", "number": "nummer",
    # days and parts of days
    "monday": "maandag", "tuesday": "dinsdag", "wednesday": "woensdag",
    "thursday": "donderdag", "friday": "vrijdag", "saturday": "zaterdag", "sunday": "zondag",
    "tomorrow": "morgen", "today": "vandaag", "next week": "volgende week",
    "this week": "deze week", "in the morning": "s ochtends", "morning": "ochtend",
    "in the afternoon": "s middags", "afternoon": "middag", "in the evening": "s avonds",
    "evening": "avond", "o'clock": "uur", "oclock": "uur", "after": "na", "before": "voor",
    "not on": "niet op", "but not": "maar niet", "rather": "liever",
    # how
    "at my home": "bij mij thuis", "at my house": "bij mij thuis", "at home": "bij mij thuis",
    "home visit": "huisbezoek", "come to my house": "bij mij thuis",
    "come to me": "bij mij langs", "by phone": "telefonisch", "by telephone": "telefonisch",
    "on the phone": "telefonisch", "over the phone": "telefonisch",
    "phone call": "telefonisch", "call me back": "bel mij", "call me": "bel mij",
    "phone me": "bel mij", "ring me": "bel mij", "at the office": "op kantoor",
    "i will come": "ik kom wel", "i'll come": "ik kom wel", "ill come": "ik kom wel",
    "office": "kantoor",
    # where (a wijk corrected at any question: "sorry no, I live in Kloosterveen")
    "i live in": "ik woon in", "we live in": "wij wonen in", "she lives in": "zij woont in",
    "he lives in": "hij woont in",
    # yes and no
    "yes please": "ja graag", "yes": "ja", "yeah": "ja", "yep": "ja", "sure": "zeker",
    "okay": "oke", "fine": "prima", "that's fine": "prima", "thats fine": "prima",
    "no thank you": "nee dank", "no thanks": "nee dank", "no": "nee", "nope": "nee",
    "not": "niet",
    # the appointment itself
    "cancel": "afzeggen", "call off": "afzeggen", "reschedule": "verzetten",
    "move": "verzetten", "change": "verzetten", "no code": "geen code",
    "lost the code": "code kwijt", "don't have a code": "geen code",
    "dont have a code": "geen code", "not in assen": "niet in assen",
    "outside assen": "buiten assen", "somewhere else": "ergens anders",
    "make an appointment": "een afspraak maken", "book an appointment": "een afspraak maken",
    "an appointment": "een afspraak", "appointment": "afspraak", "my appointment": "mijn afspraak",
    "when": "wanneer", "what time": "hoe laat", "where": "waar", "address": "adres",
    "who": "wie", "cost": "kost", "costs": "kosten", "free": "gratis", "bring": "meenemen",
    "come along": "mee", "come with me": "mee", "daughter": "dochter", "son": "zoon",
    "wife": "vrouw", "husband": "man", "partner": "partner", "friend": "vriend",
    "interpreter": "tolk", "again": "nog een keer", "repeat": "herhalen",
    "why": "waarom", "what happens": "wat gebeurt", "how long": "hoe lang",
}  # fmt: skip
_PHRASES = re.compile(
    r"(?<![\w'])("
    + "|".join(re.escape(p) for p in sorted(_GLOSSARY, key=len, reverse=True))
    + r")(?![\w'])"
)
# "2 pm", "2.30pm", "9 am", "at 10": the 24-hour clock the readers know ("14 uur").
_CLOCK = re.compile(r"\b(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?!\w)")
_AT_HOUR = re.compile(r"\bat (?=\d)")


def _clock(match: re.Match[str]) -> str:
    hour = int(match.group(1))
    if match.group(3).startswith("p") and hour < 12:
        hour += 12
    minutes = match.group(2)
    return f"{hour}.{minutes} uur" if minutes else f"{hour} uur"


def as_dutch(text: str) -> str:
    """An English answer in the Dutch words of the appointment dialogue's readers."""
    said = text.lower().replace("\u2019", "'")
    said = _CLOCK.sub(_clock, said)
    said = _AT_HOUR.sub("om ", said)
    return _PHRASES.sub(lambda m: _GLOSSARY[m.group(1)], said)
