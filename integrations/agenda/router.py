"""The agenda over HTTP: the staff agenda view and the resident's calendar file. (The booking
dialogue's internal API is the appointment dialogue's: integrations/appointments/router.py.)"""

from datetime import date, datetime, time, timedelta
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from integrations.agenda.booking import KIND_WORDS
from integrations.agenda.holds import Holds
from integrations.agenda.ics import resident_ics
from integrations.agenda.service import BookingService
from integrations.agenda.slots import candidate_slots, spoken_when
from integrations.nlg.service import phrasing_of
from integrations.staff.audit import AuditLog
from integrations.staff.auth import require_aanmeldteam

staff_router = APIRouter(prefix="/api/agenda", tags=["agenda"])
resident_router = APIRouter(prefix="/api/agenda", tags=["agenda"])
MAX_VIEW_DAYS = 31


def service_of(request: Request) -> BookingService:
    service: BookingService = request.app.state.agenda
    return service


@resident_router.get("/afspraak/{booking_id}.ics", include_in_schema=False)
async def calendar_file(booking_id: str, request: Request) -> Response:
    """The resident's appointment as a calendar file. The id is long and random."""
    service = service_of(request)
    booking = await service.booking(booking_id) if len(booking_id) <= 64 else None
    team = service.registry.team(booking.team_id) if booking else None
    if booking is None or team is None:
        raise HTTPException(status_code=404, detail="Deze afspraak bestaat niet (meer).")
    remark = await phrasing_of(request).render("utter_ics_remark", None, {"team_phone": team.phone})
    return Response(
        content=resident_ics(booking, team, str(remark["text"])),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="afspraak-buurtteam.ics"'},
    )


@staff_router.get("")
async def teams(request: Request, user: str = Depends(require_aanmeldteam)) -> dict[str, Any]:
    service = service_of(request)
    return {
        "sample_data": service.registry.sample,
        "teams": [
            {"id": t.id, "name": t.name, "wijken": list(t.wijken), "villages": list(t.villages)}
            for t in service.registry.teams.values()
        ],
    }


@staff_router.get("/{team_id}")
async def team_agenda(
    team_id: str,
    request: Request,
    van: date | None = None,
    dagen: int = 7,
    user: str = Depends(require_aanmeldteam),
) -> dict[str, Any]:
    """A team's agenda per day: every slot, free, held or booked, with the case it is for."""
    service = service_of(request)
    team = service.registry.team(team_id)
    if team is None:
        raise HTTPException(status_code=404, detail="Dit buurtteam bestaat niet.")
    tz = service.rules.tz
    first = van or service.now().date()
    last = first + timedelta(days=min(max(dagen, 1), MAX_VIEW_DAYS) - 1)
    begin = datetime.combine(first, time.min, tzinfo=tz)
    end = datetime.combine(last, time.max, tzinfo=tz)
    booked = {b.slot_id: b for b in await service.backend.bookings(team_id, begin, end)}
    slots = candidate_slots(team, begin, first, last)
    holds: Holds = request.app.state.holds
    held = await holds.holders([s.id for s in slots])
    names = {p.id: p.name for p in team.professionals}
    rows = []
    for slot in slots:
        booking = booked.get(slot.id)
        session_id = None
        if booking is not None:
            indexed = await service.booking(booking.id)
            session_id = indexed.session_id if indexed else None
        rows.append(
            {
                "slot_id": slot.id,
                "start": slot.start.isoformat(),
                "end": slot.end.isoformat(),
                "when": spoken_when(slot.start),
                "professional": names[slot.professional_id],
                "status": "geboekt" if booking else "vastgehouden" if slot.id in held else "vrij",
                "booking_id": booking.id if booking else None,
                "kind": KIND_WORDS[booking.kind] if booking else None,
                "session_id": session_id,
            }
        )
    audit: AuditLog = request.app.state.audit
    await audit.record(user, f"agenda bekeken: {team_id}", "-")
    return {
        "team": {"id": team.id, "name": team.name, "address": team.address, "phone": team.phone},
        "sample_data": service.registry.sample,
        "from": first.isoformat(),
        "to": last.isoformat(),
        "slots": rows,
    }
