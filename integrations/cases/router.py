"""The staff API for cases and handoffs, and the internal API the actions use.

Staff: `Authorization: Bearer <STAFF_API_TOKEN>` or a logged-in staff session.
"""

import json
from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from integrations.cases.changes import apply_case_update
from integrations.cases.erasure import erase_conversation
from integrations.cases.live import transcript_events
from integrations.cases.record import Case, CaseUpdate, Outcome
from integrations.cases.stats import Stats
from integrations.cases.store import CaseStore
from integrations.cases.summary import resident_summary, staff_summary
from integrations.handoff.queue import URGENCIES, HandoffQueue
from integrations.nlg.constants import phrasing_constants
from integrations.nlg.service import Phrasing
from integrations.staff.audit import AuditLog
from integrations.staff.auth import require_internal, require_staff

staff_router = APIRouter(prefix="/api", tags=["cases"])
internal_router = APIRouter(
    prefix="/internal/cases", tags=["internal"], dependencies=[Depends(require_internal)]
)
UNKNOWN_CASE = "Dit gesprek bestaat niet of is verlopen."


class StaffMessage(BaseModel):
    text: str = Field(min_length=1, max_length=2000)


class Closing(BaseModel):
    outcome: Outcome


def cases_of(request: Request) -> CaseStore:
    store: CaseStore = request.app.state.cases
    return store


def queue_of(request: Request) -> HandoffQueue:
    queue: HandoffQueue = request.app.state.queue
    return queue


def audit_of(request: Request) -> AuditLog:
    audit: AuditLog = request.app.state.audit
    return audit


async def existing_case(request: Request, session_id: str) -> Case:
    case = await cases_of(request).get(session_id)
    if case is None:
        raise HTTPException(status_code=404, detail=UNKNOWN_CASE)
    return case


@staff_router.get("/cases/{session_id}")
async def get_case(
    session_id: str, request: Request, user: str = Depends(require_staff)
) -> dict[str, Any]:
    case = await existing_case(request, session_id)
    store = cases_of(request)
    transcript = await store.transcript(session_id)
    await audit_of(request).record(user, "geopend", session_id)
    constants = phrasing_constants(request.app.state.settings)
    return {
        **case.model_dump(mode="json"),
        "summary": staff_summary(case, transcript, constants),
        "resident_summary": resident_summary(case),
        "transcript": transcript,
    }


async def take_over(request: Request, session_id: str, user: str) -> Case:
    """A staff member takes the conversation: the handoff is acknowledged, the bot is quiet."""
    case = await existing_case(request, session_id)
    await queue_of(request).take(session_id)
    if case.mode == "staff" and case.taken_by == user:
        return case
    case = await cases_of(request).change(
        session_id, lambda c: c.model_copy(update={"mode": "staff", "taken_by": user})
    )
    phrasing: Phrasing = request.app.state.phrasing
    joined = await phrasing.text("utter_staff_joined")
    await cases_of(request).append_transcript(
        session_id, [{"sender": "bot", "text": joined, "live": True}]
    )
    await audit_of(request).record(user, "overgenomen", session_id)
    return case


@staff_router.post("/cases/{session_id}/take")
async def take(
    session_id: str, request: Request, user: str = Depends(require_staff)
) -> dict[str, Any]:
    case = await take_over(request, session_id, user)
    return case.model_dump(mode="json")


@staff_router.post("/cases/{session_id}/messages")
async def write_to_resident(
    session_id: str, body: StaffMessage, request: Request, user: str = Depends(require_staff)
) -> dict[str, Any]:
    """A staff message to the resident; it takes the conversation over."""
    await take_over(request, session_id, user)
    entry = {"sender": "staff", "text": body.text.strip(), "who": user, "live": True}
    await cases_of(request).append_transcript(session_id, [entry])
    await audit_of(request).record(user, "schreef", session_id)
    return {"sent": True}


@staff_router.post("/cases/{session_id}/release")
async def back_to_assistant(
    session_id: str, request: Request, user: str = Depends(require_staff)
) -> dict[str, Any]:
    await existing_case(request, session_id)
    case = await cases_of(request).change(
        session_id, lambda c: c.model_copy(update={"mode": "bot"})
    )
    phrasing: Phrasing = request.app.state.phrasing
    text = await phrasing.text("utter_back_to_assistant")
    await cases_of(request).append_transcript(
        session_id, [{"sender": "bot", "text": text, "live": True}]
    )
    await audit_of(request).record(user, "terug naar de assistent", session_id)
    return case.model_dump(mode="json")


@staff_router.post("/cases/{session_id}/close")
async def close_case(
    session_id: str, body: Closing, request: Request, user: str = Depends(require_staff)
) -> dict[str, Any]:
    await existing_case(request, session_id)
    await queue_of(request).take(session_id)
    closed = {
        "outcome": body.outcome,
        "closed_by": user,
        "closed_at": datetime.now(UTC),
        "mode": "bot",
    }
    case = await cases_of(request).change(session_id, lambda c: c.model_copy(update=closed))
    stats: Stats = request.app.state.stats
    await stats.count(date.today(), f"outcome:{body.outcome}")
    await audit_of(request).record(user, f"afgesloten: {body.outcome}", session_id)
    return case.model_dump(mode="json")


@staff_router.get("/cases/{session_id}/events")
async def staff_live_transcript(
    session_id: str, request: Request, user: str = Depends(require_staff)
) -> StreamingResponse:
    """Every new transcript entry, as it happens (server-sent events)."""
    await existing_case(request, session_id)
    return transcript_events(request, session_id, only_live=False)


@staff_router.delete("/cases/{session_id}")
async def erase_case(
    session_id: str, request: Request, user: str = Depends(require_staff)
) -> dict[str, bool]:
    """AVG right to erasure: the case with its transcript, queue entries and callback
    requests, the session, call state, holds and Rasa's record (see cases.erasure)."""
    await existing_case(request, session_id)
    await erase_conversation(request.app.state, session_id)
    await audit_of(request).record(user, "gewist", session_id)
    return {"erased": True}


@staff_router.get("/handoffs")
async def open_handoffs(
    request: Request, user: str = Depends(require_staff)
) -> list[dict[str, Any]]:
    """Open handoffs, most urgent first, then oldest first."""
    store = cases_of(request)
    constants = phrasing_constants(request.app.state.settings)
    rows = []
    for handoff in await queue_of(request).open_handoffs():
        case = await store.get(handoff.session_id)
        if case is None:  # expired a moment ago: the queue removes it next time
            continue
        summary = staff_summary(case, [], constants).splitlines()[:2]
        rows.append(
            {
                **handoff.as_json(),
                "route": case.route,
                "summary": " ".join(summary),
                "taken_by": case.taken_by,
            }
        )
    return rows


@staff_router.post("/handoffs/next")
async def next_handoff(request: Request, user: str = Depends(require_staff)) -> Response:
    handoff = await queue_of(request).deliver_next(f"staff:{user}")
    if handoff is None:
        return Response(status_code=204)
    return Response(content=json.dumps(handoff.as_json()), media_type="application/json")


@staff_router.post("/handoffs/{urgency}/{entry_id}/drop")
async def drop_handoff(
    urgency: str, entry_id: str, request: Request, user: str = Depends(require_staff)
) -> dict[str, bool]:
    if urgency not in URGENCIES:
        raise HTTPException(status_code=404, detail="Onbekende urgentie.")
    await queue_of(request).drop(urgency, entry_id)
    return {"dropped": True}


@staff_router.get("/audit")
async def audit_log(request: Request, user: str = Depends(require_staff)) -> list[dict[str, str]]:
    return await audit_of(request).recent()


@staff_router.get("/stats")
async def stats(
    request: Request, days: int = 14, user: str = Depends(require_staff)
) -> list[dict[str, Any]]:
    counter: Stats = request.app.state.stats
    return await counter.days(date.today(), min(max(days, 1), 366))


@internal_router.patch("/{session_id}")
async def update_case(session_id: str, update: CaseUpdate, request: Request) -> dict[str, Any]:
    case = await apply_case_update(request.app.state, session_id, update)
    return case.model_dump(mode="json")
