"""What the agenda keeps of one conversation: its team, the times offered and the one picked,
the kind of appointment and the wish the offers follow, the booking; and the client address
that started it. (Where the conversation is in the appointment dialogue is the dialogue's own
state: integrations/appointments/.)

Redis keys (owner: this module): `agenda:dialog:{session}` and `agenda:address:{session}`; both
expire with the conversation."""

from dataclasses import asdict
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel
from redis.asyncio import Redis

from integrations.agenda.choice import Offer
from integrations.agenda.registry import Kind
from integrations.agenda.wishes import DayWish
from integrations.redis_client import as_text

NextOffer = Literal["first", "same", "after", "wish"]


class OfferedSlot(BaseModel):
    slot_id: str
    start: datetime
    when: str

    def as_offer(self) -> Offer:
        return Offer(self.slot_id, self.start, self.when)


class StoredWish(BaseModel):
    day: date | None = None
    weekday: int | None = None
    after: date | None = None
    part: str | None = None
    not_weekdays: tuple[int, ...] = ()
    before: date | None = None
    from_minute: int | None = None
    until_minute: int | None = None
    soon: bool = False

    @classmethod
    def of(cls, wish: DayWish) -> "StoredWish":
        return cls(**asdict(wish))

    def as_wish(self) -> DayWish:
        return DayWish(**self.model_dump())


class BookingDialog(BaseModel):
    team_id: str | None = None
    wijk: str | None = None
    pending_postcode: str | None = None
    pending_street: str | None = None
    place_tries: int = 0
    offered: list[OfferedSlot] = []
    next_offer: NextOffer = "first"
    after: datetime | None = None
    wish: StoredWish | None = None
    # The wish in the resident's terms ("in de middag, niet op woensdag"), for the case.
    wish_words: str = ""
    kind: Kind = "office"
    chosen: str | None = None
    none_left: bool = False
    booking_id: str | None = None

    def offers(self) -> list[Offer]:
        return [offered.as_offer() for offered in self.offered]


def dialog_key(session_id: str) -> str:
    return f"agenda:dialog:{session_id}"


def address_key(session_id: str) -> str:
    return f"agenda:address:{session_id}"


class DialogStore:
    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    async def get(self, session_id: str) -> BookingDialog:
        raw = await self._redis.get(dialog_key(session_id))
        return BookingDialog.model_validate_json(raw) if raw else BookingDialog()

    async def save(self, session_id: str, dialog: BookingDialog) -> None:
        await self._redis.set(dialog_key(session_id), dialog.model_dump_json(), ex=self._ttl)

    async def note_address(self, session_id: str, address: str) -> None:
        """The client address of the conversation, for the bound on held times per address."""
        await self._redis.set(address_key(session_id), address, ex=self._ttl)

    async def address_of(self, session_id: str) -> str | None:
        raw = await self._redis.get(address_key(session_id))
        return as_text(raw) if raw else None

    async def erase(self, session_id: str) -> None:
        await self._redis.delete(dialog_key(session_id), address_key(session_id))
