"""A confirmed appointment, as the agenda keeps it and the case shows it. Pure."""

from datetime import datetime

from pydantic import BaseModel, Field

from integrations.agenda.registry import Kind, Team
from integrations.agenda.slots import Slot, spoken_when

# The kinds of appointment in the words staff read in a case.
KIND_WORDS: dict[str, str] = {
    "office": "bij het buurtteam",
    "home": "huisbezoek",
    "phone": "telefonisch",
}


class Booking(BaseModel):
    id: str = Field(pattern=r"^[A-Za-z0-9_-]{16,64}$")
    slot_id: str
    team_id: str
    professional_id: str
    start: datetime
    end: datetime
    session_id: str
    created_at: datetime
    kind: Kind = "office"
    # What the resident wished when booking ("in de middag, niet op woensdag"), for staff.
    wishes: str = Field(default="", max_length=300)

    @classmethod
    def of(
        cls,
        booking_id: str,
        slot: Slot,
        session_id: str,
        now: datetime,
        kind: Kind = "office",
        wishes: str = "",
    ) -> "Booking":
        return cls(
            id=booking_id,
            slot_id=slot.id,
            team_id=slot.team_id,
            professional_id=slot.professional_id,
            start=slot.start,
            end=slot.end,
            session_id=session_id,
            created_at=now,
            kind=kind,
            wishes=wishes[:300],
        )


def professional_name(booking: Booking, team: Team) -> str:
    """The first name of the professional ("Anna (voorbeeld)" in the sample data)."""
    names = {p.id: p.name for p in team.professionals}
    return names.get(booking.professional_id, team.name)


def case_appointment(booking: Booking, team: Team) -> dict[str, object]:
    """The `appointment` of a case: team, time, kind and place, who, the resident's wishes,
    and where the calendar file is."""
    return {
        "booking_id": booking.id,
        "buurtteam": team.name,
        "team_id": team.id,
        "start": booking.start.isoformat(),
        "end": booking.end.isoformat(),
        "when": spoken_when(booking.start),
        "kind": booking.kind,
        "kind_text": KIND_WORDS[booking.kind],
        "professional": professional_name(booking, team),
        "wishes": booking.wishes or None,
        "address": team.address,
        "phone": team.phone,
        "ics_url": ics_path(booking.id),
    }


def ics_path(booking_id: str) -> str:
    return f"/api/agenda/afspraak/{booking_id}.ics"
