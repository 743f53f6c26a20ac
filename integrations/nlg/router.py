"""Rasa's NLG endpoint: Rasa asks for a response by name, the gateway answers with its text."""

from typing import Any

import structlog
from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from integrations.nlg.service import Phrasing

TECHNICAL_PROBLEM = "utter_technical_problem"

log = structlog.get_logger(__name__)
router = APIRouter(tags=["nlg"])


class NlgChannel(BaseModel):
    name: str | None = None


class NlgTracker(BaseModel):
    sender_id: str | None = None
    slots: dict[str, Any] = Field(default_factory=dict)


class NlgRequest(BaseModel):
    response: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    tracker: NlgTracker = Field(default_factory=NlgTracker)
    channel: NlgChannel = Field(default_factory=NlgChannel)


def phrasing_of(request: Request) -> Phrasing:
    phrasing: Phrasing = request.app.state.phrasing
    return phrasing


@router.post("/nlg")
async def generate(body: NlgRequest, request: Request) -> dict[str, object]:
    book = phrasing_of(request)
    values = {**body.tracker.slots, **body.arguments}
    payloads = body.arguments.get("button_payloads")
    only = [str(p) for p in payloads] if isinstance(payloads, list) else None
    try:
        return await book.render(body.response, body.channel.name, values, button_payloads=only)
    except KeyError:
        # A response the content files do not have: never leave the resident in silence.
        log.error("nlg.unknown_response", response=body.response)
        return await book.render(TECHNICAL_PROBLEM, body.channel.name)
