"""The staff API for cases and handoffs, and the internal API the actions use.

Staff of the aanmeldteam: `Authorization: Bearer <STAFF_API_TOKEN>` or a logged-in staff
session with that role; the figures also for beheer. Thin: the rules are in cases.record
(taking, giving back, closing), cases.summary, cases.worklist and cases.stats.
Every action on a case is in the audit log.
"""

import json
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from integrations.cases import stats as figures
from integrations.cases.changes import apply_case_update
from integrations.cases.erasure import erase_conversation
from integrations.cases.labels import CHANNEL_NAMES, OUTCOMES, URGENCY_NAMES, route_name
from integrations.cases.live import transcript_events
from integrations.cases.record import (
    Case,
    CaseClosed,
    CaseUpdate,
    HeldByOther,
    NeedsConfirmation,
    Outcome,
    closed,
    holder,
    is_safety_case,
    released,
    taken,
    writable,
)
from integrations.cases.stats import Stats
from integrations.cases.store import CaseStore
from integrations.cases.summary import (
    contact_json,
    render,
    resident_summary,
    sections_json,
    signals_json,
    staff_sections,
)
from integrations.cases.transcript import shown_text
from integrations.cases.worklist import (
    VIEWS,
    Filters,
    choices,
    counted,
    in_view,
    matches,
    need_line,
    ordered,
    row,
)
from integrations.handoff.queue import URGENCIES, HandoffQueue
from integrations.languages.store import ConversationLanguages
from integrations.nlg.constants import phrasing_constants
from integrations.nlg.service import Phrasing
from integrations.staff.audit import AuditLog
from integrations.staff.auth import require_aanmeldteam, require_figures, require_internal

staff_router = APIRouter(prefix="/api", tags=["cases"])
internal_router = APIRouter(
    prefix="/internal/cases", tags=["internal"], dependencies=[Depends(require_internal)]
)
UNKNOWN_CASE = "Dit gesprek bestaat niet of is verlopen."
EMPTY_MESSAGE = "Het bericht is leeg. Typ eerst een bericht."
PHONE_CASE = "Dit is een telefoongesprek. Een bericht komt niet aan. Bel de inwoner terug."
CLOSED_CASE = "Dit gesprek is afgesloten. Er kan geen bericht meer bij."
ALREADY_CLOSED = "Dit gesprek is al afgesloten. De uitkomst blijft zoals hij was."
CONFIRM_CLOSE = (
    "Dit is een gesprek over veiligheid. Bevestig dat de inwoner veilig is of hulp heeft."
)
NO_STORE = {"Cache-Control": "no-store"}


def held_by(holder_name: str) -> HTTPException:
    return HTTPException(
        status_code=409, detail=f"Dit gesprek is al overgenomen door {holder_name}."
    )


class StaffMessage(BaseModel):
    text: str = Field(min_length=1, max_length=2000)


class Taking(BaseModel):
    # Take the case from a colleague who holds it (they are gone): said on purpose.
    force: bool = False


class Closing(BaseModel):
    outcome: Outcome
    # Crisis and Veilig Thuis: the staff member confirms on purpose.
    confirm: bool = False


def cases_of(request: Request) -> CaseStore:
    store: CaseStore = request.app.state.cases
    return store


def queue_of(request: Request) -> HandoffQueue:
    queue: HandoffQueue = request.app.state.queue
    return queue


def audit_of(request: Request) -> AuditLog:
    audit: AuditLog = request.app.state.audit
    return audit


def phrasing_of(request: Request) -> Phrasing:
    phrasing: Phrasing = request.app.state.phrasing
    return phrasing


async def said_to_resident(request: Request, name: str, session_id: str) -> str:
    """A text for the resident of this chat, in the conversation's language."""
    languages: ConversationLanguages = request.app.state.languages
    language = await languages.spoken(session_id)
    return await phrasing_of(request).text(name, language)


async def existing_case(request: Request, session_id: str) -> Case:
    case = await cases_of(request).get(session_id)
    if case is None:
        raise HTTPException(status_code=404, detail=UNKNOWN_CASE)
    return case


async def open_entry(request: Request, session_id: str) -> dict[str, Any] | None:
    handoff = await queue_of(request).open_handoff(session_id)
    return handoff.as_json() if handoff else None


def now() -> datetime:
    return datetime.now(UTC)


@staff_router.get("/cases/{session_id}")
async def get_case(
    session_id: str, request: Request, user: str = Depends(require_aanmeldteam)
) -> JSONResponse:
    case = await existing_case(request, session_id)
    store = cases_of(request)
    transcript = await store.transcript(session_id)
    await audit_of(request).record(user, "geopend", session_id)
    constants = phrasing_constants(request.app.state.settings)
    sections = staff_sections(case, transcript, constants)
    listed = row(case, await open_entry(request, session_id), now())
    listed.pop("search_text")
    body = {
        **case.model_dump(mode="json"),
        "summary": render(sections),
        "summary_sections": sections_json(sections),
        "resident_summary": resident_summary(case),
        "need": need_line(case),
        "safety_signals": signals_json(case),
        "contact": {**case.contact.model_dump(mode="json"), **contact_json(case)},
        "route_words": route_name(case.route),
        "urgency_words": URGENCY_NAMES[case.urgency],
        "channel_words": CHANNEL_NAMES[case.channel],
        "status": listed["status"],
        "status_words": listed["status_words"],
        "waiting": listed["waiting"],
        "holder": holder(case),
        "needs_close_confirmation": is_safety_case(case),
        "outcomes": [{"value": k, "title": v} for k, v in OUTCOMES.items()],
        "transcript": [{**entry, "shown": shown_text(entry)} for entry in transcript],
    }
    return JSONResponse(body, headers=NO_STORE)


async def take_over(request: Request, session_id: str, user: str, force: bool = False) -> Case:
    """A staff member takes the conversation: the handoff is acknowledged, the bot is quiet.
    One staff member at a time; the resident hears it once."""
    before = await existing_case(request, session_id)
    if holder(before) == user:
        return before
    try:
        case = await cases_of(request).change(session_id, lambda c: taken(c, user, now(), force))
    except HeldByOther as other:
        raise held_by(other.holder) from None
    except CaseClosed:
        raise HTTPException(status_code=409, detail=CLOSED_CASE) from None
    await queue_of(request).take(session_id)
    if case.channel == "chat":
        joined = await said_to_resident(request, "utter_staff_joined", session_id)
        await cases_of(request).append_transcript(
            session_id, [{"sender": "bot", "text": joined, "live": True}]
        )
    previous = holder(before)
    action = f"overgenomen van {previous}" if previous and previous != user else "overgenomen"
    await audit_of(request).record(user, action, session_id)
    return case


@staff_router.post("/cases/{session_id}/take")
async def take(
    session_id: str,
    request: Request,
    body: Taking | None = None,
    user: str = Depends(require_aanmeldteam),
) -> dict[str, Any]:
    case = await take_over(request, session_id, user, force=bool(body and body.force))
    return case.model_dump(mode="json")


@staff_router.post("/cases/{session_id}/messages")
async def write_to_resident(
    session_id: str, body: StaffMessage, request: Request, user: str = Depends(require_aanmeldteam)
) -> dict[str, Any]:
    """A staff message to the resident of a chat; it takes the conversation over."""
    text = body.text.strip()
    if not text:
        raise HTTPException(status_code=422, detail=EMPTY_MESSAGE)
    case = await existing_case(request, session_id)
    if case.channel == "phone":
        raise HTTPException(status_code=409, detail=PHONE_CASE)
    try:
        writable(case, user)
    except CaseClosed:
        raise HTTPException(status_code=409, detail=CLOSED_CASE) from None
    except HeldByOther as other:
        raise held_by(other.holder) from None
    await take_over(request, session_id, user)
    entry = {"sender": "staff", "text": text, "who": user, "live": True}
    await cases_of(request).append_transcript(session_id, [entry])
    await audit_of(request).record(user, "schreef", session_id)
    return {"sent": True}


@staff_router.post("/cases/{session_id}/release")
async def back_to_assistant(
    session_id: str, request: Request, user: str = Depends(require_aanmeldteam)
) -> dict[str, Any]:
    """Give the case back: the assistant talks again, and the case waits in the queue again."""
    before = await existing_case(request, session_id)
    try:
        case = await cases_of(request).change(session_id, lambda c: released(c, user, now()))
    except HeldByOther as other:
        raise held_by(other.holder) from None
    if case.channel == "chat" and holder(before) is not None:
        text = await said_to_resident(request, "utter_back_to_assistant", session_id)
        await cases_of(request).append_transcript(
            session_id, [{"sender": "bot", "text": text, "live": True}]
        )
    if case.handoff is not None and case.closed_at is None:
        await queue_of(request).enqueue(
            session_id, case.handoff.urgency, case.handoff.reason, "overdracht"
        )
    await audit_of(request).record(user, "teruggegeven aan de wachtrij", session_id)
    return case.model_dump(mode="json")


@staff_router.post("/cases/{session_id}/close")
async def close_case(
    session_id: str, body: Closing, request: Request, user: str = Depends(require_aanmeldteam)
) -> JSONResponse:
    before = await existing_case(request, session_id)
    try:
        case = await cases_of(request).change(
            session_id, lambda c: closed(c, body.outcome, user, now(), body.confirm)
        )
    except HeldByOther as other:
        raise held_by(other.holder) from None
    except NeedsConfirmation:
        return JSONResponse(
            status_code=409, content={"detail": CONFIRM_CLOSE, "needs_confirmation": True}
        )
    except CaseClosed:
        return JSONResponse(status_code=409, content={"detail": ALREADY_CLOSED})
    await queue_of(request).take(session_id)
    if case.channel == "chat" and before.closed_at is None:
        text = await said_to_resident(request, "utter_staff_closed", session_id)
        await cases_of(request).append_transcript(
            session_id, [{"sender": "bot", "text": text, "live": True}]
        )
    await audit_of(request).record(user, f"afgesloten: {body.outcome}", session_id)
    return JSONResponse(case.model_dump(mode="json"))


@staff_router.get("/cases/{session_id}/events")
async def staff_live_transcript(
    session_id: str, request: Request, user: str = Depends(require_aanmeldteam)
) -> StreamingResponse:
    """Every new transcript entry, as it happens (server-sent events)."""
    await existing_case(request, session_id)
    return transcript_events(request, session_id, only_live=False)


@staff_router.delete("/cases/{session_id}")
async def erase_case(
    session_id: str, request: Request, user: str = Depends(require_aanmeldteam)
) -> dict[str, bool]:
    """AVG right to erasure: the case with its transcript, queue entries and callback
    requests, the session, call state, holds and Rasa's record (see cases.erasure)."""
    await existing_case(request, session_id)
    await erase_conversation(request.app.state, session_id)
    await audit_of(request).record(user, "gewist", session_id)
    return {"erased": True}


async def work_rows(request: Request, view: str) -> list[dict[str, Any]]:
    """The rows of a view: the queue from its open handoffs, the others from the cases."""
    entries = [h.as_json() for h in await queue_of(request).open_handoffs()]
    store = cases_of(request)
    moment = now()
    if view == "wachtrij":
        found = await store.many([e["session_id"] for e in entries])
        return [row(found[e["session_id"]], e, moment) for e in entries if e["session_id"] in found]
    by_session = {e["session_id"]: e for e in entries}
    return [row(c, by_session.get(c.session_id), moment) for c in await store.recent_cases()]


@staff_router.get("/handoffs")
async def open_handoffs(request: Request, user: str = Depends(require_aanmeldteam)) -> JSONResponse:
    """Open handoffs, most urgent first, then oldest first."""
    rows = await work_rows(request, "wachtrij")
    for item in rows:
        item.pop("search_text")
    return JSONResponse(rows, headers=NO_STORE)


@staff_router.get("/cases")
async def work_list(
    request: Request, view: str = "wachtrij", user: str = Depends(require_aanmeldteam)
) -> JSONResponse:
    """The work list: one view (wachtrij, mijn, overgenomen, afgerond, alle), filtered by
    route, urgency, channel and wijk, and searched (`q`)."""
    if view not in VIEWS:
        raise HTTPException(status_code=404, detail="Deze lijst bestaat niet.")
    filters = Filters.of(request.query_params)
    every = await work_rows(request, view)
    listed = [r for r in every if in_view(r, view, user)]
    shown = ordered([r for r in listed if matches(r, filters)], view)
    for item in shown:
        item.pop("search_text")
    body = {
        "view": view,
        "views": VIEWS,
        "rows": shown,
        "counts": counted(shown),
        "in_view": len(listed),
        "choices": choices(listed),
    }
    return JSONResponse(body, headers=NO_STORE)


@staff_router.post("/handoffs/next")
async def next_handoff(request: Request, user: str = Depends(require_aanmeldteam)) -> Response:
    handoff = await queue_of(request).deliver_next(f"staff:{user}")
    if handoff is None:
        return Response(status_code=204)
    await audit_of(request).record(user, "aangeboden", handoff.session_id)
    return Response(content=json.dumps(handoff.as_json()), media_type="application/json")


@staff_router.post("/handoffs/{urgency}/{entry_id}/drop")
async def drop_handoff(
    urgency: str, entry_id: str, request: Request, user: str = Depends(require_aanmeldteam)
) -> dict[str, bool]:
    if urgency not in URGENCIES:
        raise HTTPException(status_code=404, detail="Onbekende urgentie.")
    await queue_of(request).drop(urgency, entry_id)
    await audit_of(request).record(user, f"teruggelegd: {urgency} {entry_id}"[:80], "")
    return {"dropped": True}


@staff_router.get("/audit")
async def audit_log(request: Request, user: str = Depends(require_figures)) -> JSONResponse:
    return JSONResponse(await audit_of(request).recent(), headers=NO_STORE)


def today(request: Request) -> Any:
    return figures.local_day(now(), ZoneInfo(request.app.state.settings.timezone))


async def counted_days(request: Request, days: int) -> list[dict[str, Any]]:
    counter: Stats = request.app.state.stats
    return await counter.days(today(request), min(max(days, 1), 366))


@staff_router.get("/stats")
async def stats(
    request: Request, days: int = 14, user: str = Depends(require_figures)
) -> list[dict[str, Any]]:
    """Counts per day (no personal data): conversations, channel, final route, wijk,
    outcome and waiting times."""
    return await counted_days(request, days)


@staff_router.get("/stats/figures")
async def stats_figures(
    request: Request, days: int = 14, user: str = Depends(require_figures)
) -> dict[str, Any]:
    """The figures page: totals in words, per day with Dutch dates, waiting times."""
    return figures.figures(await counted_days(request, days))


@staff_router.get("/stats.csv")
async def stats_csv(
    request: Request, days: int = 14, user: str = Depends(require_figures)
) -> Response:
    body = figures.csv_text(await counted_days(request, days))
    name = f"toegang-cijfers-{today(request).isoformat()}.csv"
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@internal_router.patch("/{session_id}")
async def update_case(session_id: str, update: CaseUpdate, request: Request) -> dict[str, Any]:
    case = await apply_case_update(request.app.state, session_id, update)
    return case.model_dump(mode="json")
