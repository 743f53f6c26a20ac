"""Rasa's NLG endpoint: Rasa asks for a response by name, the gateway answers with its text.

On the internal listener only, with the internal token (bot/endpoints.yml sends it)."""

from typing import Any

import structlog
from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from integrations.nlg.service import phrasing_of
from integrations.staff.auth import require_internal

TECHNICAL_PROBLEM = "utter_technical_problem"

log = structlog.get_logger(__name__)
router = APIRouter(tags=["nlg"])


class NlgChannel(BaseModel):
    name: str | None = None


class NlgLatestMessage(BaseModel):
    metadata: dict[str, Any] | None = None


class NlgTracker(BaseModel):
    sender_id: str | None = None
    slots: dict[str, Any] = Field(default_factory=dict)
    latest_message: NlgLatestMessage | None = None


class NlgRequest(BaseModel):
    response: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    tracker: NlgTracker = Field(default_factory=NlgTracker)
    channel: NlgChannel = Field(default_factory=NlgChannel)


@router.post("/nlg", dependencies=[Depends(require_internal)])
async def generate(body: NlgRequest, request: Request) -> dict[str, object]:
    book = phrasing_of(request)
    values = {**body.tracker.slots, **body.arguments}
    payloads = body.arguments.get("button_payloads")
    # The gateway marks phone turns in the message metadata: they get the voice variants.
    metadata = (body.tracker.latest_message.metadata if body.tracker.latest_message else None) or {}
    channel = "phone" if metadata.get("channel") == "phone" else body.channel.name
    only = [str(p) for p in payloads] if isinstance(payloads, list) else None
    # The conversation's language, as the gateway read it (integrations/languages).
    language = metadata.get("language")
    language = language if isinstance(language, str) else None
    try:
        return await book.render(
            body.response, channel, values, button_payloads=only, language=language
        )
    except KeyError:
        # A response the content files do not have: never leave the resident in silence.
        log.error("nlg.unknown_response", response=body.response)
        return await book.render(TECHNICAL_PROBLEM, channel)
