"""Offering the feedback question at the end of a conversation and keeping the answer: what
the chat and phone routers call. The question comes after the assistant's goodbye, once, and
only where `rules.may_ask` allows it."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

import structlog
from redis.exceptions import RedisError

from integrations.cases.stats import Stats, local_day
from integrations.cases.store import CaseStore
from integrations.chat.schemas import BotButton, FeedbackQuestion
from integrations.feedback.rules import PAYLOAD_PREFIX, Rating, may_ask, plain_remark
from integrations.feedback.store import FeedbackStore
from integrations.nlg.service import Phrasing

log = structlog.get_logger(__name__)

GOODBYE = "utter_goodbye"
QUESTION = "utter_feedback_question"
REMARK = "utter_feedback_remark"
THANKS = "utter_feedback_thanks"
NOT_ASKED = "utter_feedback_not_asked"
Answered = Literal["kept", "not_asked"]


@dataclass(frozen=True)
class PhoneQuestion:
    spoken: str
    choices: dict[str, str]  # key -> payload, as the keypad menu keeps them


class Feedback:
    def __init__(
        self,
        store: FeedbackStore,
        cases: CaseStore,
        stats: Stats,
        phrasing: Phrasing,
        timezone: str,
    ) -> None:
        self.store = store
        self._cases = cases
        self._stats = stats
        self._phrasing = phrasing
        self._zone = ZoneInfo(timezone)

    def _today(self) -> date:
        """The municipality's day, the one the figures page reads (not the machine's)."""
        return local_day(datetime.now(UTC), self._zone)

    async def _may_ask_now(
        self, session_id: str, said: Sequence[str], channel: str, language: str | None = None
    ) -> bool:
        goodbye = str((await self._phrasing.render(GOODBYE, channel, language=language))["text"])
        if goodbye not in said:
            return False
        try:
            if not may_ask(await self._cases.get(session_id)):
                return False
            if not await self.store.asked(session_id, channel):
                return False
            await self._stats.count(self._today(), f"feedback_asked:{channel}")
        except RedisError:
            log.warning("feedback.not_asked", reason="redis")
            return False
        return True

    async def chat_question(
        self, session_id: str, said: Sequence[str], language: str | None = None
    ) -> FeedbackQuestion | None:
        """The question for the web chat, when the assistant just said goodbye (in the
        conversation's `language`)."""
        if not await self._may_ask_now(session_id, said, "chat", language):
            return None
        rendered = await self._phrasing.render(QUESTION, "chat", language=language)
        buttons = [BotButton(**b) for b in rendered.get("buttons", [])]  # type: ignore[attr-defined]
        return FeedbackQuestion(
            question=str(rendered["text"]),
            choices=[b for b in buttons if b.payload.startswith(PAYLOAD_PREFIX)],
            remark_label=await self._phrasing.text(REMARK, language),
        )

    async def phone_question(
        self, call_sid: str, said: Sequence[str], language: str | None = None
    ) -> PhoneQuestion | None:
        """The keypad question for the phone, when the assistant just said goodbye."""
        if not await self._may_ask_now(call_sid, said, "phone", language):
            return None
        rendered = await self._phrasing.render(QUESTION, "phone", language=language)
        payloads = [
            str(b["payload"])
            for b in rendered.get("buttons", [])  # type: ignore[attr-defined]
            if str(b["payload"]).startswith(PAYLOAD_PREFIX)
        ]
        choices = {str(number): payload for number, payload in enumerate(payloads, start=1)}
        return PhoneQuestion(str(rendered["text"]), choices)

    async def answer(self, session_id: str, rating: Rating | None, remark: str | None) -> Answered:
        """Keep a rating (counted once, for the figures) and the optional sentence."""
        if not (await self.store.get(session_id)).get("asked"):
            return "not_asked"
        if rating is not None and await self.store.rated(session_id, rating):
            await self._stats.count(self._today(), f"feedback:{rating}")
        if remark and plain_remark(remark):
            await self.store.remarked(session_id, plain_remark(remark))
        return "kept"

    async def thanks(self, channel: str, language: str | None = None) -> str:
        return str((await self._phrasing.render(THANKS, channel, language=language))["text"])
