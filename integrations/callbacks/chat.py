"""The callback question in a chat turn: asked after Rasa's handoff when nobody is at work,
and its answer read before Rasa (see talk.py). Safety comes first: a turn the safety protocol
answered closes the question, and a crisis or Veilig Thuis case is never asked here (the
safety texts say how and when contact is safe)."""

from typing import Any

import structlog
from redis.exceptions import RedisError

from integrations.callbacks.asks import CallbackAsks
from integrations.callbacks.talk import asks_when_called, read_answer, should_ask
from integrations.cases.record import SAFETY_ROUTES, CaseUpdate, ContactUpdate
from integrations.cases.store import CaseStore
from integrations.chat.schemas import BotButton, BotMessage
from integrations.nlg.service import Phrasing
from integrations.numbers.phone_numbers import written_number
from integrations.staff.office_hours import office_open

log = structlog.get_logger(__name__)
DECLINED = "De inwoner wil niet gebeld worden; hij belt zelf."


async def _message(phrasing: Phrasing, name: str, language: str, **slots: str) -> BotMessage:
    rendered = await phrasing.render(name, "chat", slots, language=language)
    buttons = [BotButton(**b) for b in rendered.get("buttons", [])]  # type: ignore[attr-defined]
    return BotMessage(text=str(rendered["text"]), buttons=buttons)


async def answer_to_question(
    state: Any, session_id: str, message: str, safety_answered: bool, language: str = "nl"
) -> list[BotMessage] | None:
    """The reply when this message answers an open callback question, else None (Rasa
    answers it), in the conversation's `language`. A number is kept in the case's contact,
    a "nee" too."""
    asks: CallbackAsks = state.callbacks
    try:
        now = await asks.state(session_id)
        if now not in ("asking", "asked_again"):
            return None
        if safety_answered:
            await asks.set(session_id, "done")
            return None
        answer = read_answer(now, message)
        await asks.set(session_id, answer.state)
        if answer.to_rasa:
            return None
        cases: CaseStore = state.cases
        if answer.number is not None:
            contact = ContactUpdate(
                phone=answer.number, phone_source="vraag", confirmed=True, preference="bellen"
            )
            await cases.update(session_id, CaseUpdate(contact=contact))
        elif answer.declined:
            contact = ContactUpdate(preference="zelf bellen", no_number=DECLINED)
            await cases.update(session_id, CaseUpdate(contact=contact))
    except RedisError:
        log.error("callbacks.not_kept", reason="redis")
        return None
    slots = {"number": written_number(answer.number)} if answer.number else {}
    return [await _message(state.phrasing, name, language, **slots) for name in answer.phrases]


async def question_after_handoff(
    state: Any, session_id: str, language: str = "nl"
) -> list[BotMessage]:
    """The callback question, when Rasa just handed the resident to a person while nobody is
    at work and the case has no number (and is not about safety)."""
    open_now = office_open(state.settings)
    if open_now:
        return []
    asks: CallbackAsks = state.callbacks
    cases: CaseStore = state.cases
    try:
        case = await cases.get(session_id)
        if case is None:
            return []
        handed_over = case.handoff is not None and case.route not in SAFETY_ROUTES
        # A number, a reason there is none, or a choice already made ("ik bel zelf").
        contact = case.contact
        known = (
            bool(contact.phones) or contact.no_number is not None or contact.preference is not None
        )
        if not should_ask(await asks.state(session_id), open_now, handed_over, known):
            return []
        await asks.set(session_id, "asking")
    except RedisError:
        log.error("callbacks.not_asked", reason="redis")
        return []
    return [await _message(state.phrasing, "utter_callback_ask", language)]


async def answer_when_called(
    state: Any, session_id: str, message: str, language: str = "nl"
) -> list[BotMessage] | None:
    """ "Wanneer bellen jullie?" after a call was promised (a handoff with a number to call):
    when the call comes, not the opening hours; None otherwise (Rasa answers)."""
    if not asks_when_called(message):
        return None
    cases: CaseStore = state.cases
    try:
        case = await cases.get(session_id)
    except RedisError:
        return None
    if case is None or case.handoff is None or case.route in SAFETY_ROUTES:
        return None
    if not case.contact.phones:
        return None
    number = written_number(case.contact.phones[-1].number)
    return [await _message(state.phrasing, "utter_callback_when", language, number=number)]
