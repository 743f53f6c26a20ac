"""Which times a team has free, and holding three of them for a resident who is choosing.

The backend owns the reservations and `Holds` the holds; this module only reads them and takes
holds through them.
"""

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
from integrations.agenda.wishes import MORNING_ENDS_HOUR

MAX_OFFERS = 3
# How many free slots, in time order, the three offers are chosen from.
OFFER_WINDOW = 400
OFFER_ATTEMPTS = 3


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
        """Up to three held times that fit the dialogue (the same ones again, later ones, or a
        wish), and whether a wish could not be met."""
        if dialog.next_offer == "same" and dialog.offered:
            kept = [o for o in dialog.offered if await self._holds.take(o.slot_id, session_id)]
            if len(kept) == len(dialog.offered):
                return kept, False
        offered: list[OfferedSlot] = []
        wish_unmet = False
        for _attempt in range(OFFER_ATTEMPTS):
            # Residents choosing at the same moment may hold what this one saw as free:
            # then look again, past the times they hold now.
            offered, wish_unmet, tried = await self._offer_once(team, dialog, session_id, offered)
            if len(offered) == MAX_OFFERS or not tried:
                break
        return offered, wish_unmet

    async def _offer_once(
        self, team: Team, dialog: BookingDialog, session_id: str, have: list[OfferedSlot]
    ) -> tuple[list[OfferedSlot], bool, int]:
        """One pass: the open slots that fit the dialogue's wish, and holds on up to three.
        Returns the offers, whether a wish could not be met, and how many slots were open."""
        mine = {o.slot_id for o in [*dialog.offered, *have]}
        held = await self._holds.held_in_team(team.id) - mine

        async def open_slots(wanted: Callable[[Slot], bool] = lambda _s: True) -> list[Slot]:
            return await self.free_slots(
                team, OFFER_WINDOW, lambda slot: slot.id not in held and wanted(slot)
            )

        free = await open_slots()
        wish_unmet = False
        if dialog.next_offer == "after" and dialog.after is not None:
            after = dialog.after
            free = await open_slots(lambda s: s.start > after) or free
        elif dialog.next_offer == "wish" and dialog.wish is not None:
            wish = dialog.wish.as_wish()
            wished = await open_slots(lambda s: wish.allows(s.start.date(), s.start.hour))
            wish_unmet = not wished
            if wished:
                free = wished
            elif wish.day is not None:
                day = wish.day
                free = await open_slots(lambda s: s.start.date() > day) or free
        offered = await self._hold_first(free, session_id, [*dialog.offered, *have], have)
        return offered, wish_unmet, len(free)

    async def _hold_first(
        self,
        free: Sequence[Slot],
        session_id: str,
        previous: Sequence[OfferedSlot],
        have: Sequence[OfferedSlot],
    ) -> list[OfferedSlot]:
        """Hold up to three free slots, each at another time: first on different days and
        parts of the day, so the resident has a real choice. A slot someone else took a hold
        on a moment ago is skipped (the hold is atomic)."""
        chosen: list[OfferedSlot] = list(have)
        times: set[datetime] = {offer.start for offer in have}
        for slot in _spread(free):
            if len(chosen) == MAX_OFFERS:
                break
            if slot.start not in times and await self._holds.take(slot.id, session_id):
                times.add(slot.start)
                when = spoken_when(slot.start)
                chosen.append(OfferedSlot(slot_id=slot.id, start=slot.start, when=when))
        kept = {offer.slot_id for offer in chosen}
        stale = [o.slot_id for o in previous if o.slot_id not in kept]
        await self._holds.release(stale, session_id)
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
