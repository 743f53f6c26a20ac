"""Twilio Voice webhooks: the Dutch phone line. The conversation id is the CallSid.

What the caller hears is written for the ear (`twiml`, `keypad`, `speakable`), and what is
said and what is done agree:
- a transfer is announced ("Ik verbind u door met ...") and goes only to a line that is
  open; when nobody answers, the caller hears the next step (a callback on a number they
  gave or confirmed, or the number to call);
- a callback request has the urgency of its route, never more;
- "Tot ziens" ends the call: the line hangs up. Silence twice: "Ik hoor u niet", a goodbye,
  and a hang-up, never a callback nobody asked for;
- "Zeg het nog een keer" and key 9 repeat the last question once, slower; a key that is
  not on the menu is no answer; speech heard with low confidence is checked back.

When something fails (Rasa slow or down, Redis down) the caller is put through to a person.
Every route sits behind `gate.TwilioRoute` (signature, replays, TwiML for every answer). A
call exists only after a signed /voice; no webhook takes an id that is not such a call (a
chat session's id, for one).
"""

import re
import secrets
import time
from typing import Annotated

import structlog
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from redis.exceptions import RedisError

from integrations.cases.record import (
    Case,
    CaseUpdate,
    ContactUpdate,
    Handoff,
    Urgency,
    disclosed,
)
from integrations.cases.store import CaseStore
from integrations.chat.openings import without_greeting
from integrations.chat.rasa_client import RasaClient, RasaUnavailable
from integrations.chat.schemas import BotButton, BotMessage
from integrations.chat.session_store import SessionStore
from integrations.feedback.rules import is_feedback_menu, is_no_rating, rating_of_answer
from integrations.feedback.service import Feedback
from integrations.handoff.queue import HandoffQueue
from integrations.languages.decision import RASA_LANGUAGES, answer_language
from integrations.languages.detection import DUTCH, ENGLISH
from integrations.languages.store import ConversationLanguages
from integrations.logging_setup import bind_conversation
from integrations.nlg.overrides import Wording
from integrations.nlg.service import Phrasing
from integrations.numbers.phone_numbers import caller_number, is_hidden, phone_number
from integrations.numbers.words import digits_in
from integrations.observability.metrics import Metrics
from integrations.phone import twiml
from integrations.phone.calls import CallState
from integrations.phone.dialogue import (
    Asked,
    Expects,
    Next,
    Pending,
    Said,
    callback_start,
    check_answer,
    number_answer,
)
from integrations.phone.fields import is_call_sid
from integrations.phone.gate import PREFIX, TwilioRoute, xml
from integrations.phone.keypad import REPEAT_PAYLOAD, choice_said, keypad_menu, read_keys
from integrations.phone.signature import signed_twilio_form
from integrations.phone.whisper import staff_whisper
from integrations.privacy.messages import kept_out, with_note_first
from integrations.safety.guard import SafetyGuard, Screened
from integrations.safety.lexicon import SafetySignal
from integrations.safety.protocol import SafetyState
from integrations.safety.protocol import step as safety_step
from integrations.settings import Settings
from integrations.staff.office_hours import office_open

log = structlog.get_logger(__name__)
router = APIRouter(prefix=PREFIX, tags=["phone"], route_class=TwilioRoute)

TwilioForm = Annotated[dict[str, str], Depends(signed_twilio_form)]
MAX_SILENCES = 2  # the second silence in a row ends the call (in the protocol: see `silent`)
# Kept in the case's safe contact when a caller after a Veilig Thuis disclosure says that the
# callback number is safe to call (`Line.number_next`).
SAFE_NUMBER = "Terugbellen op dit nummer is veilig, zei de beller."
# The goodbye to a caller who says nothing, by the safety protocol's stage: its numbers.
# What a silent caller in the protocol hears before being put through (`Line.silent`).
SILENT_TRANSFERS = {
    "suicide_prevention": "utter_phone_silent_113",
    "veilig_thuis": "utter_phone_silent_veilig_thuis",
}
# (Danger now or no place to sleep: the goodbye with 112, never 113.)
SILENT_GOODBYES = {
    "asked": "utter_phone_not_heard_crisis",
    "suicide": "utter_phone_not_heard_crisis",
    "violence": "utter_phone_not_heard_veilig_thuis",
}
MAX_DIGITS = 32  # a phone number, a postcode or a menu choice; more is not an answer
NO_ANSWER_TEXTS = {
    "suicide_prevention": "utter_safety_no_answer_113",
    "veilig_thuis": "utter_safety_no_answer_veilig_thuis",
    "shelter_night": "utter_safety_no_answer_shelter",
}
ANSWERED = {"completed", "answered"}
CALLBACK_REASON = "terugbelverzoek telefoon"
OTHER_LANGUAGE = "utter_other_language"
OTHER_LANGUAGE_LATER = "utter_other_language_call_again"
OFFER_ENGLISH = "utter_other_language_offer_english"
OTHER_LANGUAGE_REASON = "spreekt een andere taal: tolk nodig"
PERSON_REASON = "vraagt om een medewerker"
# Responses of Rasa the line must recognise to do what they say.
KNOWN = {
    "goodbye": "utter_goodbye",
    "say_again": "utter_say_again",
    "say_simpler": "utter_say_simpler",
    "handoff": "utter_handoff",
    "crisis_person": "utter_crisis_person",
    "veilig_thuis_person": "utter_veilig_thuis_person",
    "phone_number": "utter_ask_phone_number",
    "phone_invalid": "utter_phone_invalid",
    "sms_number": "utter_ask_sms_number",
    "wijk": "utter_ask_wijk",
    "postcode": "utter_ask_postcode",
    "house_number": "utter_ask_house_number",
    "call_number": "utter_ask_call_number",
    "callback_number": "utter_ask_callback_number",
    "detail": "utter_ask_detail",
    "code_detail": "utter_ask_code_detail",
    "code": "utter_ask_code",
}
EXPECTS: dict[str, Expects] = {
    "phone_number": "phone_number",
    "phone_invalid": "phone_number",
    "sms_number": "phone_number",
    "wijk": "postcode",
    "postcode": "postcode",
    "house_number": "house_number",
    "call_number": "phone_number",
    "callback_number": "phone_number",
    "detail": "house_number",
    "code_detail": "house_number",
    "code": "code",
}
ANNOUNCED = re.compile(r"\bverbind (u|ik u)\b|\bputting you through\b", re.IGNORECASE)


class Line:
    """One webhook's view of the call: the parts of the gateway it uses."""

    def __init__(self, request: Request) -> None:
        state = request.app.state
        self.request = request
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
        teams = state.agenda.registry.teams.values()
        places = [place for team in teams for place in (*team.wijken, *team.villages)]
        self.languages: ConversationLanguages = state.languages
        self.language = DUTCH  # the call's language (integrations/languages)
        # Each answer listens on its own URL: an equal answer to the next question is new.
        self._step = secrets.token_urlsafe(6)
        self._places = places
        self.config = twiml.config_from(self.settings, self._step, places)
        self._said: dict[tuple[str, tuple[tuple[str, str], ...]], BotMessage] = {}

    def speak(self, language: str) -> None:
        """Say everything from now on in the call's `language` (its voice, or English)."""
        if language != self.language:
            self.language = language
            self.config = twiml.config_from(self.settings, self._step, self._places, language)
            self._said.clear()

    # --- what the line says ---------------------------------------------------------

    async def rendered(self, name: str, **slots: str) -> BotMessage:
        """A text as the phone says it now (staff changes included), once per webhook."""
        return await self._rendered(name, None, slots)

    async def _rendered(
        self, name: str, wording: Wording | None, slots: dict[str, str]
    ) -> BotMessage:
        key = (name, tuple(sorted(slots.items())))
        if key not in self._said:
            language = answer_language(self.language)
            out = await self.phrasing.render(
                name, "phone", slots, wording=wording, language=language
            )
            buttons = [BotButton(**b) for b in out.get("buttons", [])]  # type: ignore[attr-defined]
            self._said[key] = BotMessage(text=str(out["text"]), buttons=buttons)
        return self._said[key].model_copy(deep=True)

    async def say(self, name: str, **slots: str) -> str:
        return (await self.rendered(name, **slots)).text

    async def recognised(self, texts: list[str]) -> set[str]:
        """Which of Rasa's responses the line must act on were said."""
        said = set(texts)
        # One read of the staff changes for all of them: this runs on every turn.
        wordings = await self.phrasing.current_many(list(KNOWN.values()))
        return {
            key
            for key, name in KNOWN.items()
            if (await self._rendered(name, wordings[name], {})).text in said
        }

    async def ask(self, call_sid: str, messages: list[BotMessage], expects: Expects = "") -> str:
        """Say the messages and ask; the last one's buttons are the menu. Kept as the
        question the caller heard, for a key, a silence or "zeg het nog een keer"."""
        template = await self.say("utter_phone_choice")
        repeat_line = await self.say("utter_phone_repeat_choice", number="9")
        buttons = messages[-1].buttons if messages else []
        menu = keypad_menu(buttons, template, repeat_line, answer_language(self.language))
        texts = [m.text for m in messages]
        try:
            asked = Asked(texts, menu.spoken, menu.choices, expects, menu.words)
            await self.calls.save_asked(call_sid, asked)
        except RedisError:  # the question is still asked; a key is then read as text
            log.warning("phone.question_not_kept", reason="redis")
        return twiml.ask(self.config, [*texts, *menu.spoken])

    async def said(self, phrases: list[Said]) -> list[BotMessage]:
        return [await self.rendered(p.name, **p.values) for p in phrases]

    async def again(self, asked: Asked, preface: str) -> str:
        """The last question once more, slower, after one short preface (never stacked)."""
        return twiml.ask(self.config, [preface], slow=[*asked.texts, *asked.menu])

    # --- a person -------------------------------------------------------------------

    async def plainly_to_a_person(self, reason: str) -> str:
        """Put the caller through without touching a case: for an id that is not a call."""
        log.warning("phone.not_a_call", reason=reason)
        technical = await self.say("utter_technical_problem")
        return twiml.transfer(self.config, [technical], self.config.aanmeldteam)

    async def without_state(self, reason: str, heard: str = "") -> str:
        """No call state to go on (Redis down, an id that is not a call of this line). What
        was heard is still read for safety: 113, Veilig Thuis and 112 are answered and put
        through from a fresh state. Otherwise a person in office hours; outside them a kind
        goodbye that names 113 and 112, never a transfer to a closed team."""
        log.warning("phone.without_state", reason=reason)
        open_now = office_open(self.settings)
        signal = self.safety.detect(heard) if heard and not heard.startswith("/") else None
        if signal is not None:
            _, result = safety_step(SafetyState(), heard, signal, "phone", open_now)
            texts = [await self.say(name) for name in result.phrases]
            number = self.help_line(result.dial)
            if number is not None:
                return twiml.transfer(self.config, texts, number, after=result.dial)
            if result.dial == "aanmeldteam":
                spoken = [*texts, await self.say("utter_phone_transfer")]
                return twiml.transfer(self.config, spoken, self.config.aanmeldteam)
            return twiml.ask(self.config, texts)
        if open_now:
            technical = await self.say("utter_technical_problem")
            return twiml.transfer(self.config, [technical], self.config.aanmeldteam)
        if not heard:  # the call has just begun: the caller can still say why they call
            return twiml.ask(self.config, [await self.say("utter_phone_down_closed_ask")])
        return twiml.goodbye(self.config, await self.down_closed())

    async def down_closed(self) -> list[str]:
        """A fault and nobody at work: 113 and 112, and when to call again."""
        return [
            await self.say("utter_phone_down_closed"),
            await self.say("utter_phone_down_closed_bye"),
        ]

    async def wrong_key(self, call_sid: str, asked: Asked) -> str:
        """A key that is not on the menu: the menu once more; the second time in a row a
        person (in office hours) or a call back, never round again."""
        try:
            wrong = await self.calls.wrong_key(call_sid)
        except RedisError:
            wrong = 1
        if wrong < 2:
            return twiml.ask(self.config, [await self.say("utter_phone_wrong_key"), *asked.menu])
        stuck = await self.say("utter_phone_keys_person")
        if office_open(self.settings):
            return await self.to_a_person(call_sid, "toetsen passen niet bij de vraag", [stuck])
        try:
            await self.queue.enqueue(call_sid, "normaal", CALLBACK_REASON, "terugbelverzoek")
            return await self.start_callback(call_sid, [stuck])
        except RedisError:
            return twiml.goodbye(self.config, await self.down_closed())

    async def technical(self, call_sid: str, reason: str) -> str:
        """The assistant failed (Rasa down, slow or silent). In office hours: a person.
        Outside them nobody answers that line: the caller is asked where to call back (the
        case keeps it in the queue), never put through to a closed team. (Safety messages
        never get here: the protocol answers them before Rasa.)"""
        if office_open(self.settings):
            technical = await self.say("utter_technical_problem")
            return await self.to_a_person(call_sid, reason, [technical])
        sorry = await self.say("utter_technical_problem_closed")
        try:
            case = await self.cases.get(call_sid)
            urgency: Urgency = case.urgency if case else "normaal"
            handoff = Handoff(reason=reason, urgency=urgency)
            await self.cases.update(call_sid, CaseUpdate(handoff=handoff))
            await self.queue.enqueue(call_sid, urgency, CALLBACK_REASON, "terugbelverzoek")
            return await self.start_callback(call_sid, [sorry])
        except RedisError:
            log.error("phone.callback_not_saved", reason="redis")
        call_again = await self.say("utter_phone_no_answer_call_again")
        return twiml.goodbye(self.config, [sorry, call_again])

    async def to_a_person(
        self,
        call_sid: str,
        reason: str,
        texts: list[str] | None = None,
        urgency: Urgency | None = None,
    ) -> str:
        """Put the caller through to the aanmeldteam, announced; the case goes along when it
        can. The urgency is the route's (the case's), unless the caller's safety says more."""
        warm = call_sid
        try:
            case = await self.cases.get(call_sid)
            level: Urgency = urgency or (case.urgency if case else "normaal")
            await self.cases.update(
                call_sid, CaseUpdate(handoff=Handoff(reason=reason, urgency=level))
            )
            await self.queue.enqueue(call_sid, level, reason, "overdracht")
        except RedisError:
            warm = ""  # no case to whisper: a plain transfer still reaches a person
        spoken = list(texts) if texts is not None else []
        if not any(ANNOUNCED.search(t) for t in spoken):
            spoken.append(await self.say("utter_phone_transfer"))
        return twiml.transfer(self.config, spoken, self.config.aanmeldteam, warm or None)

    async def start_callback(self, call_sid: str, texts: list[str]) -> str:
        """Nobody can take the call now: ask where to call back, on a number the caller gave
        or confirms (the caller ID is only used when the caller says it may be)."""
        case = await self.cases.get(call_sid)
        given = phone_number((case.intake.get("phone_number") if case else None) or "")
        caller_id = await self.calls.caller(call_sid)
        caller = caller_number(caller_id)
        own = given is None and caller is not None
        safe = disclosed(case, "violence")  # after Veilig Thuis: is that number safe?
        plan = callback_start(given or caller, own, is_hidden(caller_id), safe)
        await self.calls.set_pending(call_sid, plan.pending)
        messages = [BotMessage(text=t) for t in texts] + await self.said(plan.say)
        return await self.ask(call_sid, messages, "phone_number")

    # --- a turn with the assistant ---------------------------------------------------

    async def turn(
        self,
        call_sid: str,
        message: str,
        asked: Asked,
        signal: SafetySignal | None = None,
        read: bool = False,
    ) -> str:
        """One turn with the assistant, and what the line does with the answer. `signal` is
        the safety signal already read in this message (read once per turn); `read` when the
        safety reader read the caller's words (a signal or none)."""
        started = time.perf_counter()
        bind_conversation(call_sid)
        said_first: list[BotMessage] = []  # what the safety protocol says before Rasa
        heard = message  # what Rasa answers: after "nee" to the caring question, the held one
        if message != "/greet":
            screened = await self.safety.screen(
                call_sid, message, "phone", signal, answer_language(self.language)
            )
            if screened.handled:
                await self.record(call_sid, message, screened.messages)
                return await self.safety_answer(call_sid, screened)
            said_first = screened.messages
            heard = screened.step.rasa_text or message
        if self.language not in RASA_LANGUAGES:
            return await self.other_language(call_sid, message, said_first)
        before = await self.cases.get(call_sid)
        try:
            replies = await self.rasa.send(
                call_sid,
                without_greeting(heard),  # "ja goedemorgen, ik bel voor ...": the need
                metadata=phone_metadata(
                    self.language,
                    safety_checked=heard != message,
                    read_clear=read and signal is None and heard == message,
                ),
                timeout=self.settings.phone_rasa_timeout_seconds,
            )
        except RasaUnavailable as exc:
            log.error("phone.rasa_unavailable", reason=str(exc))
            self.metrics.errors.labels("rasa_unavailable").inc()
            return await self.technical(call_sid, "assistent niet bereikbaar")
        if not replies:
            return await self.technical(call_sid, "assistent gaf geen antwoord")
        replies = await self.safety.after_rasa(
            call_sid, replies, "phone", answer_language(self.language), heard != message
        )
        replies = [*said_first, *replies]
        await self.record(call_sid, message, replies)
        after = await self.cases.get(call_sid)
        document = await self.answer(call_sid, replies, before, after, asked)
        self.metrics.turns.labels("phone").inc()
        self.metrics.turn_seconds.labels("phone").observe(time.perf_counter() - started)
        return document

    async def other_language(self, call_sid: str, message: str, first: list[BotMessage]) -> str:
        """A caller in a language the assistant does not speak: the way to a tolk in that
        language (its voice, or English), then a person in office hours; never a Dutch route."""
        open_now = office_open(self.settings)
        answer = await self.rendered(OTHER_LANGUAGE if open_now else OTHER_LANGUAGE_LATER)
        if open_now:
            await self.record(call_sid, message, [*first, answer])
            texts = [m.text for m in (*first, answer)]
            return await self.to_a_person(call_sid, OTHER_LANGUAGE_REASON, texts)
        # After hours: once, English is offered before the goodbye (it was one sentence and a
        # hang-up); "English" goes on in English (languages/decision.py).
        if await self.calls.other_language_answered(call_sid) == 1:
            offer = await self.phrasing.render(OFFER_ENGLISH, "phone", language=ENGLISH)
            english = BotMessage(text=str(offer["text"]))
            await self.record(call_sid, message, [*first, answer, english])
            return twiml.ask(self.config, [m.text for m in (*first, answer, english)])
        await self.record(call_sid, message, [*first, answer])
        return twiml.goodbye(self.config, [m.text for m in (*first, answer)])

    def help_line(self, dial: str | None) -> str | None:
        """The number of a help line the protocol puts a caller through to (113, Veilig
        Thuis, the police's night number); None for a person of the aanmeldteam or none."""
        numbers = {
            "suicide_prevention": self.settings.suicide_prevention_dial,
            "veilig_thuis": self.settings.veilig_thuis_dial,
            "shelter_night": self.settings.shelter_night_dial,
        }
        return numbers.get(dial or "")

    async def silent(self, call_sid: str) -> str:
        """The caller said nothing twice. In the safety protocol they may be unable to speak:
        put through once to 113 or Veilig Thuis (a line that does not answer gets its own
        next step, `dial_status`), and the goodbye names 113 and 112. Else gone, or unable
        to talk: a goodbye, and no callback nobody asked for."""
        dial, stage = await self.safety.silent(call_sid)
        await self.calls.heard(call_sid)  # a new count of silences after this
        number = self.help_line(dial)
        if dial is not None and number is not None:
            text = await self.say(SILENT_TRANSFERS[dial])
            return twiml.transfer(self.config, [text], number, after=dial)
        name = SILENT_GOODBYES.get(stage, "utter_phone_not_heard_goodbye")
        return twiml.goodbye(self.config, [await self.say(name)])

    async def safety_answer(self, call_sid: str, screened: Screened) -> str:
        """Say the protocol's texts; put the caller through where it says so, with a clear
        next step when that line does not answer (see `dial_status`)."""
        texts = [m.text for m in screened.messages]
        dial = screened.step.dial
        number = self.help_line(dial)
        if number is not None:
            return twiml.transfer(self.config, texts, number, after=dial)
        if dial == "aanmeldteam":
            change = screened.step.case
            reason = (change.handoff_reason if change else None) or "crisis"
            urgency: Urgency = "acuut" if change is None or change.urgency == "acuut" else "hoog"
            spoken = [*texts, await self.say("utter_phone_transfer")]
            return await self.to_a_person(call_sid, reason, spoken, urgency)
        if screened.step.callback and not office_open(self.settings):
            # A person asked for at night ("help" three times, "ja" to a person after a
            # disclosure): where to call back, never silence after "Nu is er niemand van de
            # gemeente" (after Veilig Thuis first whether that number is safe).
            return await self.start_callback(call_sid, texts)
        return await self.ask(call_sid, screened.messages)

    async def answer(
        self,
        call_sid: str,
        replies: list[BotMessage],
        before: Case | None,
        after: Case | None,
        asked: Asked,
    ) -> str:
        texts = [r.text for r in replies]
        said = await self.recognised(texts)
        if said & {"say_again", "say_simpler"}:  # once, slower; never stacked
            return await self.again(asked, await self.say("utter_phone_say_slower"))
        if after is None:
            return await self.ask(call_sid, replies)
        new_route = after.route != (before.route if before else None)
        new_handoff = after.handoff is not None and (
            before is None or before.handoff != after.handoff
        )
        open_now = office_open(self.settings)
        if after.route == "crisis" and (new_route or new_handoff):
            person = await self.say("utter_crisis_person")
            spoken = [t for t in texts if t != person]
            if after.topic == "suicide":  # 113 is there day and night
                if not any(ANNOUNCED.search(t) for t in spoken):
                    spoken.append(await self.say("utter_phone_transfer_113"))
                dial = self.settings.suicide_prevention_dial
                return twiml.transfer(self.config, spoken, dial, after="suicide_prevention")
            if open_now:
                return await self.to_a_person(call_sid, "crisis", spoken, "acuut")
            return await self.ask(call_sid, replies)  # 112 was said; the line stays open
        if after.route == "veilig_thuis" and new_route:
            person = await self.say("utter_veilig_thuis_person")
            spoken = [t for t in texts if t != person]
            if not any(ANNOUNCED.search(t) for t in spoken):
                spoken.append(await self.say("utter_phone_transfer_veilig_thuis"))
            dial = self.settings.veilig_thuis_dial
            return twiml.transfer(self.config, spoken, dial, after="veilig_thuis")
        if "handoff" in said or (after.route == "medewerker" and new_handoff):
            if not open_now:
                return await self.start_callback(call_sid, texts)
            handoff = after.handoff
            reason = handoff.reason if handoff else PERSON_REASON
            urgency = handoff.urgency if handoff else after.urgency
            return await self.to_a_person(call_sid, reason, texts, urgency)
        if "goodbye" in said:
            return await self.goodbye(call_sid, texts)
        expects: Expects = next((EXPECTS[key] for key in EXPECTS if key in said), "")
        return await self.ask(call_sid, replies, expects)

    async def goodbye(self, call_sid: str, texts: list[str]) -> str:
        """After the assistant's goodbye: how did it go? A keypad question the caller may
        skip by hanging up or staying silent (feedback/); else the line hangs up."""
        try:
            question = await self.feedback.phone_question(
                call_sid, texts, answer_language(self.language)
            )
            if question is None:
                return twiml.goodbye(self.config, texts)
            await self.calls.save_asked(call_sid, Asked(texts, [question.spoken], question.choices))
        except RedisError:
            log.warning("phone.feedback_not_asked", reason="redis")
            return twiml.goodbye(self.config, texts)
        return twiml.ask(self.config, [*texts, question.spoken])

    async def record(self, call_sid: str, message: str, replies: list[BotMessage]) -> None:
        said = {"payload": message} if message.startswith("/") else {"text": message}
        entries: list[dict[str, object]] = [{"sender": "resident", **said}]
        entries += [{"sender": "bot", "text": r.text} for r in replies]
        try:
            await self.cases.append_transcript(call_sid, entries)
        except RedisError:
            log.error("phone.transcript_failed", reason="redis")

    # --- the line's own talks ----------------------------------------------------------

    async def own_talk(
        self, call_sid: str, pending: Pending, message: str, keyed: bool, asked: Asked
    ) -> str:
        """An answer in a talk of the line's own: a phone number, or a check of speech."""
        if pending.kind == "check":
            verdict, words = check_answer(pending, message)
            await self.calls.set_pending(call_sid, None)
            before = Asked.from_json(pending.before) if pending.before else asked
            if verdict is False:
                again = await self.say("utter_phone_say_it_again")
                await self.calls.save_asked(call_sid, before)
                return twiml.ask(self.config, [again, *before.menu])
            return await self.turn(call_sid, words, before)
        caller_id = await self.calls.caller(call_sid)
        step = number_answer(
            pending, message, keyed, caller_number(caller_id), is_hidden(caller_id)
        )
        return await self.number_next(call_sid, pending, step, asked)

    async def number_next(self, call_sid: str, pending: Pending, step: Next, asked: Asked) -> str:
        await self.calls.set_pending(call_sid, step.pending)
        if step.pending is not None:
            return await self.ask(call_sid, await self.said(step.say), "phone_number")
        if pending.purpose == "rasa":
            if step.number:
                return await self.turn(call_sid, step.number, asked)
            return await self.turn(call_sid, step.to_rasa or "geen nummer", asked)
        if step.to_rasa:
            # Something else than a number for the callback: the conversation goes on.
            return await self.turn(call_sid, step.to_rasa, asked)
        if step.number:
            case = await self.cases.get(call_sid)
            # After a Veilig Thuis disclosure the caller was asked whether it is safe to call
            # this number (callback_start): the staff member reads that it is.
            safe = [SAFE_NUMBER] if disclosed(case, "violence") else []
            contact = ContactUpdate(safe_words=safe) if safe else None
            update = CaseUpdate(intake={"phone_number": step.number}, contact=contact)
            await self.cases.update(call_sid, update)
            # After suicidal thoughts: 113 once more before the goodbye (the call back may
            # only come on the next working day).
            saved = "utter_phone_callback_saved_113" if disclosed(case, "suicide") else None
            done = await self.say(saved or "utter_phone_callback_saved")
        else:
            done = await self.say("utter_phone_no_callback")
        return twiml.goodbye(self.config, [*(m.text for m in await self.said(step.say)), done])


def phone_metadata(
    language: str, safety_checked: bool, read_clear: bool = False
) -> dict[str, object]:
    """What Rasa hears with a spoken turn; `safety_checked` when the caring question was
    asked about this message already, `read_clear` when the safety reader found nothing in
    it (bot/components/safety_signal.py)."""
    metadata: dict[str, object] = {"channel": "phone", "language": language}
    if safety_checked:
        metadata["safety_checked"] = True
    if read_clear:
        metadata["safety_read_clear"] = True
    return metadata


def _confidence(form: dict[str, str]) -> float | None:
    """Twilio's Confidence (0 to 1); None when it is missing or says nothing (0)."""
    try:
        value = float(form.get("Confidence", ""))
    except ValueError:
        return None
    return value if 0 < value <= 1 else None


def _as_expected(speech: str, expects: Expects) -> str:
    """A postcode, house number or appointment code said in words goes on as digits
    ("negen vier nul acht")."""
    digits = digits_in(speech)
    if expects == "postcode" and re.fullmatch(r"94\d\d", digits):
        return digits
    if expects == "house_number" and re.fullmatch(r"\d{1,5}", digits):
        return digits
    if expects == "code" and re.fullmatch(r"\d{6}", digits):
        return digits
    return speech


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
        return xml(await line.without_state("redis"))
    return xml(await line.turn(call_sid, "/greet", Asked()))


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
            return xml(await line.without_state("unknown call", kept_out(request, speech)))
        line.speak(await line.languages.of(call_sid))
        asked = await line.calls.asked(call_sid)
        pending = await line.calls.pending(call_sid)
        if len(speech) > line.settings.max_message_chars or len(digits) > MAX_DIGITS:
            too_long = await line.say("utter_phone_too_long")
            return xml(twiml.ask(line.config, [too_long, *asked.menu]))
        if not speech and not digits:
            if is_feedback_menu(asked.choices):  # the feedback question is skipped: goodbye
                return xml(twiml.goodbye(line.config, [await line.say("utter_phone_goodbye")]))
            if await line.calls.missed(call_sid) >= MAX_SILENCES:
                return xml(await line.silent(call_sid))
            return xml(await line.again(asked, await line.say("utter_phone_not_heard")))
        keys = read_keys(digits, asked.choices) if digits else None
        wrong_key = keys is not None and keys[0] == "wrong" and asked.expects != "house_number"
        await line.calls.heard(call_sid, wrong_key)
    except RedisError:
        return xml(await line.without_state("redis", kept_out(request, speech)))
    keyed = False
    if keys is not None:
        kind, value = keys
        if wrong_key:
            return xml(await line.wrong_key(call_sid, asked))
        keyed = kind != "choice"
        said = value
    else:
        said = choice_said(speech, asked.words) or speech
    # A BSN or IBAN, said or typed, goes no further than this.
    message = kept_out(request, said)
    if speech and message == speech:  # words said: in which language? (keys say nothing)
        line.speak(await line.languages.heard(call_sid, message))
    if not message:
        return xml(await line.again(asked, await line.say("utter_phone_not_heard")))
    if message == REPEAT_PAYLOAD:
        return xml(await line.again(asked, await line.say("utter_phone_say_slower")))
    rating = rating_of_answer(message, asked.choices)
    if rating is not None:
        try:
            await line.feedback.answer(call_sid, rating, None)
        except RedisError:
            log.error("phone.feedback_not_kept", reason="redis")
        thanks = await line.feedback.thanks("phone", answer_language(line.language))
        return xml(twiml.goodbye(line.config, [thanks]))
    if is_feedback_menu(asked.choices) and is_no_rating(message, line.safety.detect(message)):
        # "nee dank u", "hoeft niet": the question is skipped, the call ends kindly.
        return xml(twiml.goodbye(line.config, [await line.say("utter_phone_goodbye")]))
    signal = line.safety.detect(message) if message != "/greet" else None
    # Words that held a BSN are not said back: the note says why they were not kept.
    confidence = _confidence(form) if message == said else None
    try:
        document = await _answered(
            line, call_sid, message, keyed, asked, pending, signal, confidence
        )
    except RedisError:
        return xml(await line.without_state("redis", message))
    return xml(await with_note_first(request, document))


async def _answered(
    line: Line,
    call_sid: str,
    message: str,
    keyed: bool,
    asked: Asked,
    pending: Pending | None,
    signal: SafetySignal | None,
    confidence: float | None,
) -> str:
    """The caller's answer: to a talk of the line's own, or a turn with the assistant."""
    if signal is not None or message.startswith("/"):
        if pending is not None:  # safety and a chosen way (a person) come first
            await line.calls.set_pending(call_sid, None)
        return await line.turn(call_sid, message, asked, signal)
    if pending is not None:
        return await line.own_talk(call_sid, pending, message, keyed, asked)
    if asked.expects == "phone_number":
        talk = Pending("number", "rasa")
        caller_id = await line.calls.caller(call_sid)
        step = number_answer(talk, message, keyed, caller_number(caller_id), is_hidden(caller_id))
        return await line.number_next(call_sid, talk, step, asked)
    if not keyed:
        message = _as_expected(message, asked.expects)
        if confidence is not None and confidence < line.settings.phone_min_confidence:
            check = Pending("check", speech=message, before=asked.as_json())
            await line.calls.set_pending(call_sid, check)
            question = await line.said([Said("utter_phone_check_speech", {"speech": message})])
            return await line.ask(call_sid, question)
    return await line.turn(call_sid, message, asked, signal, read=not keyed)


@router.post("/whisper")
async def whisper(request: Request, form: TwilioForm) -> Response:
    """Heard by the staff member who picks up, before the caller is put through: what the
    staff member needs, not what the resident heard."""
    line = Line(request)
    session_id = request.query_params.get("session", "")
    case = await line.cases.get(session_id) if await line.calls.known(session_id) else None
    lines = staff_whisper(case if case and case.channel == "phone" else None)
    return xml(twiml.whisper(line.config, lines, session_id))


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
    """After a transfer: answered, or the next step: a callback on a confirmed number."""
    line = Line(request)
    call_sid = form.get("CallSid", "")
    if is_call_sid(call_sid):
        line.speak(await line.languages.of(call_sid))
    if form.get("DialCallStatus") in ANSWERED:
        return xml(twiml.goodbye(line.config, []))
    after = request.query_params.get("after")
    if after in NO_ANSWER_TEXTS:
        # 113 or Veilig Thuis did not answer: their number to call, and the line stays open.
        # Never a callback on caller ID: nobody asked whether that number is safe. The
        # numbers are said digit by digit, as in every other text of the line.
        next_step = await line.say(NO_ANSWER_TEXTS[after])
        try:
            await line.calls.save_asked(call_sid, Asked(texts=[next_step]))
        except RedisError:
            log.warning("phone.question_not_kept", reason="redis")
        return xml(twiml.ask(line.config, [next_step]))
    try:
        known = is_call_sid(call_sid) and await line.calls.known(call_sid)
    except RedisError:
        known = False
    if not known:  # no case to keep a callback in: the caller hears how to go on
        log.warning("phone.not_a_call", reason="unknown call after a transfer")
        call_again = await line.say("utter_phone_no_answer_call_again")
        return xml(twiml.goodbye(line.config, [call_again]))
    no_answer = await line.say("utter_phone_no_answer")
    try:
        case = await line.cases.get(call_sid)
        urgency: Urgency = case.handoff.urgency if case and case.handoff else "normaal"
        if case and not case.handoff:
            urgency = case.urgency
            handoff = Handoff(reason=CALLBACK_REASON, urgency=urgency)
            await line.cases.update(call_sid, CaseUpdate(handoff=handoff))
        # The transfer's entry in the queue becomes a callback request, as urgent as before.
        await line.queue.take(call_sid)
        await line.queue.enqueue(call_sid, urgency, CALLBACK_REASON, "terugbelverzoek")
        return xml(await line.start_callback(call_sid, [no_answer]))
    except RedisError:
        log.error("phone.callback_not_saved", reason="redis")
        call_again = await line.say("utter_phone_no_answer_call_again")
        return xml(twiml.goodbye(line.config, [call_again]))


@router.post("/status")
async def call_status(request: Request, form: TwilioForm) -> Response:
    log.info("phone.call_status", status=form.get("CallStatus"))
    return xml(twiml.empty())
