"""Which times a team has free, and which three of them to offer a resident.

The backend owns the reservations and `Holds` the holds; this module only reads them. Offering
holds nothing: a time is held when the resident picks it (integrations/agenda/service.py).
"""

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from integrations.agenda.backends import AgendaBackend
from integrations.agenda.clock import Clock, system_clock
from integrations.agenda.dialog_state import BookingDialog, OfferedSlot
from integrations.agenda.holds import Holds
from integrations.agenda.registry import Team
from integrations.agenda.slots import Slot, iter_candidate_slots, spoken_when
from integrations.agenda.wishes import MORNING_ENDS_HOUR, DayWish

MAX_OFFERS = 3
# How many free slots, in time order, the three offers are chosen from.
OFFER_WINDOW = 400


@dataclass(frozen=True)
class AgendaRules:
    """How far ahead and how soon appointments can be made."""

    tz: ZoneInfo
    horizon_days: int = 14
    lead_minutes: int = 120
    keep_after_seconds: int = 30 * 24 * 3600


class Availability:
    def __init__(
        self,
        backend: AgendaBackend,
        holds: Holds,
        rules: AgendaRules,
        clock: Clock = system_clock,
    ) -> None:
        self._backend = backend
        self._holds = holds
        self.rules = rules
        self._clock = clock

    def now(self) -> datetime:
        return self._clock().astimezone(self.rules.tz)

    async def free_slots(
        self,
        team: Team,
        limit: int | None = None,
        wanted: Callable[[Slot], bool] = lambda _slot: True,
    ) -> list[Slot]:
        """The team's slots from the lead time to the horizon that nobody booked, in time
        order; the first `limit` of them that are `wanted`. Generated lazily: offering three
        times in a large agenda does not build every slot of two weeks."""
        # In absolute time, then local: the lead time is right across a change of the clocks.
        lead = timedelta(minutes=self.rules.lead_minutes)
        not_before = (self._clock().astimezone(UTC) + lead).astimezone(self.rules.tz)
        last_day = not_before.date() + timedelta(days=self.rules.horizon_days)
        end = datetime.combine(last_day + timedelta(days=1), datetime.min.time(), self.rules.tz)
        taken = await self._backend.taken(team.id, not_before, end)
        candidates = iter_candidate_slots(team, not_before, not_before.date(), last_day)
        free = (slot for slot in candidates if slot.id not in taken and wanted(slot))
        return list(islice(free, limit))

    async def offer(
        self, team: Team, dialog: BookingDialog, session_id: str
    ) -> tuple[list[OfferedSlot], bool]:
        """Up to three free times that fit the dialogue (the same ones again, later ones, or a
        wish), and whether a wish could not be met. Nothing is held: the times are held only
        when the resident picks one, so asking for offers never blocks an agenda."""
        held = await self._holds.held_in_team(team.id)
        holders = await self._holds.holders(sorted(held))
        # What someone else picked and is confirming now is not offered; this one's own pick is.
        others = {slot for slot, who in holders.items() if who != session_id}
        kind = dialog.kind
        if dialog.next_offer == "same" and dialog.offered:
            wanted = {o.slot_id for o in dialog.offered} - others
            if len(wanted) == len(dialog.offered):
                still = await self.free_slots(team, len(wanted), lambda s: s.id in wanted)
                if len(still) == len(wanted):
                    return list(dialog.offered), False

        async def open_slots(wanted: Callable[[Slot], bool] = lambda _s: True) -> list[Slot]:
            return await self.free_slots(
                team,
                OFFER_WINDOW,
                lambda slot: (
                    slot.id not in others and team.fits_kind(kind, slot.start) and wanted(slot)
                ),
            )

        free = await open_slots()
        wish_unmet = False
        soon = False
        wish = dialog.wish.as_wish() if dialog.wish is not None else None
        if dialog.next_offer == "after" and dialog.after is not None:
            after = dialog.after
            keep = wish or DayWish()
            later = await open_slots(lambda s: s.start > after and keep.allows(s.start))
            free = later or await open_slots(lambda s: s.start > after) or free
        elif dialog.next_offer in ("wish", "first") and wish is not None:
            soon = wish.soon
            wished = await open_slots(lambda s: wish.allows(s.start))
            wish_unmet = not wished
            if wished:
                free = wished
            elif wish.day is not None:
                day = wish.day
                free = await open_slots(lambda s: s.start.date() > day) or free
        return _first_three(free, session_id, spread=not soon), wish_unmet


def _first_three(free: Sequence[Slot], session_id: str, spread: bool = True) -> list[OfferedSlot]:
    """Up to three free slots, each at another time: first on different days and parts of the
    day, so the resident has a real choice; in time order. Of the professionals free at one
    time, each conversation gets its own (in a fixed order per conversation): residents offered
    the same time at once mostly pick different slots, and both get it. Without `spread`
    ("zo snel mogelijk"): the first three times."""

    def order(slot: Slot) -> tuple[datetime, int]:
        return slot.start, zlib.crc32(f"{session_id}:{slot.professional_id}".encode())

    chosen: list[OfferedSlot] = []
    times: set[datetime] = set()
    ordered = sorted(free, key=order)
    for slot in _spread(ordered) if spread else ordered:
        if len(chosen) == MAX_OFFERS:
            break
        if slot.start not in times:
            times.add(slot.start)
            chosen.append(
                OfferedSlot(slot_id=slot.id, start=slot.start, when=spoken_when(slot.start))
            )
    return sorted(chosen, key=lambda offer: offer.start)


def _spread(slots: Sequence[Slot]) -> list[Slot]:
    """The first slot of each (day, morning/afternoon) first, then the rest, in time order."""
    seen: set[tuple[object, bool]] = set()
    first, rest = [], []
    for slot in slots:
        part = (slot.start.date(), slot.start.hour < MORNING_ENDS_HOUR)
        if part in seen:
            rest.append(slot)
        else:
            seen.add(part)
            first.append(slot)
    return first + rest
