"""Twilio Voice webhooks: the Dutch phone line. The conversation id is the CallSid.

The caller always reaches a person when something fails: Rasa slow or down, Redis down.
Every route sits behind `gate.TwilioRoute` (signature, replays, TwiML for every answer). A
call exists only after a signed /voice; no webhook takes an id that is not such a call (a
chat session's id, for one).
"""

import secrets
import time
from typing import Annotated, Any

import structlog
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from redis.exceptions import RedisError

from integrations.cases.record import Case, CaseUpdate, Handoff, Urgency
from integrations.cases.store import CaseStore
from integrations.cases.summary import resident_summary
from integrations.chat.rasa_client import RasaClient, RasaUnavailable
from integrations.chat.schemas import BotMessage
from integrations.chat.session_store import SessionStore
from integrations.feedback.rules import is_feedback_menu, rating_of_answer
from integrations.feedback.service import Feedback
from integrations.handoff.queue import HandoffQueue
from integrations.logging_setup import bind_conversation
from integrations.nlg.service import Phrasing
from integrations.observability.metrics import Metrics
from integrations.phone import twiml
from integrations.phone.calls import CallState
from integrations.phone.fields import is_call_sid
from integrations.phone.gate import PREFIX, TwilioRoute, xml
from integrations.phone.keypad import answer_from_keys, keypad_menu
from integrations.phone.signature import signed_twilio_form
from integrations.privacy.messages import kept_out, with_note_first
from integrations.safety.guard import SafetyGuard, Screened
from integrations.settings import Settings

log = structlog.get_logger(__name__)
router = APIRouter(prefix=PREFIX, tags=["phone"], route_class=TwilioRoute)

TwilioForm = Annotated[dict[str, str], Depends(signed_twilio_form)]
DIAL_VEILIG_THUIS = "dial:veilig_thuis"
DIAL_AANMELDTEAM = "dial:aanmeldteam"
MAX_SILENCES = 2
MAX_DIGITS = 32  # a phone number, a postcode or a menu choice; more is not an answer
NO_ANSWER_TEXTS = {
    "suicide_prevention": "utter_safety_no_answer_113",
    "veilig_thuis": "utter_safety_no_answer_veilig_thuis",
}
ANSWERED = {"completed", "answered"}


class Line:
    """One webhook's view of the call: the parts of the gateway it uses."""

    def __init__(self, request: Request) -> None:
        state = request.app.state
        self.settings: Settings = state.settings
        self.phrasing: Phrasing = state.phrasing
        self.cases: CaseStore = state.cases
        self.sessions: SessionStore = state.sessions
        self.queue: HandoffQueue = state.queue
        self.rasa: RasaClient = state.rasa
        self.calls: CallState = state.calls
        self.metrics: Metrics = state.metrics
        self.safety: SafetyGuard = state.safety
        self.feedback: Feedback = state.feedback
        # Each answer listens on its own URL: an equal answer to the next question is new.
        self.config = twiml.config_from(self.settings, step=secrets.token_urlsafe(6))

    async def say(self, name: str, **slots: str) -> str:
        return str((await self.phrasing.render(name, "phone", slots))["text"])

    async def plainly_to_a_person(self, reason: str) -> str:
        """Put the caller through without touching a case: for an id that is not a call."""
        log.warning("phone.not_a_call", reason=reason)
        technical = await self.say("utter_technical_problem")
        return twiml.transfer(self.config, [technical], self.config.aanmeldteam)

    async def to_a_person(
        self,
        call_sid: str,
        reason: str,
        texts: list[str] | None = None,
        urgency: Urgency = "hoog",
    ) -> str:
        """Put the caller through to the aanmeldteam; the case goes along when it can."""
        warm = call_sid
        try:
            await self.cases.update(
                call_sid, CaseUpdate(handoff=Handoff(reason=reason, urgency=urgency))
            )
            await self.queue.enqueue(call_sid, urgency, reason, "overdracht")
        except RedisError:
            warm = ""  # no case to whisper: a plain transfer still reaches a person
        spoken = texts if texts is not None else [await self.say("utter_phone_transfer")]
        return twiml.transfer(self.config, spoken, self.config.aanmeldteam, warm or None)

    async def turn(self, call_sid: str, message: str) -> str:
        """One turn with the assistant, and what the line does with the answer."""
        started = time.perf_counter()
        bind_conversation(call_sid)
        said_first: list[BotMessage] = []  # what the safety protocol says before Rasa
        if message != "/greet":
            signal = self.safety.detect(message)
            screened = await self.safety.screen(call_sid, message, "phone", signal)
            if screened.handled:
                await self.record(call_sid, message, screened.messages)
                return await self.safety_answer(call_sid, screened)
            said_first = screened.messages
        before = await self.cases.get(call_sid)
        try:
            replies = await self.rasa.send(
                call_sid,
                message,
                metadata={"channel": "phone"},
                timeout=self.settings.phone_rasa_timeout_seconds,
            )
        except RasaUnavailable as exc:
            log.error("phone.rasa_unavailable", reason=str(exc))
            self.metrics.errors.labels("rasa_unavailable").inc()
            technical = await self.say("utter_technical_problem")
            return await self.to_a_person(call_sid, "assistent niet bereikbaar", [technical])
        if not replies:
            technical = await self.say("utter_technical_problem")
            return await self.to_a_person(call_sid, "assistent gaf geen antwoord", [technical])
        await self.safety.after_rasa(call_sid, replies, "phone")
        replies = [*said_first, *replies]
        await self.record(call_sid, message, replies)
        after = await self.cases.get(call_sid)
        document = await self.answer(call_sid, replies, before, after)
        self.metrics.turns.labels("phone").inc()
        self.metrics.turn_seconds.labels("phone").observe(time.perf_counter() - started)
        return document

    async def safety_answer(self, call_sid: str, screened: Screened) -> str:
        """Say the protocol's texts; put the caller through where it says so, with a clear
        next step when that line does not answer (see `dial_status`)."""
        texts = [m.text for m in screened.messages]
        dial = screened.step.dial
        if dial == "suicide_prevention":
            number = self.settings.suicide_prevention_dial
            return twiml.transfer(self.config, texts, number, after=dial)
        if dial == "veilig_thuis":
            number = self.settings.veilig_thuis_dial
            return twiml.transfer(self.config, texts, number, after=dial)
        if dial == "aanmeldteam":
            change = screened.step.case
            reason = (change.handoff_reason if change else None) or "crisis"
            urgency: Urgency = "acuut" if change is None or change.urgency == "acuut" else "hoog"
            spoken = [*texts, await self.say("utter_phone_transfer")]
            return await self.to_a_person(call_sid, reason, spoken, urgency)
        await self.calls.save_menu(call_sid, [], {})
        return twiml.ask(self.config, texts)

    async def answer(
        self, call_sid: str, replies: list[BotMessage], before: Case | None, after: Case | None
    ) -> str:
        texts = [r.text for r in replies]
        if after is None:
            return twiml.ask(self.config, texts)
        new_route = after.route != (before.route if before else None)
        new_handoff = after.handoff is not None and (
            before is None or before.handoff != after.handoff
        )
        if after.route == "crisis" and (new_route or new_handoff):
            if after.topic == "suicide":
                return twiml.transfer(self.config, texts, self.settings.suicide_prevention_dial)
            return twiml.transfer(self.config, texts, self.config.aanmeldteam, call_sid)
        if after.route == "veilig_thuis" and new_route:
            offer = await self.say("utter_phone_veilig_thuis_menu")
            choices = {"1": DIAL_VEILIG_THUIS, "2": DIAL_AANMELDTEAM}
            await self.calls.save_menu(call_sid, [offer], choices)
            return twiml.ask(self.config, [*texts, offer])
        if new_handoff:
            return twiml.transfer(self.config, texts, self.config.aanmeldteam, call_sid)
        # After the goodbye: how did it go? A keypad question the caller may skip (feedback/).
        question = await self.feedback.phone_question(call_sid, texts)
        if question is not None:
            await self.calls.save_menu(call_sid, [question.spoken], question.choices)
            return twiml.ask(self.config, [*texts, question.spoken])
        template = await self.say("utter_phone_choice")
        menu = keypad_menu(replies[-1].buttons, template)
        await self.calls.save_menu(call_sid, menu.spoken, menu.choices)
        return twiml.ask(self.config, [*texts, *menu.spoken])

    async def record(self, call_sid: str, message: str, replies: list[BotMessage]) -> None:
        said = {"payload": message} if message.startswith("/") else {"text": message}
        entries: list[dict[str, object]] = [{"sender": "resident", **said}]
        entries += [{"sender": "bot", "text": r.text} for r in replies]
        try:
            await self.cases.append_transcript(call_sid, entries)
        except RedisError:
            log.error("phone.transcript_failed", reason="redis")


@router.post("/voice")
async def incoming_call(request: Request, form: TwilioForm) -> Response:
    line = Line(request)
    call_sid = form.get("CallSid", "")
    if not is_call_sid(call_sid):
        return xml(await line.plainly_to_a_person("no CallSid"))
    try:
        case = await line.cases.get(call_sid)
        if case is not None and case.channel != "phone":
            return xml(await line.plainly_to_a_person("a chat conversation's id"))
        await line.sessions.ensure(call_sid, "phone")
        if case is None:
            await line.cases.create(call_sid, "phone")
        await line.calls.start(call_sid, form.get("From"))
    except RedisError:
        log.error("phone.redis_unavailable")
        technical = await line.say("utter_technical_problem")
        return xml(twiml.transfer(line.config, [technical], line.config.aanmeldteam))
    return xml(await line.turn(call_sid, "/greet"))


@router.post("/gather")
async def gathered(request: Request, form: TwilioForm) -> Response:
    line = Line(request)
    call_sid = form.get("CallSid", "")
    speech = form.get("SpeechResult", "").strip()
    digits = form.get("Digits", "").strip()
    if not is_call_sid(call_sid):
        return xml(await line.plainly_to_a_person("no CallSid"))
    try:
        if not await line.calls.known(call_sid):
            return xml(await line.plainly_to_a_person("unknown call"))
        spoken, choices = await line.calls.menu(call_sid)
        if len(speech) > line.settings.max_message_chars or len(digits) > MAX_DIGITS:
            too_long = await line.say("utter_phone_too_long")
            return xml(twiml.ask(line.config, [too_long, *spoken]))
        if not speech and not digits:
            if is_feedback_menu(choices):  # the feedback question is skipped: goodbye
                return xml(twiml.goodbye(line.config, [await line.say("utter_phone_goodbye")]))
            if await line.calls.missed(call_sid) > MAX_SILENCES:
                return xml(await line.to_a_person(call_sid, "geen antwoord van de beller"))
            not_heard = await line.say("utter_phone_not_heard")
            return xml(twiml.ask(line.config, [not_heard, *spoken]))
        await line.calls.heard(call_sid)
    except RedisError:
        technical = await line.say("utter_technical_problem")
        return xml(twiml.transfer(line.config, [technical], line.config.aanmeldteam))
    # A BSN or IBAN, said or typed, goes no further than this.
    message = kept_out(request, answer_from_keys(digits, choices) if digits else speech)
    rating = rating_of_answer(message, choices)
    if rating is not None:
        try:
            await line.feedback.answer(call_sid, rating, None)
        except RedisError:
            log.error("phone.feedback_not_kept", reason="redis")
        thanks = await line.feedback.thanks("phone")
        return xml(twiml.goodbye(line.config, [thanks]))
    if message == DIAL_VEILIG_THUIS:
        return xml(twiml.transfer(line.config, [], line.settings.veilig_thuis_dial))
    if message == DIAL_AANMELDTEAM:
        return xml(await line.to_a_person(call_sid, "veilig_thuis"))
    if not message:
        not_heard = await line.say("utter_phone_not_heard")
        return xml(twiml.ask(line.config, [not_heard, *spoken]))
    return xml(await with_note_first(request, await line.turn(call_sid, message)))


@router.post("/whisper")
async def whisper(request: Request, form: TwilioForm) -> Response:
    """Heard by the staff member who picks up, before the caller is put through."""
    line = Line(request)
    session_id = request.query_params.get("session", "")
    case = await line.cases.get(session_id) if await line.calls.known(session_id) else None
    summary = resident_summary(case) if case and case.channel == "phone" else []
    return xml(twiml.whisper(line.config, summary, session_id))


@router.post("/whisper-accept")
async def whisper_accept(request: Request, form: TwilioForm) -> Response:
    line = Line(request)
    session_id = request.query_params.get("session", "")
    if form.get("Digits") != "1":
        return xml(twiml.goodbye(line.config, []))
    if await line.calls.known(session_id):  # only a call's handoff; never a chat's
        await line.queue.take(session_id)
    return xml(twiml.empty())  # empty TwiML: the two calls are connected


@router.post("/dial-status")
async def dial_status(request: Request, form: TwilioForm) -> Response:
    """After a transfer: answered, or a callback request and a kind goodbye."""
    line = Line(request)
    call_sid = form.get("CallSid", "")
    if form.get("DialCallStatus") in ANSWERED:
        return xml(twiml.goodbye(line.config, []))
    after = request.query_params.get("after")
    if after in NO_ANSWER_TEXTS:
        # 113 or Veilig Thuis did not answer: their number to call, and the line stays open.
        # Never a callback on caller ID: nobody asked whether that number is safe.
        return xml(twiml.ask(line.config, [await line.say(NO_ANSWER_TEXTS[after])]))
    try:
        known = is_call_sid(call_sid) and await line.calls.known(call_sid)
    except RedisError:
        known = False
    if not known:  # no case to keep a callback in: the caller hears how to go on
        log.warning("phone.not_a_call", reason="unknown call after a transfer")
        call_again = await line.say("utter_phone_no_answer_call_again")
        return xml(twiml.goodbye(line.config, [call_again]))
    try:
        caller = await line.calls.caller(call_sid)
        update: dict[str, Any] = {
            "handoff": Handoff(reason="terugbelverzoek telefoon", urgency="hoog"),
        }
        if caller:
            update["intake"] = {"phone_number": caller}
        await line.cases.update(call_sid, CaseUpdate(**update))
        await line.queue.enqueue(call_sid, "hoog", "terugbelverzoek telefoon", "terugbelverzoek")
    except RedisError:
        log.error("phone.callback_not_saved", reason="redis")
    return xml(twiml.goodbye(line.config, [await line.say("utter_phone_no_answer")]))


@router.post("/status")
async def call_status(request: Request, form: TwilioForm) -> Response:
    log.info("phone.call_status", status=form.get("CallStatus"))
    return xml(twiml.empty())
