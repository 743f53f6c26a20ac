"""Rasa's NLG endpoint: Rasa asks for a response by name, the gateway answers with its text.

On the internal listener only, with the internal token (bot/endpoints.yml sends it)."""

from typing import Any

import structlog
from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from redis.exceptions import RedisError

from integrations.agenda.information import buurtteam_values
from integrations.agenda.registry import Registry
from integrations.nlg.service import phrasing_of
from integrations.staff.auth import require_internal

TECHNICAL_PROBLEM = "utter_technical_problem"
# Texts that say where the buurtteams are and when they are open, from the registry.
REGISTRY_TEXTS = frozenset({"utter_info_where_buurtteam", "utter_info_opening_hours"})

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


async def buurtteam_answer(
    request: Request, conversation_id: str | None, language: str | None
) -> dict[str, str]:
    """The resident's own buurtteam when the conversation knows the wijk (or the question
    names it: "waar is het buurtteam in kloosterveen"), else every team."""
    state = request.app.state
    registry: Registry = state.agenda.registry
    own = None
    try:
        case = await state.cases.get(conversation_id) if conversation_id else None
        if case is not None and case.wijk:
            own = registry.place_named(case.wijk).team
        elif case is not None and conversation_id:
            said = [e for e in await state.cases.transcript(conversation_id)
                    if e.get("sender") == "resident" and e.get("text")]  # fmt: skip
            if said:
                own = registry.place_in(str(said[-1]["text"]), near=False).team
    except RedisError:
        own = None
    teams = list(registry.teams.values())
    return buurtteam_values(teams, own, "en" if language == "en" else "nl")


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
    if body.response in REGISTRY_TEXTS:
        values.update(await buurtteam_answer(request, body.tracker.sender_id, language))
    try:
        return await book.render(
            body.response, channel, values, button_payloads=only, language=language
        )
    except KeyError:
        # A response the content files do not have: never leave the resident in silence.
        log.error("nlg.unknown_response", response=body.response)
        return await book.render(TECHNICAL_PROBLEM, channel)
