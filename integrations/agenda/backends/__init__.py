"""Where reservations live: Redis (the embedded default) or the teams' CalDAV calendars."""

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from integrations.agenda.booking import Booking
from integrations.agenda.slots import Slot


class AgendaBackend(Protocol):
    """The one owner of reservations. `reserve` is atomic: two residents never get one slot."""

    async def taken(self, team_id: str, first: datetime, last: datetime) -> set[str]:
        """Ids of the slots of `team_id` between `first` and `last` that are not free."""

    async def reserve(self, slot: Slot, booking: Booking, holder_ok: str | None) -> bool:
        """Reserve `slot` for `booking`; False when it is booked already, or held by another
        session than `holder_ok`."""

    async def release(self, booking: Booking) -> bool:
        """Cancel the reservation of `booking`; False when it was not there."""

    async def bookings(self, team_id: str, first: datetime, last: datetime) -> Sequence[Booking]:
        """The reservations of a team in a period, in time order."""

    async def close(self) -> None:
        """Give back connections."""
