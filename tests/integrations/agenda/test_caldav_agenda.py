"""The CalDAV backend against a real Radicale server that these tests start."""

import asyncio
import socket
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from caldav.davclient import DAVClient
from caldav.lib.error import NotFoundError
from redis.asyncio import Redis

from integrations.agenda.backends.caldav_agenda import CaldavAgenda
from integrations.agenda.holds import Holds
from integrations.agenda.registry import Registry
from integrations.agenda.service import ConfirmResult
from integrations.stack.processes import ManagedProcess, wait_until

from .conftest import SUNDAY_EVENING, TZ, Built, WithService, big_team_registry, choose

USER = "toegang"


@pytest.fixture(scope="module")
def radicale(
    tmp_path_factory: pytest.TempPathFactory, free_port: Callable[[], int]
) -> Iterator[str]:
    port = free_port()
    base: Path = tmp_path_factory.mktemp("radicale")
    server = ManagedProcess(
        "radicale",
        [
            sys.executable, "-m", "radicale",
            f"--storage-filesystem-folder={base / 'collections'}",
            "--auth-type=none", "--rights-type=owner_only",
            f"--server-hosts=127.0.0.1:{port}",
        ],
        base / "radicale.log",
    )  # fmt: skip
    server.start()

    def answers() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            return False

    assert wait_until(answers, 20), server.log_tail()
    yield f"http://127.0.0.1:{port}/"
    server.stop()


def make_calendars(url: str, registry: Registry) -> None:
    """One calendar per professional, as the buurtteams keep them."""
    client = DAVClient(url=url, username=USER, password="x", require_tls=False)
    principal = client.principal()
    try:
        existing = {str(c.url).rstrip("/").rsplit("/", 1)[-1] for c in principal.calendars()}
    except NotFoundError:  # a new server: the user's home collection comes with the first one
        existing = set()
    for team in registry.teams.values():
        for professional in team.professionals:
            name = f"{team.id}-{professional.id}"
            if name not in existing:
                principal.make_calendar(name=name, cal_id=name)


def caldav_backend(url: str, registry: Registry) -> Callable[[Redis, Holds], CaldavAgenda]:
    make_calendars(url, registry)
    return lambda _redis, holds: CaldavAgenda(registry, holds, TZ, url + USER, USER, "x")


def test_booking_cancel_and_someone_elses_appointment(
    with_service: WithService, radicale: str
) -> None:
    registry = big_team_registry(2)

    async def work(built: Built) -> None:
        await built.service.place("s", "Marsdijk")
        offered = await built.service.offers("s")
        await choose(built, "s", "1")
        done = await built.service.confirm("s")
        assert done.status == "booked" and done.booking is not None
        # The event is in the professional's own calendar.
        client = DAVClient(url=radicale, username=USER, password="x", require_tls=False)
        calendar = client.calendar(url=f"{radicale}{USER}/marsdijk-{done.booking.professional_id}/")
        events = calendar.search(
            start=done.booking.start, end=done.booking.end, event=True, expand=False
        )
        assert len(events) == 1
        assert "Toegang" in str(events[0].icalendar_component.get("summary"))
        # A second booking of the same slot is refused by the agenda server itself.
        again = await built.service.confirm("other", done.booking.slot_id)
        assert again.status == "taken"
        # A professional's own meeting makes that time unavailable.
        busy_start = offered.offers[1].start
        calendar.save_event(
            dtstart=busy_start, dtend=busy_start + timedelta(hours=1), summary="Teamoverleg"
        )
        team = built.service.registry.teams["marsdijk"]
        free = {s.id for s in await built.service.availability.free_slots(team)}
        assert f"marsdijk.hanneke.{busy_start:%Y%m%d%H%M}" not in free
        assert await built.service.cancel("s") is not None
        team_free = {s.id for s in await built.service.availability.free_slots(team)}
        assert done.booking.slot_id in team_free

    with_service(work, backend=caldav_backend(radicale, registry), registry=registry)


def test_booking_storm_on_caldav(with_service: WithService, radicale: str) -> None:
    """200 residents at once on 20 free slots of the CalDAV agenda: exactly 20 bookings."""
    registry = big_team_registry(12)

    async def work(built: Built) -> None:
        team = built.service.registry.teams["kloosterveen"]
        contested = (await built.service.availability.free_slots(team))[:20]
        results: list[ConfirmResult] = await asyncio.gather(
            *(built.service.confirm(f"r{i}", contested[i % 20].id) for i in range(200))
        )
        booked = [r for r in results if r.status == "booked"]
        assert len(booked) == 20
        losers = [r for r in results if r.status != "booked"]
        assert all(r.status == "taken" and r.offers and r.offers.offers for r in losers)
        taken_ids = {s.id for s in contested}
        assert all(not {o.slot_id for o in r.offers.offers} & taken_ids for r in losers if r.offers)
        stored = await built.service.backend.bookings(
            "kloosterveen", SUNDAY_EVENING, SUNDAY_EVENING + timedelta(days=15)
        )
        assert sorted(b.slot_id for b in stored) == sorted(taken_ids)

    with_service(work, backend=caldav_backend(radicale, registry), registry=registry)
