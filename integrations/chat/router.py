"""The chat API of DESIGN.md: create a session, send a message, get the bot's reply, follow
live messages. Every stranger-started resource is bounded here: sessions and messages per
address, messages per conversation (one turn at a time, in order), open event streams.
"""

import re
import time

import structlog
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from redis.exceptions import RedisError
from starlette.datastructures import State

from integrations.callbacks.chat import (
    answer_to_question,
    answer_when_called,
    question_after_handoff,
)
from integrations.cases.contact_reply import NUMBER_NOTED_ASK_SAFE, contact_reply
from integrations.cases.facts import read_message
from integrations.cases.live import transcript_events
from integrations.cases.store import CaseStore
from integrations.chat.client_address import client_address
from integrations.chat.event_streams import StreamBounds, StreamSlots
from integrations.chat.openings import without_greeting
from integrations.chat.rasa_client import RasaClient, RasaUnavailable
from integrations.chat.rate_limit import RateLimiter
from integrations.chat.schemas import (
    PAYLOAD_PATTERN,
    BotButton,
    BotMessage,
    BotReply,
    ResidentMessage,
    SessionCreated,
)
from integrations.chat.session_store import SessionStore, address_hash
from integrations.chat.turn_queue import TurnQueue
from integrations.handoff.waiting import while_waiting
from integrations.languages.decision import RASA_LANGUAGES, answer_language
from integrations.languages.detection import DUTCH, ENGLISH
from integrations.languages.store import ConversationLanguages
from integrations.logging_setup import bind_conversation
from integrations.nlg.service import Phrasing
from integrations.numbers.phone_numbers import joined_numbers, spelled_numbers
from integrations.observability.metrics import Metrics
from integrations.privacy.messages import kept_out, notes
from integrations.safety.guard import SafetyGuard
from integrations.safety.lexicon import SafetySignal
from integrations.safety.normalise import repaired

OTHER_LANGUAGE = "utter_other_language"
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

log = structlog.get_logger(__name__)
router = APIRouter(prefix="/api/chat", tags=["chat"])


class InputRejected(Exception):
    """The resident's message cannot be sent on; `phrase` names the kind explanation."""

    def __init__(self, status_code: int, phrase: str) -> None:
        super().__init__(phrase)
        self.status_code = status_code
        self.phrase = phrase


async def kind_failure(phrasing: Phrasing, status_code: int, language: str = "nl") -> JSONResponse:
    """A part of the stack is down: the resident gets the phone number, never a stack trace."""
    text = await phrasing.text("utter_technical_problem", language)
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


# Room beyond Rasa's own time for the rest of a turn (the safety guard, the transcript).
TURN_ROOM_SECONDS = 10
HOUR = 3600


def turn_queue(state: State) -> TurnQueue:
    """The gateway's turn queue, made on first use from its Redis client."""
    queue: TurnQueue | None = getattr(state, "chat_turns", None)
    if queue is None:
        settings = state.settings
        hold = settings.rasa_timeout_seconds + TURN_ROOM_SECONDS
        queue = state.chat_turns = TurnQueue(state.redis, hold, settings.chat_turn_wait_seconds)
    return queue


def stream_slots(state: State) -> StreamSlots:
    """The bounds on open event streams, made on first use from the gateway's Redis client."""
    slots: StreamSlots | None = getattr(state, "chat_stream_slots", None)
    if slots is None:
        settings = state.settings
        bounds = StreamBounds(
            settings.chat_streams_per_session,
            settings.chat_streams_per_address,
            settings.chat_streams_total,
        )
        slots = state.chat_stream_slots = StreamSlots(state.redis, bounds)
    return slots


async def spoken_in(state: State, session_id: str | None) -> str:
    """The language the gateway's own texts take in this conversation (Dutch when unknown)."""
    if session_id is None:
        return DUTCH
    languages: ConversationLanguages = state.languages
    return await languages.spoken(session_id)


async def refused(
    state: State, scope: str, phrase: str, retry_after: int, language: str = DUTCH
) -> JSONResponse:
    """429 with a kind answer (and the phone numbers): never a dead end."""
    metrics: Metrics = state.metrics
    metrics.rate_limited.labels(scope).inc()
    text = await state.phrasing.text(phrase, language)
    body = BotReply(messages=[BotMessage(text=text)]).model_dump()
    return JSONResponse(status_code=429, content={**body, "detail": text},
                        headers={"Retry-After": str(retry_after)})  # fmt: skip


async def over_limit(request: Request, session_id: str | None) -> JSONResponse | None:
    """429 with a kind answer when someone sends too much too fast."""
    state = request.app.state
    limiter: RateLimiter = state.rate_limiter
    settings = state.settings
    verdict = await limiter.allow_burst(
        "address",
        client_address(request),
        settings.chat_messages_burst,
        settings.chat_messages_per_second,
    )
    if not verdict.allowed:
        return await refused(state, "address", "utter_rate_limited", verdict.retry_after_seconds)
    if session_id is not None and not await limiter.allow(
        "session", session_id, settings.chat_rate_per_session
    ):
        language = await spoken_in(state, session_id)
        return await refused(state, "session", "utter_rate_limited", 60, language)
    return None


async def too_many_sessions(request: Request) -> JSONResponse | None:
    """429 when one address starts more conversations than people would."""
    state = request.app.state
    limiter: RateLimiter = state.rate_limiter
    address = client_address(request)
    settings = state.settings
    verdict = await limiter.allow_burst(
        "sessions", address, settings.chat_sessions_burst, settings.chat_sessions_per_second
    )
    if not verdict.allowed:
        return await refused(
            state, "sessions", "utter_sessions_limited", verdict.retry_after_seconds
        )
    if not await limiter.allow("sessions", address, settings.chat_sessions_per_address_hour, HOUR):
        return await refused(state, "sessions", "utter_sessions_limited", HOUR)
    return None


@router.post("/sessions", response_model=SessionCreated, status_code=201)
async def create_session(request: Request) -> SessionCreated | JSONResponse:
    limited = await too_many_sessions(request)
    if limited is not None:
        return limited
    state = request.app.state
    store: SessionStore = state.sessions
    cases: CaseStore = state.cases
    try:
        session_id = await store.create(client_address(request))
        if session_id is None:  # this address holds many conversations that never began
            return await refused(state, "sessions_unused", "utter_sessions_limited", 60)
        await cases.create(session_id, channel="chat")
        # For the agenda's bounds per address (times held, tries of an appointment code).
        await state.agenda.note_address(session_id, address_hash(client_address(request)))
    except RedisError:
        log.error("chat.session_create_failed", reason="redis")
        return await kind_failure(state.phrasing, 503)
    return SessionCreated(session_id=session_id)


async def session_unknown(phrasing: Phrasing) -> JSONResponse:
    return JSONResponse(
        status_code=404, content={"detail": await phrasing.text("utter_session_unknown")}
    )


@router.post("/sessions/{session_id}/messages", response_model=BotReply)
async def post_message(
    session_id: str, body: ResidentMessage, request: Request
) -> BotReply | JSONResponse:
    state = request.app.state
    book: Phrasing = state.phrasing
    started = time.perf_counter()
    bind_conversation(session_id)
    try:
        message = checked_message(body, state.settings.max_message_chars)
    except InputRejected as rejected:
        text = await book.text(rejected.phrase, await spoken_in(state, session_id))
        return JSONResponse(status_code=rejected.status_code, content={"detail": text})
    message = kept_out(request, message)  # a BSN or IBAN goes no further than this
    guard: SafetyGuard = state.safety
    signal = guard.detect(message)
    # A safety message is never limited and never waits behind other messages.
    about_safety_now = signal is not None and signal.kind != "unclear"
    if not about_safety_now:
        limited = await over_limit(request, session_id)
        if limited is not None:
            return limited

    store: SessionStore = state.sessions
    try:
        known = await store.touch(session_id, channel="chat")
    except RedisError:
        log.error("chat.session_lookup_failed", reason="redis")
        return await kind_failure(book, 503)
    if not known:
        return await session_unknown(book)

    if about_safety_now:
        return await answer(request, session_id, message, signal, started)
    # One turn at a time per conversation, in the order the messages came: Rasa handles
    # one turn of a conversation at a time, and none is lost waiting for it.
    async with turn_queue(state).turn(session_id) as ours:
        if not ours:
            return await kind_failure(book, 503)
        return await answer(request, session_id, message, signal, started)


async def answer(
    request: Request,
    session_id: str,
    message: str,
    signal: SafetySignal | None,
    started: float,
) -> BotReply | JSONResponse:
    """One turn: the safety protocol first, then Rasa; all of it in the transcript."""
    state = request.app.state
    book: Phrasing = state.phrasing
    metrics: Metrics = state.metrics
    guard: SafetyGuard = state.safety
    cases: CaseStore = state.cases
    said = {"payload": message} if message.startswith("/") else {"text": message}
    await record(cases, session_id, [{"sender": "resident", **said}])
    if await staff_has_taken_over(cases, session_id):
        # A staff member talks with the resident now: the bot stays quiet.
        return BotReply(messages=[])

    languages: ConversationLanguages = state.languages
    language = await languages.heard(session_id, message)
    screened = await guard.screen(session_id, message, "chat", signal, answer_language(language))
    messages = list(screened.messages)
    safety_answered = bool(screened.messages) or screened.step.case is not None
    # The answer to "Wilt u dat een medewerker u belt?" (callbacks/), when it was asked.
    # What the gateway says itself is in the conversation's language too (English or Dutch).
    spoken = answer_language(language)
    callback = await answer_to_question(state, session_id, message, safety_answered, spoken)
    if callback is None and not safety_answered:
        # "wanneer bellen jullie?" after a call was promised: when it comes (callbacks/).
        callback = await answer_when_called(state, session_id, message, spoken)
    noted = (
        None
        if callback is not None or screened.handled or messages
        else await contact_noted(book, cases, guard, session_id, message, spoken)
    )
    button = message.startswith("/")
    if callback is not None:
        messages += callback
    elif noted is not None:
        messages += noted  # a number or a safe time for the person who will call: kept
    elif language not in RASA_LANGUAGES and not button:
        # A language the assistant does not speak: safety first (above), then the way to a
        # tolk in that language; never a Dutch route. Its button (a person) goes to Rasa.
        messages.append(await other_language_answer(book, language))
    elif not screened.handled:
        rasa: RasaClient = state.rasa
        try:
            metadata: dict[str, object] = {
                "channel": "chat",
                "language": language if language in RASA_LANGUAGES else ENGLISH,
            }
            if screened.step.rasa_text is not None:
                metadata["safety_checked"] = True  # bot/components/safety_signal.py
            elif signal is None and not button:
                metadata["safety_read_clear"] = True  # the safety reader found nothing
            # A number typed in groups or in words as one word of digits: the classifier
            # reads the question, a form the number.
            # A greeting in front of the need ("hallo goedemorgen, ik ...") is left out.
            # After "nee" to the caring question: the message that raised it (protocol.py).
            heard = screened.step.rasa_text or await typed_button(cases, session_id, message)
            said_to_rasa = without_greeting(joined_numbers(spelled_numbers(heard)))
            answered = await rasa.send(session_id, said_to_rasa, metadata=metadata)
            held = screened.step.rasa_text is not None
            after = await guard.after_rasa(session_id, answered, "chat", spoken, held)
            # Waiting for a person: no "Sorry, dat begreep ik niet goed" (handoff/waiting.py).
            messages += await while_waiting(state, session_id, after, spoken)
            # A person asked for while nobody is at work: a call only with a number.
            messages += await question_after_handoff(state, session_id, spoken)
        except RasaUnavailable as exc:
            log.error("chat.rasa_unavailable", reason=str(exc))
            metrics.errors.labels("rasa_unavailable").inc()
            if not messages:
                return await kind_failure(book, 503, spoken)
    if screened.handled and screened.step.callback:
        # "help" three times while nobody is at work: a call back, asked for a number (it
        # was "Nu is er niemand van de gemeente", and no way on).
        messages += await question_after_handoff(state, session_id, spoken)
    if not messages:
        # Rasa answered but said nothing (an action failed): never leave silence.
        log.warning("chat.empty_reply")
        metrics.errors.labels("empty_reply").inc()
        messages = [BotMessage(text=await book.text("utter_technical_problem", spoken))]
    # "You need not give your BSN": after the safety protocol's words, before Rasa's.
    messages[len(screened.messages) : len(screened.messages)] = await notes(
        request, language=spoken
    )
    await record(
        cases,
        session_id,
        [
            {
                "sender": "bot",
                "text": m.text,
                "buttons": [b.title for b in m.buttons],
                # So a click is kept with the words of its button (cases.transcript).
                "payloads": [b.payload for b in m.buttons],
            }
            for m in messages
        ],
    )
    quick_exit = screened.step.quick_exit or await about_safety(cases, session_id)
    # After the goodbye of a conversation not about safety: how did it go? (feedback/)
    question = None
    if not quick_exit and not screened.messages:
        question = await state.feedback.chat_question(
            session_id, [m.text for m in messages], spoken
        )
    reply = BotReply(messages=messages, quick_exit=quick_exit, feedback=question)
    metrics.turns.labels("chat").inc()
    metrics.turn_seconds.labels("chat").observe(time.perf_counter() - started)
    return reply


SAFETY_ROUTES = frozenset({"veilig_thuis", "crisis"})


async def other_language_answer(book: Phrasing, language: str) -> BotMessage:
    """The short answer to a message in a language the assistant does not speak."""
    rendered = await book.render(OTHER_LANGUAGE, "chat", language=answer_language(language))
    buttons = [BotButton(**b) for b in rendered.get("buttons", [])]  # type: ignore[attr-defined]
    return BotMessage(text=str(rendered["text"]), buttons=buttons)


async def about_safety(cases: CaseStore, session_id: str) -> bool:
    try:
        case = await cases.get(session_id)
    except RedisError:
        return False
    return case is not None and case.route in SAFETY_ROUTES


async def contact_noted(
    book: Phrasing,
    cases: CaseStore,
    guard: SafetyGuard,
    session_id: str,
    message: str,
    language: str = "nl",
) -> list[BotMessage] | None:
    """A resident of a safety case who waits for a person and sends only a number or when
    calling is safe hears that it is passed on (cases.contact_reply); None: ask Rasa."""
    if message.startswith("/"):
        return None
    try:
        case = await cases.get(session_id)
    except RedisError:
        return None
    replies = contact_reply(case, read_message(message))
    if replies is None:
        return None
    if any(r.name == NUMBER_NOTED_ASK_SAFE for r in replies):
        await guard.asked_if_call_safe(session_id)
    return [
        BotMessage(
            text=str((await book.render(r.name, "chat", r.slots, language=language))["text"])
        )
        for r in replies
    ]


# A button's words are short; a longer message is the resident's own.
TYPED_BUTTON_CHARS = 60


async def typed_button(cases: CaseStore, session_id: str, message: str) -> str:
    """What Rasa hears: the words a button of the last answer sends when the resident typed
    its title ("Ja, maak de afspraak" is the button "ja"), else the message itself. A button
    that sends an intent ("/deny") is left to the classifier, which reads "nee" as well."""
    if message.startswith("/") or len(message) > TYPED_BUTTON_CHARS:
        return message
    try:
        choice = await cases.typed_choice(session_id, message)
    except RedisError:
        return message
    return choice if choice and not choice.startswith("/") else message


async def staff_has_taken_over(cases: CaseStore, session_id: str) -> bool:
    try:
        case = await cases.get(session_id)
    except RedisError:
        return False
    return case is not None and case.mode == "staff"


@router.get("/sessions/{session_id}/events")
async def live_messages(session_id: str, request: Request) -> Response:
    """Messages from a staff member (server-sent events); reconnects resume with Last-Event-ID.
    A few streams per conversation and per address; beyond that a kind 429."""
    state = request.app.state
    store: SessionStore = state.sessions
    try:
        known = await store.touch(session_id, channel="chat", message=False)
        slot = (
            await stream_slots(state).acquire(session_id, client_address(request))
            if known
            else None
        )
    except RedisError:
        return await kind_failure(state.phrasing, 503)
    if slot is None:
        return await session_unknown(state.phrasing)
    if isinstance(slot, str):
        log.warning("chat.streams_limited", scope=slot)
        return await refused(state, f"streams_{slot}", "utter_streams_limited", 30)
    return transcript_events(request, session_id, only_live=True, lease=slot)


async def record(cases: CaseStore, session_id: str, entries: list[dict[str, object]]) -> None:
    """Keep the transcript for the aanmeldteam; a failure here never costs the resident."""
    try:
        await cases.append_transcript(session_id, entries)
    except RedisError:
        log.error("chat.transcript_failed", reason="redis")
