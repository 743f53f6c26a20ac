"""A confirmed appointment, as the agenda keeps it and the case shows it. Pure."""

from datetime import datetime

from pydantic import BaseModel, Field

from integrations.agenda.registry import Team
from integrations.agenda.slots import Slot, spoken_when


class Booking(BaseModel):
    id: str = Field(pattern=r"^[A-Za-z0-9_-]{16,64}$")
    slot_id: str
    team_id: str
    professional_id: str
    start: datetime
    end: datetime
    session_id: str
    created_at: datetime

    @classmethod
    def of(cls, booking_id: str, slot: Slot, session_id: str, now: datetime) -> "Booking":
        return cls(
            id=booking_id,
            slot_id=slot.id,
            team_id=slot.team_id,
            professional_id=slot.professional_id,
            start=slot.start,
            end=slot.end,
            session_id=session_id,
            created_at=now,
        )


def case_appointment(booking: Booking, team: Team) -> dict[str, object]:
    """The `appointment` of a case: team, time and place, and where the calendar file is."""
    return {
        "booking_id": booking.id,
        "buurtteam": team.name,
        "team_id": team.id,
        "start": booking.start.isoformat(),
        "end": booking.end.isoformat(),
        "when": spoken_when(booking.start),
        "address": team.address,
        "phone": team.phone,
        "ics_url": ics_path(booking.id),
    }


def ics_path(booking_id: str) -> str:
    return f"/api/agenda/afspraak/{booking_id}.ics"
