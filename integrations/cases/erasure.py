"""The right to erasure (AVG): everything the gateway keeps about one conversation goes at once.

Each store removes its own keys; this module only knows the list:
- the case and its transcript with the live messages (cases.store), its handoff queue entries
  and callback requests (handoff.queue);
- the chat session (chat.session_store), the call state with the caller's number
  (phone.calls), the safety protocol's state (safety.guard), the booking dialogue
  (agenda.dialog_state) with the time it holds (the agenda gives it back), the answer to the
  feedback question (feedback.store), the review marks of its turns (review.store), the appointment
  dialogue's state (appointments.conductor), the callback question (callbacks.asks), the
  conversation's language (languages.store), Rasa's tracker.
A booked appointment stays in the team's agenda until staff cancel it.
"""

from typing import Any

from integrations.cases.store import CaseStore
from integrations.chat.rasa_tracker import erase_tracker
from integrations.handoff.queue import HandoffQueue


async def erase_conversation(state: Any, session_id: str) -> None:
    """`state` is the app's state."""
    queue: HandoffQueue = state.queue
    cases: CaseStore = state.cases
    await queue.forget(session_id)
    await cases.erase(session_id)
    await state.sessions.erase(session_id)
    await state.calls.erase(session_id)
    await state.safety.erase(session_id)
    await state.agenda.erase(session_id)
    await state.feedback.store.erase(session_id)
    await state.review_marks.erase(session_id)
    await state.appointments.erase(session_id)
    await state.callbacks.erase(session_id)
    await state.languages.erase(session_id)
    await erase_tracker(state.redis, session_id)
