"""The safety protocol in the running gateway: every message of every channel passes here
before Rasa. Owner of `safety:{session_id}` (the protocol's state; it expires with the
conversation).

Nothing here waits for Rasa or the action server: when a message holds a signal, the
gateway answers itself, changes the case (route, urgency acuut, the disclosure in the
resident's words, an urgent handoff) and only then tells Rasa to leave any form it was in.
When Redis is down the protocol still answers, from a fresh state.
"""

import asyncio
import json
from dataclasses import asdict, dataclass, replace
from typing import Any

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from integrations.cases.changes import apply_case_update
from integrations.cases.facts import read_message
from integrations.cases.record import CaseUpdate, ContactUpdate, Handoff
from integrations.cases.record import SafetySignal as CaseSignal
from integrations.chat.rasa_client import RasaClient, RasaUnavailable
from integrations.chat.schemas import BotButton, BotMessage
from integrations.nlg.service import Phrasing
from integrations.privacy.redact import without_bsn
from integrations.safety.detector import SafetyDetector
from integrations.safety.lexicon import SafetySignal
from integrations.safety.protocol import (
    STAY,
    Channel,
    Dial,
    SafetyState,
    Stage,
    Step,
    clear_request,
    silent_dial,
    stay_phrase,
    stays,
    step,
)
from integrations.staff.office_hours import office_open

log = structlog.get_logger(__name__)
KEY_PREFIX = "safety:"
# Rasa's own safety texts that end with "Bent u nu in gevaar?", and the stage they stand for.
RASA_DANGER_QUESTIONS: dict[str, Stage] = {
    "utter_veilig_thuis_person": "violence",
    "utter_crisis_danger_now": "suicide",
}
# After a disclosure, Rasa's answers that would leave the resident with nothing ("Sorry, dat
# begreep ik niet goed", "Daar kan ik u niet mee helpen") give way to the numbers and a person.
COLD_ANSWERS = (
    "utter_fallback_rephrase",
    "utter_fallback_opening",
    "utter_fallback_again",
    "utter_out_of_scope",
)
# "kunnen we verder?" after a disclosure: the case's topic and the payload that starts its
# intake again in Rasa (the form's answers were forgotten when the disclosure ended it).
RESUME_PAYLOADS = {
    "household_help": "/ask_household_help",
    "aids": "/ask_aids",
    "appointment": "/book_appointment",
    "money_worries": "/money_worries",
    "parenting": "/parenting",
    "loneliness": "/loneliness",
    "paperwork": "/paperwork",
    "caregiving": "/caregiving",
    "day_activities": "/day_activities",
    "stress": "/stress",
    "addiction": "/addiction",
    "neighbour_quarrel": "/neighbour_quarrel",
    "housing_trouble": "/housing_trouble",
}
# How long the safety answer waits at most for Rasa to leave a form.
LEAVE_FORM_SECONDS = 2.0


@dataclass(frozen=True)
class Screened:
    step: Step
    messages: list[BotMessage]

    @property
    def handled(self) -> bool:
        """The protocol answered; Rasa does not."""
        return not self.step.to_rasa


def _about_contact(message: str) -> bool:
    """A number or when calling is safe ("bel mij alleen overdag"): kept for the person who
    will call (cases/contact_reply.py), not answered by the protocol."""
    facts = read_message(message)
    return bool(facts.phones or facts.contact_words)


class SafetyGuard:
    def __init__(
        self,
        detector: SafetyDetector,
        redis: Redis,
        ttl_seconds: int,
        phrasing: Phrasing,
        rasa: RasaClient,
        app_state: Any,
    ) -> None:
        self._detector = detector
        self._redis = redis
        self._ttl = ttl_seconds
        self._phrasing = phrasing
        self._rasa = rasa
        self._state = app_state

    def detect(self, message: str) -> SafetySignal | None:
        """The signal in one message (a few milliseconds); a safety message is never rate
        limited and never waits for Rasa."""
        return self._detector.detect(message)

    async def screen(
        self,
        session_id: str,
        message: str,
        channel: Channel,
        signal: SafetySignal | None,
        language: str | None = None,
    ) -> Screened:
        """The protocol's answer to one message and the signal `detect` found in it (read once
        per turn), with the case changed accordingly; in the conversation's `language` where
        its texts have a variant (English), else in Dutch."""
        state = await self._load(session_id)
        open_now = office_open(self._state.settings)
        new_state, result = step(state, message, signal, channel, open_now)
        if stays(new_state, result, signal, message) and not _about_contact(message):
            if await self._asks_clearly(session_id, message):
                new_state = replace(new_state, moved_on=True)  # "kan ik toch een afspraak?"
            else:
                # After a disclosure, "hallo?", "ok" or "wat moet ik nu doen" is no new
                # request: the numbers and a person again, never the greeting, a form or the
                # times offered before.
                result = Step([stay_phrase(new_state, message)], to_rasa=False)
        if result.resume:
            result = await self._resumed(session_id, result)
        if new_state != state:
            await self._save(session_id, new_state)
        if result.case is not None:
            await self._change_case(session_id, result)
        if result.call_safe is not None:
            await self._keep_call_safe(session_id, result.call_safe)
        if result.interrupt:
            await self._leave_form(session_id)
        messages = [await self._message(name, channel, language) for name in result.phrases]
        if signal is not None:
            log.warning("safety.signal", kind=signal.kind, channel=channel)
        return Screened(result, messages)

    async def after_rasa(
        self,
        session_id: str,
        messages: list[BotMessage],
        channel: Channel,
        language: str | None = None,
        held: bool = False,
    ) -> list[BotMessage]:
        """When Rasa itself answered with a safety text (its classifier read what the
        detector did not), the protocol reads the next answer as if it had answered: the
        caring question, or "Bent u nu in gevaar?" after Veilig Thuis or 113 ("ja" is 112).
        Rasa's texts are in the conversation's `language`. When Rasa answered a `held`
        message (after "nee" to the caring question) with the caring question again, it is
        not asked twice: "Waarmee kan ik u helpen?" instead. After a disclosure, Rasa's
        fallback gives way to the numbers and a person. The messages to say come back."""
        said = {m.text for m in messages}
        check = (await self._message("utter_safety_check", channel, language)).text
        if check in said and held:
            instead = await self._message("utter_how_can_i_help", channel, language)
            return [instead if m.text == check else m for m in messages]
        if check in said:
            await self._save(session_id, SafetyState("asked", 1))
            return messages
        for name, stage in RASA_DANGER_QUESTIONS.items():
            if (await self._message(name, channel, language)).text in said:
                await self._save(session_id, SafetyState(stage, danger_asked=True))
                return messages
        # "ik wil dat de ruzie thuis stopt" after Veilig Thuis: no "Sorry, dat begreep ik niet
        # goed" with a menu, but the numbers again and a person. The state is read only when
        # Rasa gave such an answer (the texts are rendered in memory).
        cold = {(await self._message(n, channel, language)).text for n in COLD_ANSWERS}
        if not said & cold:
            return messages
        stage = (await self._load(session_id)).stage
        if stage not in STAY:
            return messages
        stay = await self._message(STAY[stage], channel, language)
        kept = [m for m in messages if m.text not in cold]
        return [*kept, stay] if stay.text not in {m.text for m in kept} else kept

    async def asked_if_call_safe(self, session_id: str) -> None:
        """The chat asked "Is het veilig als wij u op dit nummer bellen?": the protocol reads
        the next message as its answer."""
        state = await self._load(session_id)
        await self._save(session_id, replace(state, call_safe_asked=True))

    async def _keep_call_safe(self, session_id: str, words: str) -> None:
        update = CaseUpdate(contact=ContactUpdate(safe_words=[without_bsn(words)[:200]]))
        try:
            await self._state.cases.update(session_id, update)
        except RedisError:
            log.error("safety.contact_not_saved", reason="redis")

    async def _resumed(self, session_id: str, result: Step) -> Step:
        """What "kunnen we verder?" goes on with: the last topic of the case that has an
        intake, or the question what the resident needs."""
        try:
            case = await self._state.cases.get(session_id)
        except RedisError:
            case = None
        topics = case.topics if case is not None else []
        for topic in reversed(topics):
            if topic in RESUME_PAYLOADS:
                return replace(result, rasa_text=RESUME_PAYLOADS[topic])
        return Step(["utter_how_can_i_help"])

    async def _asks_clearly(self, session_id: str, message: str) -> bool:
        """Whether Rasa's classifier reads a clear request in `message`; not when Rasa is
        down or slow (the protocol stays)."""
        try:
            ranking = await self._rasa.intents_of(session_id, message, LEAVE_FORM_SECONDS)
        except RasaUnavailable:
            log.warning("safety.intent_unknown")
            return False
        return clear_request(ranking)

    async def silent(self, session_id: str) -> tuple[Dial | None, Stage]:
        """A caller fell silent twice: the line to put them through to (once, when the
        protocol is under way: 113 after the caring question, Veilig Thuis after a
        disclosure), and the protocol's stage (for the goodbye)."""
        state = await self._load(session_id)
        after, dial = silent_dial(state)
        if dial is not None:
            await self._save(session_id, after)
        return dial, state.stage

    async def _message(
        self, name: str, channel: Channel, language: str | None = None
    ) -> BotMessage:
        # The numbers in the resident's language; English where there is no such variant.
        spoken = language if language in (None, "nl", "en") else "en"
        rendered = await self._phrasing.render(name, channel, language=spoken)
        buttons = [BotButton(**b) for b in rendered.get("buttons", [])]  # type: ignore[attr-defined]
        return BotMessage(text=str(rendered["text"]), buttons=buttons)

    async def _load(self, session_id: str) -> SafetyState:
        try:
            raw = await self._redis.get(KEY_PREFIX + session_id)
        except RedisError:
            return SafetyState()
        if not raw:
            return SafetyState()
        try:
            return SafetyState(**json.loads(raw))
        except (TypeError, ValueError):
            return SafetyState()

    async def _save(self, session_id: str, state: SafetyState) -> None:
        try:
            await self._redis.set(KEY_PREFIX + session_id, json.dumps(asdict(state)), ex=self._ttl)
        except RedisError:
            log.error("safety.state_not_saved", reason="redis")

    async def erase(self, session_id: str) -> None:
        await self._redis.delete(KEY_PREFIX + session_id)

    async def _change_case(self, session_id: str, result: Step) -> None:
        change = result.case
        assert change is not None
        words = without_bsn(change.words)[:500]  # never a BSN in the case
        update = CaseUpdate(
            route=change.route,  # type: ignore[arg-type]
            urgency=change.urgency,  # type: ignore[arg-type]
            topic=change.topic,
            life_area="veiligheid",
            safety_signal=CaseSignal(
                kind=change.signal.kind, phrase=change.signal.phrase[:200], words=words
            ),
            handoff=(
                Handoff(reason=change.handoff_reason, urgency=change.urgency)  # type: ignore[arg-type]
                if change.handoff_reason
                else None
            ),
        )
        try:
            await apply_case_update(self._state, session_id, update)
        except RedisError:
            log.error("safety.case_not_saved", reason="redis")

    async def _leave_form(self, session_id: str) -> None:
        """Rasa leaves any form it was in, before the resident's next message reaches it: in
        the background the change could land after that message and end the form it had just
        begun ("kan ik toch nog een afspraak maken?", then the wijk read as not understood).
        Bounded, so a slow Rasa never holds back the safety answer for long."""
        try:
            await asyncio.wait_for(self._rasa.leave_form(session_id), LEAVE_FORM_SECONDS)
        except TimeoutError:
            log.warning("safety.leave_form_slow")
        except Exception as error:  # the safety answer never fails on Rasa
            log.warning("safety.leave_form_failed", error=type(error).__name__)
