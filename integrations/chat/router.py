"""The chat API of DESIGN.md: create a session, send a message, get the bot's reply."""

import re
import time

import structlog
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from redis.exceptions import RedisError

from integrations.cases.live import transcript_events
from integrations.cases.store import CaseStore
from integrations.chat.rasa_client import RasaClient, RasaUnavailable
from integrations.chat.rate_limit import RateLimiter
from integrations.chat.schemas import (
    PAYLOAD_PATTERN,
    BotMessage,
    BotReply,
    ResidentMessage,
    SessionCreated,
)
from integrations.chat.session_store import SessionStore
from integrations.logging_setup import bind_conversation
from integrations.nlg.service import Phrasing
from integrations.observability.metrics import Metrics
from integrations.safety.guard import SafetyGuard
from integrations.safety.normalise import repaired

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

log = structlog.get_logger(__name__)
router = APIRouter(prefix="/api/chat", tags=["chat"])


class InputRejected(Exception):
    """The resident's message cannot be sent on; `phrase` names the kind explanation."""

    def __init__(self, status_code: int, phrase: str) -> None:
        super().__init__(phrase)
        self.status_code = status_code
        self.phrase = phrase


async def kind_failure(phrasing: Phrasing, status_code: int) -> JSONResponse:
    """A part of the stack is down: the resident gets the phone number, never a stack trace."""
    text = await phrasing.text("utter_technical_problem")
    body = BotReply(messages=[BotMessage(text=text)]).model_dump()
    return JSONResponse(status_code=status_code, content={**body, "detail": text})


def checked_message(body: ResidentMessage, max_chars: int) -> str:
    """The text to hand to Rasa, or InputRejected with the reason."""
    if body.payload is not None and body.text is not None:
        raise InputRejected(422, "utter_input_text_or_button")
    if body.payload is not None and body.payload.startswith("/"):
        if not PAYLOAD_PATTERN.match(body.payload):
            raise InputRejected(422, "utter_input_unreadable")
        return body.payload
    # Typed text, or a button that answers a question in words ("voor mijzelf").
    text = body.payload if body.payload is not None else (body.text or "")
    if len(text) > max_chars:
        raise InputRejected(422, "utter_input_too_long")
    # Typed text is never an intent command (that is what buttons send): drop leading slashes.
    # A broken character (half an emoji) is dropped, never a reason to fail.
    text = " ".join(CONTROL_CHARS.sub(" ", repaired(text)).split()).lstrip("/ ")
    if not text:
        raise InputRejected(422, "utter_input_empty")
    return text


def address_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def over_limit(request: Request, session_id: str | None) -> JSONResponse | None:
    """429 with a kind answer (and the phone numbers) when someone sends too much too fast."""
    state = request.app.state
    limiter: RateLimiter = state.rate_limiter
    checks = [("address", address_of(request), state.settings.chat_rate_per_address)]
    if session_id is not None:
        checks.append(("session", session_id, state.settings.chat_rate_per_session))
    for scope, who, limit in checks:
        if not await limiter.allow(scope, who, limit):
            metrics: Metrics = state.metrics
            metrics.rate_limited.labels(scope).inc()
            text = await state.phrasing.text("utter_rate_limited")
            body = BotReply(messages=[BotMessage(text=text)]).model_dump()
            return JSONResponse(status_code=429, content={**body, "detail": text},
                                headers={"Retry-After": "60"})  # fmt: skip
    return None


@router.post("/sessions", response_model=SessionCreated, status_code=201)
async def create_session(request: Request) -> SessionCreated | JSONResponse:
    limited = await over_limit(request, None)
    if limited is not None:
        return limited
    store: SessionStore = request.app.state.sessions
    cases: CaseStore = request.app.state.cases
    try:
        session_id = await store.create(channel="chat")
        await cases.create(session_id, channel="chat")
    except RedisError:
        log.error("chat.session_create_failed", reason="redis")
        return await kind_failure(request.app.state.phrasing, 503)
    return SessionCreated(session_id=session_id)


@router.post("/sessions/{session_id}/messages", response_model=BotReply)
async def post_message(
    session_id: str, body: ResidentMessage, request: Request
) -> BotReply | JSONResponse:
    state = request.app.state
    book: Phrasing = state.phrasing
    metrics: Metrics = state.metrics
    started = time.perf_counter()
    bind_conversation(session_id)
    try:
        message = checked_message(body, state.settings.max_message_chars)
    except InputRejected as rejected:
        text = await book.text(rejected.phrase)
        return JSONResponse(status_code=rejected.status_code, content={"detail": text})
    guard: SafetyGuard = state.safety
    signal = guard.detect(message)
    if signal is None or signal.kind == "unclear":  # a safety message is never limited
        limited = await over_limit(request, session_id)
        if limited is not None:
            return limited

    store: SessionStore = state.sessions
    try:
        known = await store.touch(session_id)
    except RedisError:
        log.error("chat.session_lookup_failed", reason="redis")
        return await kind_failure(book, 503)
    if not known:
        return JSONResponse(
            status_code=404, content={"detail": await book.text("utter_session_unknown")}
        )

    cases: CaseStore = state.cases
    said = {"payload": message} if message.startswith("/") else {"text": message}
    await record(cases, session_id, [{"sender": "resident", **said}])
    if await staff_has_taken_over(cases, session_id):
        # A staff member talks with the resident now: the bot stays quiet.
        return BotReply(messages=[])

    screened = await guard.screen(session_id, message, "chat", signal)
    messages = list(screened.messages)
    if not screened.handled:
        rasa: RasaClient = state.rasa
        try:
            answered = await rasa.send(session_id, message, metadata={"channel": "chat"})
            await guard.after_rasa(session_id, answered, "chat")
            messages += answered
        except RasaUnavailable as exc:
            log.error("chat.rasa_unavailable", reason=str(exc))
            metrics.errors.labels("rasa_unavailable").inc()
            if not messages:
                return await kind_failure(book, 503)
    if not messages:
        # Rasa answered but said nothing (an action failed): never leave silence.
        log.warning("chat.empty_reply")
        metrics.errors.labels("empty_reply").inc()
        messages = [BotMessage(text=await book.text("utter_technical_problem"))]
    await record(
        cases,
        session_id,
        [
            {"sender": "bot", "text": m.text, "buttons": [b.title for b in m.buttons]}
            for m in messages
        ],
    )
    quick_exit = screened.step.quick_exit or await about_safety(cases, session_id)
    reply = BotReply(messages=messages, quick_exit=quick_exit)
    metrics.turns.labels("chat").inc()
    metrics.turn_seconds.labels("chat").observe(time.perf_counter() - started)
    return reply


SAFETY_ROUTES = frozenset({"veilig_thuis", "crisis"})


async def about_safety(cases: CaseStore, session_id: str) -> bool:
    try:
        case = await cases.get(session_id)
    except RedisError:
        return False
    return case is not None and case.route in SAFETY_ROUTES


async def staff_has_taken_over(cases: CaseStore, session_id: str) -> bool:
    try:
        case = await cases.get(session_id)
    except RedisError:
        return False
    return case is not None and case.mode == "staff"


@router.get("/sessions/{session_id}/events")
async def live_messages(session_id: str, request: Request) -> Response:
    """Messages from a staff member (server-sent events); reconnects resume with Last-Event-ID."""
    store: SessionStore = request.app.state.sessions
    try:
        known = await store.touch(session_id)
    except RedisError:
        return await kind_failure(request.app.state.phrasing, 503)
    if not known:
        text = await request.app.state.phrasing.text("utter_session_unknown")
        return JSONResponse(status_code=404, content={"detail": text})
    return transcript_events(request, session_id, only_live=True)


async def record(cases: CaseStore, session_id: str, entries: list[dict[str, object]]) -> None:
    """Keep the transcript for the aanmeldteam; a failure here never costs the resident."""
    try:
        await cases.append_transcript(session_id, entries)
    except RedisError:
        log.error("chat.transcript_failed", reason="redis")
