"""The gateway: the only public face of Toegang Assistent.

Start it with `uvicorn --factory integrations.app:create_app`; nothing happens at import time.
"""

import html
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import structlog
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from redis.exceptions import RedisError
from starlette.exceptions import HTTPException
from twilio.twiml.voice_response import VoiceResponse

from integrations.agenda.assembly import build_agenda
from integrations.agenda.router import resident_router as agenda_resident_router
from integrations.agenda.router import staff_router as agenda_staff_router
from integrations.appointments.assembly import build_conductor
from integrations.appointments.router import router as appointments_router
from integrations.b1.checker import B1Checker
from integrations.b1.config import load_rules
from integrations.b1.frequency import dutch_zipf
from integrations.callbacks.asks import CallbackAsks
from integrations.cases.router import internal_router as cases_internal_router
from integrations.cases.router import staff_router as cases_staff_router
from integrations.cases.stats import Stats
from integrations.cases.store import CaseStore
from integrations.chat.event_streams import stream_redis_client
from integrations.chat.rasa_client import RasaClient
from integrations.chat.rate_limit import RateLimiter
from integrations.chat.router import router as chat_router
from integrations.chat.session_store import SessionStore
from integrations.edge import GatewayEdge
from integrations.feedback.router import router as feedback_router
from integrations.feedback.service import Feedback
from integrations.feedback.store import FeedbackStore
from integrations.handoff.queue import HandoffQueue
from integrations.health.probes import action_server_probe, rasa_probe, redis_probe
from integrations.health.router import router as health_router
from integrations.languages.detection import shared_reader
from integrations.languages.store import ConversationLanguages
from integrations.logging_setup import configure_logging
from integrations.nlg.constants import phrasing_constants
from integrations.nlg.overrides import PhrasingOverrides
from integrations.nlg.phrasing import (
    PhrasingBook,
    fill_placeholders,
    load_phrasing_dir,
    load_translations,
)
from integrations.nlg.router import router as nlg_router
from integrations.nlg.service import Phrasing
from integrations.observability.metrics import Metrics
from integrations.observability.metrics import router as metrics_router
from integrations.phone.calls import CallState
from integrations.phone.router import router as phone_router
from integrations.redis_client import redis_client
from integrations.review.router import router as review_router
from integrations.review.store import ReviewMarks
from integrations.safety.guard import SafetyGuard
from integrations.safety.loading import shared_detector
from integrations.settings import Settings, get_settings
from integrations.staff.admin import router as staff_admin_router
from integrations.staff.audit import AuditLog
from integrations.staff.office_hours import office_open
from integrations.staff.router import PAGES as STAFF_PAGES
from integrations.staff.router import error_page as staff_error_page
from integrations.staff.router import router as staff_router
from integrations.staff.sessions import StaffSessions

# A chat message is at most a few KiB; a larger body is refused before it is read, with a
# Dutch answer. FastAPI's own limit (plain text) is the backstop for bodies without a length.
MAX_BODY_BYTES = 64 * 1024
# Rasa's NLG request carries the whole conversation (its tracker): it grows with every turn.
NLG_MAX_BODY_BYTES = 8 * 1024 * 1024
HARD_MAX_BODY_BYTES = NLG_MAX_BODY_BYTES
# HTTP errors a resident's browser can cause, and the phrase that explains them in Dutch.
HTTP_ERROR_PHRASES = {400: "utter_input_unreadable", 413: "utter_input_too_long"}
# Starlette's own English details, said in Dutch.
DUTCH_DETAILS = {
    "Not Found": "Dit adres bestaat niet.",
    "Method Not Allowed": "Dit kan niet op dit adres.",
}
# Static files may be kept by the browser; every other answer may hold personal data.
CACHEABLE_PREFIXES = ("/webchat/", "/staff/static/")

log = structlog.get_logger(__name__)


def fallback_text(settings: Settings) -> str:
    """When even the phrasing cannot be read: where to go, said plainly."""
    return (
        f"Er ging iets mis aan onze kant. Bel ons op {settings.contact_phone}. "
        f"Bij gevaar: bel {settings.emergency_number}."
    )


def fallback_twiml(settings: Settings) -> str:
    """A call that meets an unexpected error hears where to go, never silence."""
    answer = VoiceResponse()
    answer.say(
        "Er ging iets mis aan onze kant. "
        f"Bij gevaar: bel {' '.join(settings.emergency_number)}. "
        f"Denkt u aan zelfdoding? Bel {settings.suicide_prevention_number}.",
        language="nl-NL",
        voice=settings.twilio_voice,
    )
    return str(answer)


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # Nothing may use the microphone, camera or location; the chat page may use the
    # microphone for speaking a message (CHAT_PAGE_PERMISSIONS).
    "Permissions-Policy": "microphone=(), camera=(), geolocation=(), payment=(), usb=()",
}
CHAT_PAGE_PERMISSIONS = "microphone=(self), camera=(), geolocation=(), payment=(), usb=()"


def webchat_page(settings: Settings) -> str:
    """The chat page with the phone number and the "Snel weg" site from configuration."""
    template = (settings.webchat_dir / "index.html").read_text(encoding="utf-8")
    phone = settings.contact_phone
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    values = {
        "contact_phone": html.escape(phone),
        "contact_phone_digits": html.escape(digits),
        "quick_exit_url": html.escape(settings.quick_exit_url),
    }
    return fill_placeholders(template, values)


def chat_page_csp(settings: Settings) -> str:
    """The chat page may be framed by the widget on the municipality's own sites only."""
    ancestors = " ".join(["'self'", *settings.widget_origins])
    return SECURITY_HEADERS["Content-Security-Policy"].replace(
        "frame-ancestors 'none'", f"frame-ancestors {ancestors}"
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        phrases = load_phrasing_dir(settings.phrasing_dir)
        redis = redis_client(settings.effective_redis_url, settings.probe_timeout_seconds)
        # Event streams read through their own client: open streams never take the turns' pool.
        stream_redis = stream_redis_client(
            settings.effective_redis_url,
            settings.probe_timeout_seconds,
            settings.chat_streams_total,
        )
        async with httpx.AsyncClient() as http:
            app.state.settings = settings
            app.state.redis = redis
            app.state.stream_redis = stream_redis
            app.state.webchat_page = webchat_page(settings)
            app.state.webchat_csp = chat_page_csp(settings)
            translations = load_translations(settings.phrasing_dir)
            book = PhrasingBook(phrases, phrasing_constants(settings), translations)
            app.state.phrasing = Phrasing(
                book, PhrasingOverrides(redis), lambda: office_open(settings)
            )
            app.state.queue = HandoffQueue(
                redis,
                lease_ms=int(settings.handoff_lease_seconds * 1000),
                open_ttl_seconds=settings.conversation_ttl_seconds,
            )
            app.state.audit = AuditLog(redis)
            app.state.calls = CallState(redis, settings.conversation_ttl_seconds)
            app.state.stats = Stats(redis)
            try:
                await app.state.queue.ensure_groups()
            except RedisError:
                log.warning("handoff.queue_not_ready", reason="redis")
            app.state.staff_sessions = StaffSessions(redis, settings.staff_session_ttl_seconds)
            app.state.b1 = B1Checker(load_rules(), dutch_zipf)
            app.state.sessions = SessionStore(
                redis, settings.conversation_ttl_seconds, settings.chat_unused_sessions_per_address
            )
            app.state.rate_limiter = RateLimiter(redis)
            app.state.cases = CaseStore(redis, settings.conversation_ttl_seconds, settings.timezone)
            app.state.callbacks = CallbackAsks(redis, settings.conversation_ttl_seconds)
            app.state.review_marks = ReviewMarks(redis, settings.review_marks_ttl_seconds)
            app.state.feedback = Feedback(
                FeedbackStore(redis, settings.conversation_ttl_seconds),
                app.state.cases,
                app.state.stats,
                app.state.phrasing,
                settings.timezone,
            )
            agenda = build_agenda(settings, redis, http, app.state.cases)
            app.state.agenda, app.state.holds, app.state.sms = (
                agenda.service,
                agenda.holds,
                agenda.sms,
            )
            app.state.appointments = build_conductor(
                app.state, redis, agenda.service, agenda.sms, settings.conversation_ttl_seconds
            )
            app.state.rasa = RasaClient(
                http,
                settings.rasa_servers,
                settings.rasa_timeout_seconds,
                settings.rasa_auth_token.get_secret_value(),
            )
            app.state.languages = ConversationLanguages(
                shared_reader(), redis, settings.conversation_ttl_seconds
            )
            app.state.safety = SafetyGuard(
                shared_detector(settings.safety_by_meaning),
                redis,
                settings.conversation_ttl_seconds,
                app.state.phrasing,
                app.state.rasa,
                app.state,
            )
            timeout = settings.probe_timeout_seconds
            app.state.probes = {
                "rasa": rasa_probe(
                    http,
                    settings.rasa_servers,
                    timeout,
                    settings.rasa_auth_token.get_secret_value(),
                ),
                "action_server": action_server_probe(http, settings.action_server_url, timeout),
                "redis": redis_probe(redis, timeout),
            }
            try:
                yield
            finally:
                await redis.aclose()
                await stream_redis.aclose()

    app = FastAPI(
        title="Toegang Assistent gateway", lifespan=lifespan, max_body_size=HARD_MAX_BODY_BYTES
    )
    app.state.metrics = Metrics()

    app.add_middleware(
        GatewayEdge,
        internal_port=settings.internal_port,
        security_headers=SECURITY_HEADERS,
        cacheable_prefixes=CACHEABLE_PREFIXES,
        body_limit=lambda path: NLG_MAX_BODY_BYTES if path == "/nlg" else MAX_BODY_BYTES,
    )

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> Response:
        # Answered outside the middleware: the security headers are set here too.
        log.error("gateway.unexpected_error", error=type(exc).__name__, path=request.url.path)
        response: Response
        path = request.url.path
        if path.startswith("/twilio/"):
            response = Response(fallback_twiml(settings), media_type="text/xml")
        elif path.startswith("/staff/") and not path.startswith("/staff/api/"):
            response = staff_error_page(500)  # a staff page: a Dutch page, JSON only for APIs
        else:
            try:
                text = await request.app.state.phrasing.text("utter_technical_problem")
            except Exception:
                text = fallback_text(settings)
            response = JSONResponse(status_code=500, content={"detail": text})
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(RequestValidationError)
    async def unreadable_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # Malformed JSON, binary data, wrong types: a clear answer in Dutch, never a trace.
        text = await request.app.state.phrasing.text("utter_input_unreadable")
        return JSONResponse(status_code=422, content={"detail": text})

    @app.exception_handler(HTTPException)
    async def kind_http_error(request: Request, exc: HTTPException) -> Response:
        from integrations.phone import gate  # Twilio plays what it gets: TwiML there

        if gate.is_twilio_path(request.url.path):
            return await gate.refusal(request, exc.status_code)
        path = request.url.path
        if path.startswith("/staff/") and not path.startswith("/staff/api/"):
            return staff_error_page(exc.status_code)  # a Dutch page, with the way back
        if exc.detail in DUTCH_DETAILS:
            exc = HTTPException(exc.status_code, DUTCH_DETAILS[exc.detail], exc.headers)
        phrase = HTTP_ERROR_PHRASES.get(exc.status_code)
        if phrase is None:
            return await http_exception_handler(request, exc)
        text = await request.app.state.phrasing.text(phrase)
        return JSONResponse(status_code=exc.status_code, content={"detail": text})

    app.include_router(health_router)
    app.include_router(chat_router)
    app.include_router(feedback_router)
    app.include_router(nlg_router)
    app.include_router(cases_staff_router)
    app.include_router(cases_internal_router)
    app.include_router(staff_router)
    app.include_router(staff_admin_router)
    app.include_router(review_router)
    app.include_router(phone_router)
    app.include_router(agenda_resident_router)
    app.include_router(agenda_staff_router)
    app.include_router(appointments_router)
    app.include_router(metrics_router)

    @app.get("/", include_in_schema=False)
    async def chat_page(request: Request) -> HTMLResponse:
        csp = chat_page_csp(request.app.state.settings)
        return HTMLResponse(
            request.app.state.webchat_page,
            headers={"Content-Security-Policy": csp, "Permissions-Policy": CHAT_PAGE_PERMISSIONS},
        )

    app.mount("/webchat", StaticFiles(directory=settings.webchat_dir), name="webchat")
    app.mount("/staff/static", StaticFiles(directory=STAFF_PAGES), name="staff")
    return app
