"""Agenda benchmark: bookings per second and latency on a real Redis, and the double-booking
storm. Prints figures; asserts nothing about speed. Run with `make bench`."""

import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import redis
import structlog

from integrations.agenda.address_lookup import NoAddressLookup
from integrations.agenda.backends.redis_agenda import RedisAgenda
from integrations.agenda.choice import Choice
from integrations.agenda.dialog_state import DialogStore
from integrations.agenda.holds import Holds
from integrations.agenda.registry import Registry, RegistryFile, load_registry
from integrations.agenda.service import AgendaRules, BookingService
from integrations.redis_client import redis_client
from integrations.stack.processes import wait_until
from integrations.stack.redis_server import embedded_redis
from tests.bench.common import free_port, percentile
from tests.days import quiet_sunday_evening

TZ = ZoneInfo("Europe/Amsterdam")
PROFESSIONALS = 40
CONCURRENCY = 50


def wide_registry() -> Registry:
    """The sample teams, with one team of many professionals: enough slots to measure."""
    raw = RegistryFile(teams=tuple(load_registry().teams.values())).model_dump()
    for team in raw["teams"]:
        if team["id"] == "kloosterveen":
            team["professionals"] = [{"id": f"p{n}", "name": f"P{n}"} for n in range(PROFESSIONALS)]
    return Registry(RegistryFile.model_validate(raw))


async def timed(work: Callable[[], Awaitable[object]], latencies: list[float]) -> object:
    began = time.perf_counter()
    result = await work()
    latencies.append((time.perf_counter() - began) * 1000)
    return result


def report(name: str, latencies: list[float], seconds: float, count: int) -> None:
    print(
        f"{name:<38} {count:>5} in {seconds:6.2f} s = {count / seconds:7.1f}/s   "
        f"p50 {statistics.median(latencies):6.1f} ms   p95 {percentile(latencies, 0.95):6.1f} ms"
    )


async def run(url: str) -> None:
    client = redis_client(url, 5)
    holds = Holds(client, 300)
    registry = wide_registry()
    sunday = quiet_sunday_evening()
    service = BookingService(
        client, registry, RedisAgenda(client, 3600, lambda: sunday), holds,
        DialogStore(client, 3600), NoAddressLookup(), AgendaRules(tz=TZ),
        lambda _s, _c: asyncio.sleep(0), clock=lambda: sunday,
    )  # fmt: skip
    team = registry.teams["kloosterveen"]
    free = await service.availability.free_slots(team)
    print(f"agenda: team of {PROFESSIONALS} professionals, {len(free)} free slots in 14 days")

    # Booking alone, many at once, on free slots.
    latencies = []
    slots = (await service.availability.free_slots(team))[:500]
    began = time.perf_counter()
    await asyncio.gather(
        *(timed(lambda s=slot: service.confirm(f"direct{s.id}", s.id), latencies) for slot in slots)
    )
    report("book a chosen slot, all at once", latencies, time.perf_counter() - began, len(slots))

    # The storm: 200 attempts on 20 free slots.
    latencies = []
    contested = (await service.availability.free_slots(team))[:20]
    began = time.perf_counter()
    results = await asyncio.gather(
        *(
            timed(lambda i=i: service.confirm(f"storm{i}", contested[i % 20].id), latencies)
            for i in range(200)
        )
    )
    seconds = time.perf_counter() - began
    booked = [r for r in results if getattr(r, "status", None) == "booked"]
    slot_ids = {r.booking.slot_id for r in booked}
    report("storm: 200 attempts on 20 slots", latencies, seconds, 200)
    print(f"storm result: {len(booked)} booked, {len(slot_ids)} different slots, "
          f"{200 - len(booked)} told 'net weg' with new times")  # fmt: skip
    # One resident after another: offer (holds nothing), choose (holds the pick), book.
    latencies: list[float] = []
    began = time.perf_counter()
    for n in range(200):
        session = f"seq{n}"
        await service.place(session, "Kloosterveen")

        async def dialogue(session: str = session) -> object:
            offered = await service.offers(session)
            await service.choose(session, Choice("chosen", offered.offers[0].slot_id))
            return await service.confirm(session)

        await timed(dialogue, latencies)
    report("offer+choose+book, one at a time", latencies, time.perf_counter() - began, 200)

    # Many residents at once.
    latencies = []
    semaphore = asyncio.Semaphore(CONCURRENCY)

    async def one(n: int) -> object:
        async with semaphore:
            session = f"par{n}"
            await service.place(session, "Kloosterveen")

            async def dialogue() -> object:
                offered = await service.offers(session)
                await service.choose(session, Choice("chosen", offered.offers[0].slot_id))
                return await service.confirm(session)

            return await timed(dialogue, latencies)

    began = time.perf_counter()
    outcomes = await asyncio.gather(*(one(n) for n in range(400)))
    report(f"offer+choose+book, {CONCURRENCY} at once", latencies, time.perf_counter() - began, 400)
    # All are offered the same free times at once: who picks a time another picked first hears
    # "net weg" (and would get new times), so not every dialogue ends in a booking here.
    parallel = sum(getattr(o, "status", None) == "booked" for o in outcomes)
    print(f"at once: {parallel} of 400 booked on the first pick, the rest told 'net weg'")

    await client.aclose()


def main() -> None:
    # Figures only: the booking log lines would drown them.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(30))
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        server = embedded_redis(port, Path(tmp) / "data", Path(tmp) / "redis.log")
        server.start()
        try:
            probe = redis.Redis(port=port)
            assert wait_until(lambda: _pings(probe), 15), server.log_tail()
            asyncio.run(run(f"redis://127.0.0.1:{port}/0"))
        finally:
            server.stop()


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.ConnectionError:
        return False


if __name__ == "__main__":
    main()
