"""Reservations in the teams' own CalDAV calendars: one calendar per professional.

The event of a booking has one UID per slot and is written with `If-None-Match: *`, so the
agenda server itself refuses a second booking of the same slot. Other events in a calendar
(a professional's own meetings) make the slots they overlap unavailable. The caldav client is
synchronous; calls run in worker threads, one client per thread.
"""

import asyncio
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from caldav.davclient import DAVClient
from caldav.lib import error as caldav_error

from integrations.agenda.booking import Booking
from integrations.agenda.holds import Holds
from integrations.agenda.ics import BOOKING_PROPERTY, agenda_event, event_uid
from integrations.agenda.registry import Registry
from integrations.agenda.slots import Slot, candidate_slots

T = TypeVar("T")


class CaldavAgenda:
    def __init__(
        self,
        registry: Registry,
        holds: Holds,
        tz: ZoneInfo,
        url: str,
        username: str | None,
        password: str | None,
        calendar_path: str = "{team}-{professional}/",
    ) -> None:
        self._registry = registry
        self._holds = holds
        self._tz = tz
        self._url = url.rstrip("/") + "/"
        self._username = username
        self._password = password
        self._calendar_path = calendar_path
        self._local = threading.local()

    def calendar_url(self, team_id: str, professional_id: str) -> str:
        return self._url + self._calendar_path.format(team=team_id, professional=professional_id)

    def _client(self) -> DAVClient:
        client = getattr(self._local, "client", None)
        if client is None:
            client = DAVClient(
                url=self._url,
                username=self._username,
                password=self._password,
                require_tls=self._url.startswith("https"),
                timeout=10,
            )
            self._local.client = client
        return client

    def _calendar(self, team_id: str, professional_id: str) -> Any:
        client: Any = self._client()
        return client.calendar(url=self.calendar_url(team_id, professional_id))

    async def _run(self, work: Callable[[], T]) -> T:
        return await asyncio.to_thread(work)

    def _events(
        self, team_id: str, professional_id: str, first: datetime, last: datetime
    ) -> list[Any]:
        calendar = self._calendar(team_id, professional_id)
        found = calendar.search(start=first, end=last, event=True, expand=True)
        return [item.icalendar_component for item in found]

    async def taken(self, team_id: str, first: datetime, last: datetime) -> set[str]:
        team = self._registry.team(team_id)
        if team is None:
            return set()
        busy: set[str] = set()
        slots = candidate_slots(team, first, first.date(), last.date())
        for professional in team.professionals:
            events = await self._run(partial(self._events, team_id, professional.id, first, last))
            spans = [(self._time(e, "dtstart"), self._time(e, "dtend")) for e in events]
            for slot in slots:
                if slot.professional_id == professional.id and any(
                    start < slot.end and slot.start < end for start, end in spans
                ):
                    busy.add(slot.id)
        return busy

    async def reserve(self, slot: Slot, booking: Booking, holder_ok: str | None) -> bool:
        holder = (await self._holds.holders([slot.id])).get(slot.id)
        if holder is not None and holder != holder_ok:
            return False
        team = self._registry.team(slot.team_id)
        assert team is not None
        body = agenda_event(booking, team)

        def put() -> bool:
            try:
                self._calendar(slot.team_id, slot.professional_id).save_event(
                    body, no_overwrite=True
                )
            except (caldav_error.ConsistencyError, caldav_error.PutError):
                return False
            return True

        return await self._run(put)

    async def release(self, booking: Booking) -> bool:
        def delete() -> bool:
            calendar = self._calendar(booking.team_id, booking.professional_id)
            try:
                event = calendar.event_by_uid(event_uid(booking.slot_id))
            except caldav_error.NotFoundError:
                return False
            if str(event.icalendar_component.get(BOOKING_PROPERTY)) != booking.id:
                return False
            event.delete()
            return True

        return await self._run(delete)

    async def bookings(self, team_id: str, first: datetime, last: datetime) -> Sequence[Booking]:
        team = self._registry.team(team_id)
        if team is None:
            return []
        found: list[Booking] = []
        for professional in team.professionals:
            events = await self._run(partial(self._events, team_id, professional.id, first, last))
            for event in events:
                booking_id = event.get(BOOKING_PROPERTY)
                if booking_id is None:
                    continue
                start = self._time(event, "dtstart")
                slot = Slot(start, team_id, professional.id, team.appointment_minutes)
                found.append(
                    Booking(
                        id=str(booking_id),
                        slot_id=slot.id,
                        team_id=team_id,
                        professional_id=professional.id,
                        start=start,
                        end=self._time(event, "dtend"),
                        # The agenda holds no link to the conversation; the service adds it.
                        session_id="",
                        created_at=self._time(event, "dtstamp"),
                    )
                )
        return sorted(found, key=lambda b: b.start)

    async def close(self) -> None:
        return None

    def _time(self, event: Any, name: str) -> datetime:
        value = event.get(name).dt
        if not isinstance(value, datetime):  # an all-day event
            return datetime.combine(value, datetime.min.time(), tzinfo=self._tz)
        if value.tzinfo is None:
            return value.replace(tzinfo=self._tz)
        return value.astimezone(self._tz)
