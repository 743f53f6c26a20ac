"""The booking service on the tests' own Redis, with a clock the tests set: derived from the
real now, and given to everything that compares times (the service, the holds, the backend)."""

from collections.abc import Awaitable, Callable, Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import redis
from redis.asyncio import Redis

from integrations.agenda.address_lookup import AddressLookup, NoAddressLookup
from integrations.agenda.backends import AgendaBackend
from integrations.agenda.backends.redis_agenda import RedisAgenda
from integrations.agenda.dialog_state import DialogStore
from integrations.agenda.holds import Holds
from integrations.agenda.registry import Registry, RegistryFile, load_registry
from integrations.agenda.service import AgendaRules, BookingService, ChoiceResult
from integrations.appointments.times import read_time_answer
from integrations.redis_client import redis_client
from tests.days import quiet_sunday_evening

TZ = ZoneInfo("Europe/Amsterdam")
# A Sunday evening to come: the first free times are on Monday morning.
SUNDAY_EVENING = quiet_sunday_evening()
MONDAY = SUNDAY_EVENING.date() + timedelta(days=1)
AGENDA_DB = 5


@pytest.fixture
def agenda_redis_url(redis_url: str) -> Iterator[str]:
    """A database of the tests' own Redis for the agenda, empty at the start of each test."""
    url = redis_url.rsplit("/", 1)[0] + f"/{AGENDA_DB}"
    redis.Redis.from_url(url).flushdb()
    yield url


class Built:
    """A booking service and what it is made of, for one test."""

    def __init__(self, redis_client: Redis, service: BookingService, cases: dict[str, Any]):
        self.redis = redis_client
        self.service = service
        self.cases = cases


BackendFactory = Callable[[Redis, Holds], AgendaBackend]
WithService = Callable[..., Any]


@pytest.fixture
def with_service(agenda_redis_url: str) -> WithService:
    """Runs `work(built)` in an event loop with a fresh booking service."""

    def run(
        work: Callable[[Built], Awaitable[Any]],
        now: datetime = SUNDAY_EVENING,
        hold_seconds: float = 300,
        holds_per_address: int = 3,
        backend: BackendFactory | None = None,
        lookup: AddressLookup | None = None,
        registry: Registry | None = None,
        horizon_days: int = 14,
    ) -> Any:
        import asyncio

        async def main() -> Any:
            client = redis_client(agenda_redis_url, 5)

            def clock() -> datetime:
                return now

            holds = Holds(client, hold_seconds, holds_per_address)
            cases: dict[str, Any] = {}

            async def change_case(session_id: str, changes: dict[str, object]) -> None:
                cases.setdefault(session_id, {}).update(changes)

            service = BookingService(
                client,
                registry or load_registry(),
                backend(client, holds) if backend else RedisAgenda(client, 3600, clock),
                holds,
                DialogStore(client, 3600),
                lookup or NoAddressLookup(),
                AgendaRules(tz=TZ, horizon_days=horizon_days, lead_minutes=120),
                change_case,
                clock=clock,
            )
            try:
                return await work(Built(client, service, cases))
            finally:
                await client.aclose()

        return asyncio.run(main())

    return run


def big_team_registry(professionals: int) -> Registry:
    """The sample data with a Kloosterveen team of many professionals: room for a storm."""
    data = load_registry().teams
    raw = RegistryFile(teams=tuple(data.values())).model_dump()
    for team in raw["teams"]:
        if team["id"] == "kloosterveen":
            team["professionals"] = [
                {"id": f"p{n}", "name": f"Professional {n}"} for n in range(professionals)
            ]
    return Registry(RegistryFile.model_validate(raw))


async def choose(built: Built, session_id: str, text: str) -> ChoiceResult:
    """The resident's answer to the offered times, read as the appointment dialogue reads it
    (integrations/appointments/times.py), then taken by the agenda."""
    dialog = await built.service.dialog(session_id)
    today = built.service.now().date()
    choice = read_time_answer(text, dialog.offers(), dialog.none_left, today)
    return await built.service.choose(session_id, choice)
