"""While a resident waits in the chat for a staff member of the aanmeldteam.

After "Ik vraag een medewerker om u te helpen. Blijf in dit gesprek." the resident often
writes on ("hallo?", "is daar iemand", a word more about the question). Rasa does not know
these words and would answer "Sorry, dat begreep ik niet goed" with a menu, as if the request
for a person was forgotten. While the handoff waits (open hours, not yet taken, not about
safety: the safety protocol has its own words), such an answer gives way to "Een medewerker
komt zo bij u"; the message itself is in the transcript the staff member reads. Other answers
of Rasa (a question answered, a new need) stay as they are.
"""

from typing import Any

import structlog
from redis.exceptions import RedisError

from integrations.cases.record import SAFETY_ROUTES
from integrations.cases.store import CaseStore
from integrations.chat.schemas import BotButton, BotMessage
from integrations.handoff.queue import HandoffQueue
from integrations.nlg.service import Phrasing
from integrations.staff.office_hours import office_open

log = structlog.get_logger(__name__)
# Rasa's answers that mean "I did not understand".
NOT_UNDERSTOOD = ("utter_fallback_rephrase", "utter_fallback_opening", "utter_fallback_again")
WAITING = "utter_handoff_waiting"


async def _message(phrasing: Phrasing, name: str, language: str) -> BotMessage:
    rendered = await phrasing.render(name, "chat", language=language)
    buttons = [BotButton(**b) for b in rendered.get("buttons", [])]  # type: ignore[attr-defined]
    return BotMessage(text=str(rendered["text"]), buttons=buttons)


async def while_waiting(
    state: Any, session_id: str, messages: list[BotMessage], language: str = "nl"
) -> list[BotMessage]:
    """Rasa's answer `messages`, with "not understood" replaced by "a staff member comes
    soon" while the conversation waits for one."""
    phrasing: Phrasing = state.phrasing
    not_understood = {(await _message(phrasing, n, language)).text for n in NOT_UNDERSTOOD}
    if not any(m.text in not_understood for m in messages) or not office_open(state.settings):
        return messages
    cases: CaseStore = state.cases
    queue: HandoffQueue = state.queue
    try:
        case = await cases.get(session_id)
        if case is None or case.handoff is None or case.route in SAFETY_ROUTES:
            return messages
        if not await queue.waiting(session_id):
            return messages
    except RedisError:
        log.error("handoff.waiting_unknown", reason="redis")
        return messages
    kept = [m for m in messages if m.text not in not_understood]
    return [*kept, await _message(phrasing, WAITING, language)]
