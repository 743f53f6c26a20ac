"""The greeting in front of a need, as residents open a phone call or a chat ("ja goedemorgen
ik bel voor mijn vader die kan niet meer in bad stappen"). Pure.

Rasa's classifier reads such a message as a greeting and greets again; the need is lost. The
words Rasa gets start after the opening; the transcript, the case and the safety reader keep
what was said. A greeting alone ("goedemorgen") stays as it is.
"""

import re

_OPENING_WORDS = (
    r"ja|jaa|nou|eh+|ehm|uh+|hallo|hallo daar|hoi|hai|hey|hee|hi|hello|dag|goedendag|goedemorgen|"
    r"goede morgen|goeiemorgen|goedemiddag|goede middag|goeiemiddag|goedenavond|goede avond|"
    r"goeienavond|morgen|middag|good morning|good afternoon|good evening|mevrouw|meneer|sorry"
)
_OPENING = re.compile(rf"^(?:(?:{_OPENING_WORDS})\b[\s,.!]*)+", re.IGNORECASE)
MIN_WORDS_LEFT = 3
# "ja, dat wil ik wel", "ja graag maak hem maar": a yes that answers the question asked, not an
# opening. Kept when nothing but "ja" or "nee" (and "eh", "nou") opens and an answer follows.
_ANSWER_OPENING = re.compile(r"^(?:(?:ja|jaa|nee|nou|eh+|ehm|uh+)\b[\s,.!]*)+$", re.IGNORECASE)
_ANSWER_GOES_ON = frozenset(
    [
        "dat",
        "dit",
        "graag",
        "hoor",
        "doe",
        "maak",
        "is",
        "prima",
        "goed",
        "wel",
        "zeker",
        "natuurlijk",
        "klopt",
        "precies",
        "oke",
        "ok",
        "please",
        "sure",
        "dan",
        "maar",
        "toch",
        "liever",
        "hoeft",
        "niet",
        "geen",
    ]
)


def without_greeting(text: str) -> str:
    """`text` without the greeting it opens with, when at least a few words of need follow."""
    match = _OPENING.match(text)
    if not match:
        return text
    rest = text[match.end() :].strip()
    first = rest.split()[0].lower().strip(",.!?") if rest else ""
    if _ANSWER_OPENING.match(match.group()) and first in _ANSWER_GOES_ON:
        return text
    return rest if len(rest.split()) >= MIN_WORDS_LEFT else text
