"""The agenda's steps for one conversation: where the resident lives, which times to offer,
holding the time picked, and the booking itself (made, moved, cancelled). The agenda backend
owns the reservations. What the resident's words mean, and which step comes next, is the
appointment dialogue's (integrations/appointments/); it calls these steps.

Offering times holds nothing. The time the resident picks is held (one per conversation, a few
per client address) while they confirm it; the booking itself is atomic in the backend, so a
time picked by two residents gives one booking and one "net weg" with new times."""

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import structlog
from redis.asyncio import Redis

from integrations.agenda.address_lookup import AddressLookup
from integrations.agenda.availability import AgendaRules, Availability
from integrations.agenda.backends import AgendaBackend
from integrations.agenda.booking import Booking, case_appointment
from integrations.agenda.choice import Choice
from integrations.agenda.clock import Clock, seconds_until, system_clock
from integrations.agenda.dialog_state import BookingDialog, DialogStore, OfferedSlot, StoredWish
from integrations.agenda.holds import Holds
from integrations.agenda.registry import Kind, Registry, Team
from integrations.agenda.slots import parse_slot_id
from integrations.agenda.wijk_finder import WijkFinder
from integrations.agenda.wishes import DayWish

__all__ = ["AgendaRules", "BookingService"]

log = structlog.get_logger(__name__)

CaseChange = Callable[[str, dict[str, object]], Awaitable[None]]


@dataclass(frozen=True)
class PlaceResult:
    status: Literal["found", "need_postcode", "need_house_number", "outside", "unknown"]
    wijk: str | None = None
    team_name: str | None = None
    tries: int = 0
    # What the answer said of the address ("Veenweg 12", "9405AA 120"), when it said it.
    street: str | None = None
    house_number: int | None = None
    postcode: str | None = None
    # Whether the team is another than the one found before (a correction).
    changed: bool = False


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
        if len(whens) < 2:
            return "".join(whens)
        return ", ".join(whens[:-1]) + " of " + whens[-1]


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
        clock: Clock = system_clock,
    ) -> None:
        self._redis = redis
        self.registry = registry
        self.backend = backend
        self._holds = holds
        self._dialogs = dialogs
        self._finder = WijkFinder(registry, lookup)
        self.availability = Availability(backend, holds, rules, clock)
        self.rules = rules
        self._change_case = change_case

    def now(self) -> datetime:
        return self.availability.now()

    # Where the resident lives -------------------------------------------------------------

    async def place(self, session_id: str, text: str) -> PlaceResult:
        """The team of the place in `text`. A team other than the one before (a correction:
        "nee ik woon in Assen-Oost") forgets the times offered and gives back the pick."""
        dialog = await self._dialogs.get(session_id)
        found = await self._finder.find(text, dialog.pending_postcode, dialog.pending_street)
        place = found.place
        dialog.pending_postcode, dialog.pending_street = (
            found.pending_postcode,
            found.pending_street,
        )
        changed = False
        if place.status == "found" and place.team is not None:
            changed = dialog.team_id is not None and dialog.team_id != place.team.id
            if changed or dialog.team_id is None:
                await self._release_pick(session_id)
                dialog.offered, dialog.chosen, dialog.next_offer = [], None, "first"
                dialog.none_left = False
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
            found.street,
            found.house_number,
            found.postcode,
            changed,
        )

    async def dialog(self, session_id: str) -> BookingDialog:
        """What the agenda keeps of this conversation (read only)."""
        return await self._dialogs.get(session_id)

    async def want(
        self, session_id: str, wish: DayWish | None, words: str = "", kind: Kind | None = None
    ) -> None:
        """The next offers follow this wish (None: no wish) and kind of appointment."""
        dialog = await self._dialogs.get(session_id)
        dialog.wish = StoredWish.of(wish) if wish is not None and not wish.empty else None
        dialog.wish_words = words
        if kind is not None and kind != dialog.kind:
            dialog.kind = kind
            await self._release_pick(session_id)
            dialog.chosen = None
        dialog.next_offer = "wish" if dialog.wish is not None else "first"
        await self._dialogs.save(session_id, dialog)

    # Offering times ---------------------------------------------------------------------

    async def offers(self, session_id: str) -> OfferResult:
        dialog = await self._dialogs.get(session_id)
        team = self.registry.team(dialog.team_id or "")
        if team is None:
            return OfferResult("no_team")
        offered, wish_unmet = await self.availability.offer(team, dialog, session_id)
        dialog.offered = offered
        dialog.next_offer, dialog.chosen, dialog.none_left = "same", None, not offered
        await self._dialogs.save(session_id, dialog)
        if not offered:
            return OfferResult("none_left", team_name=team.name, wish_unmet=wish_unmet)
        return OfferResult("offered", offered, wish_unmet, team.name)

    # The resident's answer --------------------------------------------------------------------

    async def choose(self, session_id: str, choice: Choice) -> ChoiceResult:
        """What the resident chose among the offered times (read by the dialogue): the pick is
        held while they confirm, or the next offers are later ones, or follow a wish."""
        dialog = await self._dialogs.get(session_id)
        if choice.kind == "chosen" and not any(o.slot_id == choice.slot_id for o in dialog.offered):
            return ChoiceResult("unclear")
        if choice.kind in ("callback", "give_up"):
            await self._release_offers(session_id, dialog)
            return ChoiceResult(choice.kind)
        if choice.kind == "chosen":
            offer = next(o for o in dialog.offered if o.slot_id == choice.slot_id)
            if not await self._hold_pick(session_id, offer):
                dialog.chosen, dialog.next_offer = None, "first"
                await self._dialogs.save(session_id, dialog)
                return ChoiceResult("taken", offer)
            dialog.chosen = offer.slot_id
            await self._dialogs.save(session_id, dialog)
            return ChoiceResult("chosen", offer)
        if choice.kind in ("more", "declined"):
            dialog.next_offer = "after" if dialog.offered else "first"
            dialog.after = max((o.start for o in dialog.offered), default=None)
        elif choice.kind == "wish" and choice.wish is not None:
            dialog.next_offer, dialog.wish = "wish", StoredWish.of(choice.wish)
        else:
            dialog.next_offer = "same"
        await self._dialogs.save(session_id, dialog)
        return ChoiceResult(choice.kind)

    async def _hold_pick(self, session_id: str, offer: OfferedSlot) -> bool:
        """Hold the picked time while the resident confirms it; False when it is gone (held by
        another resident who picked it first, or booked). Over the bound of the client address
        nothing is held, and the booking at "yes" is still atomic."""
        address = await self._dialogs.address_of(session_id)
        outcome = await self._holds.take(offer.slot_id, session_id, address)
        if outcome == "bounded":
            log.info("agenda.hold_bounded")
        booked = outcome != "taken" and await self._booked(offer.slot_id)
        if outcome == "taken" or booked:
            await self._holds.release_conversation(session_id, address)
            log.info("agenda.pick_taken", booked=booked)
            return False
        return True

    async def _booked(self, slot_id: str) -> bool:
        slot = parse_slot_id(slot_id, self.registry, self.rules.tz)
        if slot is None:
            return True
        return slot_id in await self.backend.taken(slot.team_id, slot.start, slot.end)

    async def address_of(self, session_id: str) -> str | None:
        """The client address the conversation came from (for bounds on tries)."""
        return await self._dialogs.address_of(session_id)

    async def note_address(self, session_id: str, address: str) -> None:
        """The client address a conversation comes from, for the bound on held times."""
        await self._dialogs.note_address(session_id, address)

    async def reconsider(self, session_id: str) -> None:
        """The resident wants another time after all: offer later ones."""
        dialog = await self._dialogs.get(session_id)
        chosen = next((o for o in dialog.offered if o.slot_id == dialog.chosen), None)
        if chosen is not None:
            dialog.next_offer, dialog.after = "after", chosen.start
            await self._release_pick(session_id)
        else:
            dialog.next_offer = "first"
        dialog.chosen = None
        await self._dialogs.save(session_id, dialog)

    async def _release_pick(self, session_id: str) -> None:
        address = await self._dialogs.address_of(session_id)
        await self._holds.release_conversation(session_id, address)

    async def _release_offers(self, session_id: str, dialog: BookingDialog) -> None:
        await self._release_pick(session_id)
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
        booking = Booking.of(
            secrets.token_urlsafe(18), slot, session_id, self.now(), dialog.kind, dialog.wish_words
        )
        if not await self.backend.reserve(slot, booking, holder_ok=session_id):
            await self._release_pick(session_id)
            dialog.chosen, dialog.next_offer = None, "first"
            await self._dialogs.save(session_id, dialog)
            log.info("agenda.slot_taken", team=slot.team_id)
            return ConfirmResult("taken", offers=await self.offers(session_id))
        previous = await self.booking(dialog.booking_id) if dialog.booking_id else None
        keep = seconds_until(booking.end, self.now()) + self.rules.keep_after_seconds
        await self._redis.set(booking_key(booking.id), booking.model_dump_json(), ex=keep)
        if previous is not None:
            await self.backend.release(previous)
            await self._redis.delete(booking_key(previous.id))

        await self._release_pick(session_id)
        dialog.booking_id, dialog.chosen, dialog.offered, dialog.next_offer = (
            booking.id,
            None,
            [],
            "first",
        )
        await self._dialogs.save(session_id, dialog)
        team = self.registry.team(slot.team_id)
        assert team is not None
        appointment = case_appointment(booking, team)
        await self._change_case(session_id, {"appointment": appointment, "buurtteam": team.name})
        if previous is not None and previous.session_id not in ("", session_id):
            # Found again later with its code: the case it was made in shows the new time.
            await self._change_case(previous.session_id, {"appointment": appointment})
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
        if booking.session_id not in ("", session_id):
            await self._change_case(booking.session_id, {"appointment": None})
        log.info("agenda.cancelled", team=booking.team_id)
        return booking

    async def attach(self, session_id: str, booking: Booking) -> None:
        """A booking found again with its code belongs to this conversation from now on: it
        can be asked about, moved or cancelled here."""
        dialog = await self._dialogs.get(session_id)
        team = self.registry.team(booking.team_id)
        dialog.booking_id, dialog.team_id, dialog.kind = booking.id, booking.team_id, booking.kind
        await self._dialogs.save(session_id, dialog)
        if team is not None:
            await self._change_case(
                session_id, {"appointment": case_appointment(booking, team), "buurtteam": team.name}
            )

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
        until staff cancel it, so nobody loses an appointment by accident. The time this
        conversation holds is free for others at once."""
        await self._release_pick(session_id)
        await self._dialogs.erase(session_id)
