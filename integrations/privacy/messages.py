"""A BSN or IBAN in a resident's message, at the gateway's door: taken out before the text
goes anywhere (safety guard, Rasa, case, transcript, logs), and the kind note that tells the
resident it is not needed. The routers call `kept_out` once where the text comes in and add
`notes` (chat) or `with_note_first` (phone) to the answer.
"""

from collections.abc import Collection
from xml.etree import ElementTree

import structlog
from fastapi import Request

from integrations.chat.schemas import BotMessage
from integrations.nlg.service import Phrasing
from integrations.privacy.identifiers import BSN, IBAN, scrub

log = structlog.get_logger(__name__)

NOTE_PHRASES = {
    frozenset({BSN}): "utter_privacy_bsn",
    frozenset({IBAN}): "utter_privacy_iban",
    frozenset({BSN, IBAN}): "utter_privacy_bsn_and_iban",
}
_KINDS = "privacy_kept_out"  # on request.state: what this message held


def note_phrase(kinds: Collection[str]) -> str | None:
    """The phrase that tells the resident what was not kept, one for the whole message."""
    return NOTE_PHRASES.get(frozenset(kinds))


def kept_out(request: Request, text: str) -> str:
    """The message without a BSN or IBAN. What was taken out is noted on the request, for
    the answer's note; the log says which kinds, never the text."""
    scrubbed = scrub(text)
    if scrubbed.kinds:
        setattr(request.state, _KINDS, scrubbed.kinds)
        log.info("privacy.identifier_removed", kinds=sorted(scrubbed.kinds))
    return scrubbed.text


def _kinds(request: Request) -> frozenset[str]:
    kinds: frozenset[str] = getattr(request.state, _KINDS, frozenset())
    return kinds


async def notes(
    request: Request, channel: str = "chat", language: str | None = None
) -> list[BotMessage]:
    """The kind note for the answer to this message (in the conversation's `language`), or
    nothing."""
    phrase = note_phrase(_kinds(request))
    if phrase is None:
        return []
    phrasing: Phrasing = request.app.state.phrasing
    rendered = await phrasing.render(phrase, channel, {}, language=language)
    return [BotMessage(text=str(rendered["text"]))]


def say_first(document: str, text: str, voice: str) -> str:
    """The TwiML answer with `text` said before everything else in it. Pure."""
    response = ElementTree.fromstring(document)
    say = ElementTree.Element("Say", {"language": "nl-NL", "voice": voice})
    say.text = text
    if len(response) and response[0].tag == "Gather":
        response[0].insert(0, say)  # inside the Gather: the caller may answer right away
    else:
        response.insert(0, say)
    return '<?xml version="1.0" encoding="UTF-8"?>' + ElementTree.tostring(
        response, encoding="unicode"
    )


async def with_note_first(request: Request, document: str) -> str:
    """The phone answer with the kind note said before it, when the message held a BSN or
    IBAN."""
    spoken = await notes(request, "phone")
    if not spoken:
        return document
    voice: str = request.app.state.settings.twilio_voice
    return say_first(document, spoken[0].text, voice)
