"""The booking dialogue behind the actions: where the resident lives, which times to offer,
what the answer means, and the booking itself. The agenda backend owns the reservations."""

import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Literal
from zoneinfo import ZoneInfo

import structlog
from redis.asyncio import Redis

from integrations.agenda.address_lookup import AddressLookup
from integrations.agenda.backends import AgendaBackend
from integrations.agenda.booking import Booking, case_appointment
from integrations.agenda.choice import read_choice
from integrations.agenda.dialog_state import BookingDialog, DialogStore, OfferedSlot, StoredWish
from integrations.agenda.holds import Holds
from integrations.agenda.places import read_address
from integrations.agenda.registry import Place, Registry, Team, fold
from integrations.agenda.slots import Slot, iter_candidate_slots, parse_slot_id, spoken_when
from integrations.agenda.wishes import MORNING_ENDS_HOUR

MAX_OFFERS = 3
# How many free slots, in time order, the three offers are chosen from.
OFFER_WINDOW = 400
OFFER_ATTEMPTS = 3
_CALLBACK = ("bel mij", "bellen", "terugbellen", "bel me", "opbellen")
_YES = {"ja", "jawel", "graag", "goed", "oke", "ok", "prima", "zeker"}

log = structlog.get_logger(__name__)

CaseChange = Callable[[str, dict[str, object]], Awaitable[None]]


@dataclass(frozen=True)
class PlaceResult:
    status: Literal["found", "need_postcode", "need_house_number", "outside", "unknown"]
    wijk: str | None = None
    team_name: str | None = None
    tries: int = 0


@dataclass(frozen=True)
class OfferResult:
    status: Literal["offered", "none_left", "no_team"]
    offers: list[OfferedSlot] = field(default_factory=list)
    wish_unmet: bool = False
    team_name: str | None = None

    @property
    def spoken(self) -> str:
        """ "a, b of c": the offers in one sentence, for the phone."""
        whens = [offer.when for offer in self.offers]
        return (
            whens[0]
            if len(whens) == 1
            else ", ".join(whens[:-1]) + " of " + whens[-1]
            if whens
            else ""
        )


ChoiceOutcome = Literal[
    "chosen", "taken", "more", "declined", "wish", "unclear", "callback", "give_up"
]


@dataclass(frozen=True)
class ChoiceResult:
    kind: ChoiceOutcome
    offer: OfferedSlot | None = None


@dataclass(frozen=True)
class ConfirmResult:
    status: Literal["booked", "taken", "nothing_chosen"]
    booking: Booking | None = None
    offers: OfferResult | None = None


@dataclass(frozen=True)
class AgendaRules:
    """How far ahead and how soon appointments can be made."""

    tz: ZoneInfo
    horizon_days: int = 14
    lead_minutes: int = 120
    keep_after_seconds: int = 30 * 24 * 3600


def booking_key(booking_id: str) -> str:
    return f"agenda:booking:{booking_id}"


class BookingService:
    def __init__(
        self,
        redis: Redis,
        registry: Registry,
        backend: AgendaBackend,
        holds: Holds,
        dialogs: DialogStore,
        lookup: AddressLookup,
        rules: AgendaRules,
        change_case: CaseChange,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._redis = redis
        self.registry = registry
        self.backend = backend
        self._holds = holds
        self._dialogs = dialogs
        self._lookup = lookup
        self.rules = rules
        self._change_case = change_case
        self._clock = clock

    def now(self) -> datetime:
        return self._clock().astimezone(self.rules.tz)

    # Where the resident lives -------------------------------------------------------------

    async def place(self, session_id: str, text: str) -> PlaceResult:
        dialog = await self._dialogs.get(session_id)
        answer = read_address(text)
        postcode = answer.postcode
        if postcode is None and answer.house_number is not None:
            postcode = dialog.pending_postcode
        place = (
            await self._place_of_address(postcode, answer.house_number)
            if postcode
            else self.registry.place_in(text)
        )
        dialog.pending_postcode = postcode if place.status == "need_house_number" else None
        if place.status == "found" and place.team is not None:
            dialog.team_id, dialog.wijk, dialog.place_tries = place.team.id, place.wijk, 0
            await self._change_case(session_id, {"wijk": place.wijk, "buurtteam": place.team.name})
        elif place.status != "outside":
            dialog.place_tries += 1
        await self._dialogs.save(session_id, dialog)
        return PlaceResult(
            place.status,
            place.wijk,
            place.team.name if place.team else None,
            dialog.place_tries,
        )

    async def _place_of_address(self, postcode: str, house_number: int | None) -> Place:
        table = self.registry.place_of_postcode(postcode, house_number)
        if table.status == "outside" or house_number is None or len(postcode) != 6:
            return table
        # With a full address the BAG knows best; the table is the fallback.
        wijknaam = await self._lookup.wijknaam(postcode, house_number)
        if wijknaam:
            found = self.registry.place_named(wijknaam)
            if found.status == "found":
                return found
        return table

    # Offering times ---------------------------------------------------------------------

    async def offers(self, session_id: str) -> OfferResult:
        dialog = await self._dialogs.get(session_id)
        team = self.registry.team(dialog.team_id or "")
        if team is None:
            return OfferResult("no_team")
        if dialog.next_offer == "same" and dialog.offered:
            kept = await self._hold_again(dialog.offered, session_id)
            if len(kept) == len(dialog.offered):
                return OfferResult("offered", kept, team_name=team.name)
        offered: list[OfferedSlot] = []
        wish_unmet = False
        for _attempt in range(OFFER_ATTEMPTS):
            # Residents choosing at the same moment may hold what this one saw as free:
            # then look again, past the times they hold now.
            offered, wish_unmet, tried = await self._offer_once(team, dialog, session_id, offered)
            if len(offered) == MAX_OFFERS or not tried:
                break
        dialog.offered = offered
        dialog.next_offer, dialog.chosen, dialog.none_left = "same", None, not offered
        await self._dialogs.save(session_id, dialog)
        if not offered:
            return OfferResult("none_left", team_name=team.name, wish_unmet=wish_unmet)
        return OfferResult("offered", offered, wish_unmet, team.name)

    async def _offer_once(
        self,
        team: Team,
        dialog: BookingDialog,
        session_id: str,
        have: list[OfferedSlot],
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

    async def free_slots(
        self,
        team: Team,
        limit: int | None = None,
        wanted: Callable[[Slot], bool] = lambda _slot: True,
    ) -> list[Slot]:
        """The team's slots from the lead time to the horizon that nobody booked, in time
        order; the first `limit` of them that are `wanted`. Generated lazily: offering three
        times in a large agenda does not build every slot of two weeks."""
        not_before = self.now() + timedelta(minutes=self.rules.lead_minutes)
        last_day = not_before.date() + timedelta(days=self.rules.horizon_days)
        end = datetime.combine(last_day + timedelta(days=1), datetime.min.time(), self.rules.tz)
        taken = await self.backend.taken(team.id, not_before, end)
        candidates = iter_candidate_slots(team, not_before, not_before.date(), last_day)
        free = (slot for slot in candidates if slot.id not in taken and wanted(slot))
        return list(islice(free, limit))

    async def _hold_first(
        self,
        free: Sequence[Slot],
        session_id: str,
        previous: Sequence[OfferedSlot],
        have: Sequence[OfferedSlot] = (),
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

    async def _hold_again(
        self, offered: Sequence[OfferedSlot], session_id: str
    ) -> list[OfferedSlot]:
        return [offer for offer in offered if await self._holds.take(offer.slot_id, session_id)]

    # The resident's answer --------------------------------------------------------------------

    async def choose(self, session_id: str, text: str) -> ChoiceResult:
        dialog = await self._dialogs.get(session_id)
        folded = f" {fold(text)} "
        words = set(folded.split())
        if dialog.none_left or not dialog.offered:
            wants_call = bool(words & _YES) or any(f" {p} " in folded for p in _CALLBACK)
            return ChoiceResult("callback" if wants_call else "give_up")
        if any(f" {p} " in folded for p in _CALLBACK):
            await self._release_offers(session_id, dialog)
            return ChoiceResult("callback")
        if " geen afspraak " in folded or " hoeft niet " in folded:
            await self._release_offers(session_id, dialog)
            return ChoiceResult("give_up")
        choice = read_choice(text, [o.as_offer() for o in dialog.offered], self.now().date())
        if choice.kind == "chosen":
            offer = next(o for o in dialog.offered if o.slot_id == choice.slot_id)
            if not await self._holds.take(offer.slot_id, session_id):
                dialog.next_offer = "first"
                await self._dialogs.save(session_id, dialog)
                return ChoiceResult("taken", offer)
            dialog.chosen = offer.slot_id
            await self._holds.release(
                [o.slot_id for o in dialog.offered if o.slot_id != offer.slot_id], session_id
            )
            await self._dialogs.save(session_id, dialog)
            return ChoiceResult("chosen", offer)
        if choice.kind in ("more", "declined"):
            dialog.next_offer = "after"
            dialog.after = max(o.start for o in dialog.offered)
        elif choice.kind == "wish" and choice.wish is not None:
            dialog.next_offer, dialog.wish = "wish", StoredWish.of(choice.wish)
        else:
            dialog.next_offer = "same"
        await self._dialogs.save(session_id, dialog)
        return ChoiceResult(choice.kind)

    async def reconsider(self, session_id: str) -> None:
        """The resident wants another time after all: offer later ones."""
        dialog = await self._dialogs.get(session_id)
        chosen = next((o for o in dialog.offered if o.slot_id == dialog.chosen), None)
        if chosen is not None:
            dialog.next_offer, dialog.after = "after", chosen.start
            await self._holds.release([chosen.slot_id], session_id)
        else:
            dialog.next_offer = "first"
        dialog.chosen = None
        await self._dialogs.save(session_id, dialog)

    async def _release_offers(self, session_id: str, dialog: BookingDialog) -> None:
        await self._holds.release([o.slot_id for o in dialog.offered], session_id)
        dialog.offered, dialog.chosen, dialog.next_offer = [], None, "first"
        await self._dialogs.save(session_id, dialog)

    # Booking, cancelling, changing -----------------------------------------------------------

    async def confirm(self, session_id: str, slot_id: str | None = None) -> ConfirmResult:
        """Book the chosen slot (or `slot_id`). A booking that exists already is moved: the new
        time is reserved first, then the old one given back, so the resident never has none."""
        dialog = await self._dialogs.get(session_id)
        wanted = slot_id or dialog.chosen
        slot = parse_slot_id(wanted, self.registry, self.rules.tz) if wanted else None
        if slot is None:
            return ConfirmResult("nothing_chosen")
        dialog.team_id = slot.team_id
        booking = Booking.of(secrets.token_urlsafe(18), slot, session_id, self.now())
        if not await self.backend.reserve(slot, booking, holder_ok=session_id):
            dialog.chosen, dialog.next_offer = None, "first"
            await self._dialogs.save(session_id, dialog)
            log.info("agenda.slot_taken", team=slot.team_id)
            return ConfirmResult("taken", offers=await self.offers(session_id))
        previous = await self.booking(dialog.booking_id) if dialog.booking_id else None
        expire_at = int(booking.end.timestamp()) + self.rules.keep_after_seconds
        await self._redis.set(booking_key(booking.id), booking.model_dump_json(), exat=expire_at)
        if previous is not None:
            await self.backend.release(previous)
            await self._redis.delete(booking_key(previous.id))
        await self._holds.release([o.slot_id for o in dialog.offered], session_id)
        dialog.booking_id, dialog.chosen, dialog.offered, dialog.next_offer = (
            booking.id,
            None,
            [],
            "first",
        )
        await self._dialogs.save(session_id, dialog)
        team = self.registry.team(slot.team_id)
        assert team is not None
        await self._change_case(
            session_id,
            {"appointment": case_appointment(booking, team), "buurtteam": team.name},
        )
        log.info("agenda.booked", team=slot.team_id, moved=previous is not None)
        return ConfirmResult("booked", booking)

    async def cancel(self, session_id: str) -> Booking | None:
        dialog = await self._dialogs.get(session_id)
        booking = await self.booking(dialog.booking_id) if dialog.booking_id else None
        if booking is None:
            return None
        await self.backend.release(booking)
        await self._redis.delete(booking_key(booking.id))
        dialog.booking_id = None
        await self._dialogs.save(session_id, dialog)
        await self._change_case(session_id, {"appointment": None})
        log.info("agenda.cancelled", team=booking.team_id)
        return booking

    async def booking(self, booking_id: str) -> Booking | None:
        raw = await self._redis.get(booking_key(booking_id))
        return Booking.model_validate_json(raw) if raw else None

    async def booking_of(self, session_id: str) -> Booking | None:
        dialog = await self._dialogs.get(session_id)
        return await self.booking(dialog.booking_id) if dialog.booking_id else None

    async def team_of(self, session_id: str) -> Team | None:
        dialog = await self._dialogs.get(session_id)
        return self.registry.team(dialog.team_id or "")

    async def erase(self, session_id: str) -> None:
        """AVG erasure: the dialogue state goes; a booked appointment stays in the team's agenda
        until staff cancel it, so nobody loses an appointment by accident."""
        await self._dialogs.erase(session_id)


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
