"""The agenda over HTTP: the internal API the booking actions use, the staff agenda view and
the resident's calendar file."""

from datetime import date, datetime, time, timedelta
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, Field

from integrations.agenda.booking import Booking, case_appointment
from integrations.agenda.holds import Holds
from integrations.agenda.ics import resident_ics
from integrations.agenda.registry import Team
from integrations.agenda.service import BookingService, OfferResult
from integrations.agenda.slots import candidate_slots, spoken_when
from integrations.agenda.sms import SmsSender, e164
from integrations.nlg.service import phrasing_of
from integrations.staff.audit import AuditLog
from integrations.staff.auth import require_aanmeldteam, require_internal

internal_router = APIRouter(
    prefix="/internal/agenda", tags=["internal"], dependencies=[Depends(require_internal)]
)
staff_router = APIRouter(prefix="/api/agenda", tags=["agenda"])
resident_router = APIRouter(prefix="/api/agenda", tags=["agenda"])
MAX_VIEW_DAYS = 31


class Said(BaseModel):
    text: str = Field(default="", max_length=2000)


class SmsRequest(BaseModel):
    phone_number: str = Field(pattern=r"^0\d{9}$")


def service_of(request: Request) -> BookingService:
    service: BookingService = request.app.state.agenda
    return service


def offers_json(result: OfferResult) -> dict[str, Any]:
    return {
        "status": result.status,
        "team_name": result.team_name,
        "wish_unmet": result.wish_unmet,
        "offers": [{"slot_id": o.slot_id, "when": o.when} for o in result.offers],
        "spoken": result.spoken,
    }


def appointment_json(booking: Booking, team: Team | None) -> dict[str, Any] | None:
    return case_appointment(booking, team) if team else None


@internal_router.post("/{session_id}/place")
async def place(session_id: str, body: Said, request: Request) -> dict[str, Any]:
    found = await service_of(request).place(session_id, body.text)
    return {
        "status": found.status,
        "wijk": found.wijk,
        "team_name": found.team_name,
        "tries": found.tries,
    }


@internal_router.post("/{session_id}/offers")
async def offers(session_id: str, request: Request) -> dict[str, Any]:
    return offers_json(await service_of(request).offers(session_id))


@internal_router.post("/{session_id}/choose")
async def choose(session_id: str, body: Said, request: Request) -> dict[str, Any]:
    service = service_of(request)
    result = await service.choose(session_id, body.text)
    team = await service.team_of(session_id)
    return {
        "kind": result.kind,
        "when": result.offer.when if result.offer else None,
        "team_name": team.name if team else None,
        "team_address": team.address if team else None,
    }


@internal_router.post("/{session_id}/reconsider")
async def reconsider(session_id: str, request: Request) -> dict[str, bool]:
    await service_of(request).reconsider(session_id)
    return {"ok": True}


@internal_router.post("/{session_id}/confirm")
async def confirm(session_id: str, request: Request) -> dict[str, Any]:
    service = service_of(request)
    result = await service.confirm(session_id)
    if result.status in ("booked", "taken"):
        request.app.state.metrics.bookings.labels(result.status).inc()
    team = await service.team_of(session_id)
    return {
        "status": result.status,
        "appointment": appointment_json(result.booking, team) if result.booking else None,
        "offers": offers_json(result.offers) if result.offers else None,
    }


@internal_router.post("/{session_id}/cancel")
async def cancel(session_id: str, request: Request) -> dict[str, Any]:
    service = service_of(request)
    booking = await service.cancel(session_id)
    team = service.registry.team(booking.team_id) if booking else None
    return {
        "status": "cancelled" if booking else "none",
        "appointment": appointment_json(booking, team) if booking else None,
    }


@internal_router.get("/{session_id}")
async def current(session_id: str, request: Request) -> dict[str, Any]:
    service = service_of(request)
    booking = await service.booking_of(session_id)
    team = service.registry.team(booking.team_id) if booking else None
    return {"appointment": appointment_json(booking, team) if booking else None}


@internal_router.post("/{session_id}/sms")
async def send_sms(session_id: str, body: SmsRequest, request: Request) -> dict[str, str]:
    """The confirmation by SMS: only when the resident said yes and gave this number."""
    service = service_of(request)
    booking = await service.booking_of(session_id)
    team = service.registry.team(booking.team_id) if booking else None
    sender: SmsSender | None = request.app.state.sms
    if booking is None or team is None:
        return {"status": "no_appointment"}
    if sender is None:
        return {"status": "failed"}
    values = {
        "team_name": team.name,
        "team_address": team.address,
        "team_phone": team.phone,
        "appointment_when": spoken_when(booking.start),
    }
    text = (await phrasing_of(request).render("utter_sms_appointment", "sms", values))["text"]
    sent = await sender.send(e164(body.phone_number), str(text))
    return {"status": "sent" if sent else "failed"}


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
