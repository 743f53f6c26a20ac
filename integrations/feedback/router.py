"""The chat's answer to the feedback question: POST /api/chat/sessions/{id}/feedback with
{"rating": "goed" | "gaat_wel" | "niet_goed"} and, if the resident wants, {"remark": "..."}.
Only after the question was asked in that conversation; the sentence loses a BSN or IBAN
before it is kept."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from redis.exceptions import RedisError

from integrations.chat.router import kind_failure, over_limit, session_unknown
from integrations.chat.schemas import BotMessage, BotReply
from integrations.chat.session_store import SessionStore
from integrations.feedback.rules import Rating
from integrations.feedback.service import NOT_ASKED, Feedback
from integrations.privacy.messages import kept_out

router = APIRouter(prefix="/api/chat", tags=["chat"])


class FeedbackAnswer(BaseModel):
    rating: Rating | None = None
    remark: str | None = Field(default=None, max_length=2000)


@router.post("/sessions/{session_id}/feedback", response_model=BotReply)
async def answer_feedback(
    session_id: str, body: FeedbackAnswer, request: Request
) -> BotReply | JSONResponse:
    state = request.app.state
    limited = await over_limit(request, session_id)
    if limited is not None:
        return limited
    store: SessionStore = state.sessions
    feedback: Feedback = state.feedback
    try:
        if not await store.touch(session_id, channel="chat", message=False):
            return await session_unknown(state.phrasing)
        remark = kept_out(request, body.remark) if body.remark else None
        kept = await feedback.answer(session_id, body.rating, remark)
    except RedisError:
        return await kind_failure(state.phrasing, 503)
    # In the conversation's language (English or Dutch).
    language = await state.languages.spoken(session_id)
    if kept == "not_asked":
        text = await state.phrasing.text(NOT_ASKED, language)
        return JSONResponse(status_code=409, content={"detail": text})
    return BotReply(messages=[BotMessage(text=await feedback.thanks("chat", language))])
