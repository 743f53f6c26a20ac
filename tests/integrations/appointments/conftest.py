"""The appointment dialogue on the tests' own Redis, with the real agenda, codes and SMS client
(Twilio's cloud is a local recorder), and a clock the tests set (derived from the real now).

`Resident` holds a conversation as the buurtteam form does: a wish starts the dialogue, each
answer is read, and while the dialogue goes on its open question is asked."""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from redis.asyncio import Redis

from integrations.agenda.address_lookup import AddressLookup, NoAddressLookup
from integrations.agenda.backends.redis_agenda import RedisAgenda
from integrations.agenda.dialog_state import DialogStore
from integrations.agenda.holds import Holds
from integrations.agenda.registry import load_registry
from integrations.agenda.service import AgendaRules, BookingService
from integrations.agenda.sms import SmsSender
from integrations.appointments.codes import Codes
from integrations.appointments.conductor import Conductor, Turn
from integrations.appointments.state import Channel, Say
from integrations.redis_client import redis_client
from tests.days import quiet_sunday_evening

TZ = ZoneInfo("Europe/Amsterdam")
SUNDAY_EVENING = quiet_sunday_evening()
MONDAY = SUNDAY_EVENING.date() + timedelta(days=1)
APPOINTMENTS_DB = 6


@dataclass
class Heard:
    """What the resident heard in one turn, and whether the dialogue goes on."""

    says: list[Say]
    outcome: str | None

    @property
    def names(self) -> list[str]:
        return [s.response for s in self.says]

    def values(self, name: str) -> dict[str, str]:
        return next(s.values for s in self.says if s.response == name)

    def offers(self) -> list[str]:
        """The times offered, in order."""
        offer = next(s for s in self.says if s.response.startswith("utter_offer_appointments"))
        return [offer.values[f"offer_{n}"] for n in (1, 2, 3) if f"offer_{n}" in offer.values]


@dataclass
class Built:
    redis: Redis
    service: BookingService
    conductor: Conductor
    cases: dict[str, dict[str, Any]]
    clock_now: datetime
    sms_to: list[str] = field(default_factory=list)

    def resident(self, session: str = "s1", channel: Channel = "chat") -> "Resident":
        return Resident(self, session, channel)


class Resident:
    def __init__(self, built: Built, session: str, channel: Channel) -> None:
        self.built = built
        self.session = session
        self.channel = channel

    async def _heard(self, turn: Turn) -> Heard:
        says = list(turn.says)
        if turn.open:
            asked = await self.built.conductor.question(self.session, self.channel)
            says += asked.says
            return Heard(says, asked.outcome)
        return Heard(says, turn.outcome)

    async def start(self, text: str, intent: str | None = "book_appointment") -> Heard:
        turn = await self.built.conductor.start(self.session, intent, text, self.channel)
        return await self._heard(turn)

    async def says(self, text: str) -> Heard:
        return await self._heard(
            await self.built.conductor.answer(self.session, text, self.channel)
        )

    @property
    def case(self) -> dict[str, Any]:
        return self.built.cases.setdefault(self.session, {})


WithDialogue = Callable[..., Any]


@pytest.fixture
def appointments_redis_url(redis_url: str) -> str:
    return redis_url.rsplit("/", 1)[0] + f"/{APPOINTMENTS_DB}"


@pytest.fixture
def with_dialogue(appointments_redis_url: str) -> WithDialogue:
    """Runs `work(built)` with a fresh agenda and appointment dialogue."""

    def run(
        work: Callable[[Built], Awaitable[Any]],
        now: datetime = SUNDAY_EVENING,
        sms_url: str | None = None,
        lookup: AddressLookup | None = None,
    ) -> Any:
        async def main() -> Any:
            client = redis_client(appointments_redis_url, 5)
            await client.flushdb()  # each run starts with an empty agenda

            def clock() -> datetime:
                return now

            holds = Holds(client, 300, 3)
            cases: dict[str, dict[str, Any]] = {}

            async def change_case(session_id: str, changes: dict[str, object]) -> None:
                cases.setdefault(session_id, {}).update(changes)

            service = BookingService(
                client,
                load_registry(),
                RedisAgenda(client, 3600, clock),
                holds,
                DialogStore(client, 3600),
                lookup or NoAddressLookup(),
                AgendaRules(tz=TZ, horizon_days=14, lead_minutes=120),
                change_case,
                clock=clock,
            )
            sms = SmsSender("AC" + "0" * 32, "token", "GemAssen", sms_url) if sms_url else None

            async def render_sms(name: str, values: dict[str, str]) -> str:
                return f"{name}: {values['appointment_when']}"

            async def update_case(session_id: str, changes: dict[str, Any]) -> None:
                case = cases.setdefault(session_id, {})
                intake = {**case.get("intake", {}), **changes.pop("intake", {})}
                case.update(changes)
                case["intake"] = intake

            conductor = Conductor(
                client, service, Codes(client), sms, render_sms, update_case, 3600
            )
            try:
                return await work(Built(client, service, conductor, cases, now))
            finally:
                await client.aclose()

        return asyncio.run(main())

    return run
