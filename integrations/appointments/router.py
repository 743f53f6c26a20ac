"""The appointment dialogue over HTTP: the internal API of the thin booking actions
(actions/booking.py). Each answer is what the resident hears (response names of the phrasing
files with their values), whether the dialogue goes on, and how it ended."""

from typing import Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from integrations.appointments.conductor import Conductor
from integrations.appointments.english import as_dutch
from integrations.languages.detection import ENGLISH
from integrations.languages.store import ConversationLanguages
from integrations.staff.auth import require_internal

router = APIRouter(
    prefix="/internal/appointments", tags=["internal"], dependencies=[Depends(require_internal)]
)


class Started(BaseModel):
    intent: str | None = Field(default=None, max_length=60)
    text: str = Field(default="", max_length=2000)
    channel: Literal["chat", "phone"] = "chat"


class Answered(BaseModel):
    text: str = Field(default="", max_length=2000)
    channel: Literal["chat", "phone"] = "chat"


class Asked(BaseModel):
    channel: Literal["chat", "phone"] = "chat"


def conductor_of(request: Request) -> Conductor:
    conductor: Conductor = request.app.state.appointments
    return conductor


async def readable(request: Request, session_id: str, text: str) -> str:
    """The resident's words as the dialogue's readers know them: an answer in an English
    conversation in their Dutch words (english.py)."""
    languages: ConversationLanguages = request.app.state.languages
    return as_dutch(text) if await languages.of(session_id) == ENGLISH else text


@router.post("/{session_id}/start")
async def start(session_id: str, body: Started, request: Request) -> dict[str, Any]:
    """The resident said something about an appointment: book, ask, move or cancel."""
    text = await readable(request, session_id, body.text)
    turn = await conductor_of(request).start(session_id, body.intent, text, body.channel)
    return turn.as_json()


@router.post("/{session_id}/answer")
async def answer(session_id: str, body: Answered, request: Request) -> dict[str, Any]:
    """The answer to the open question."""
    text = await readable(request, session_id, body.text)
    turn = await conductor_of(request).answer(session_id, text, body.channel)
    return turn.as_json()


@router.post("/{session_id}/question")
async def question(session_id: str, body: Asked, request: Request) -> dict[str, Any]:
    """The open question, asked (again)."""
    return (await conductor_of(request).question(session_id, body.channel)).as_json()
