"""The review of finished conversations, for staff (behind the staff login): the list, one
conversation with its turns and feedback, marking a turn as misunderstood, and the exports."""

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, Field, model_validator

from integrations.cases.record import Case
from integrations.cases.store import CaseStore
from integrations.feedback.service import Feedback
from integrations.privacy.redact import redact
from integrations.review.export import Mark, evaluation_rows, rasa_nlu_yaml
from integrations.review.rules import is_finished, may_review, stream_time, turns_for
from integrations.review.store import ReviewMarks, StoredMark
from integrations.review.topics import BY_INTENT, ROUTES, TOPICS
from integrations.staff.audit import AuditLog
from integrations.staff.auth import StaffMember, require_member, require_role

# Transcripts are read by the aanmeldteam and by communication staff, who improve the texts
# and examples; no other role. Communication staff read no conversation about safety, and
# no numbers or addresses (review.rules).
require_reviewer = require_role("aanmeldteam", "communicatie")
Reviewer = Annotated[StaffMember, Depends(require_member("aanmeldteam", "communicatie"))]
router = APIRouter(tags=["review"])
api = APIRouter(prefix="/api/review", tags=["review"])
MOST_CONVERSATIONS = 500
UNKNOWN = "Dit gesprek bestaat niet (meer) of is nog niet klaar."
NO_TURN = "Deze beurt bestaat niet of is niet van de inwoner."


class MarkBody(BaseModel):
    """What the resident meant (a topic, or only the route) and/or the right answer."""

    intent: str | None = Field(default=None, max_length=60)
    route: str | None = Field(default=None, max_length=40)
    answer: str | None = Field(default=None, max_length=1000)

    @model_validator(mode="after")
    def something_right(self) -> "MarkBody":
        if self.intent is not None and self.intent not in BY_INTENT:
            raise ValueError("unknown topic")
        if self.route is not None and self.route not in ROUTES:
            raise ValueError("unknown route")
        if not (self.intent or self.route or (self.answer or "").strip()):
            raise ValueError("give the right topic, route or answer")
        return self


def _cases(request: Request) -> CaseStore:
    cases: CaseStore = request.app.state.cases
    return cases


def _marks(request: Request) -> ReviewMarks:
    marks: ReviewMarks = request.app.state.review_marks
    return marks


async def _finished(
    request: Request, session_id: str, member: StaffMember
) -> tuple[Case, list[dict[str, Any]]] | None:
    """The conversation, when it is finished and this staff member may review it."""
    cases = _cases(request)
    case = await cases.get(session_id)
    if case is None or not may_review(case, member.roles):
        return None
    transcript = await cases.transcript(session_id)
    last = stream_time(transcript[-1]["id"]) if transcript else None
    feedback: Feedback = request.app.state.feedback
    said_goodbye = bool((await feedback.store.get(session_id)).get("asked"))
    when = last or case.updated_at
    if not is_finished(case, when, datetime.now(UTC), said_goodbye):
        return None
    return case, transcript


@api.get("/topics")
async def topics(user: str = Depends(require_reviewer)) -> dict[str, Any]:
    return {
        "topics": [{"intent": t.intent, "label": t.label, "route": t.route} for t in TOPICS],
        "routes": list(ROUTES),
    }


@api.get("/conversations")
async def finished_conversations(request: Request, member: Reviewer) -> list[dict[str, Any]]:
    """Finished conversations still kept, newest first."""
    rows: list[dict[str, Any]] = []
    marked: dict[str, int] = {}
    for mark in await _marks(request).all():
        marked[mark.session_id] = marked.get(mark.session_id, 0) + 1
    feedback: Feedback = request.app.state.feedback
    for session_id in await _cases(request).session_ids(MOST_CONVERSATIONS):
        found = await _finished(request, session_id, member)
        if found is None:
            continue
        case, transcript = found
        first = next((e for e in transcript if e.get("sender") == "resident" and "text" in e), {})
        given = await feedback.store.get(session_id)
        rows.append(
            {
                "session_id": session_id,
                "channel": case.channel,
                "route": case.route,
                "updated_at": case.updated_at.isoformat(),
                "first_words": redact(str(first.get("text", ""))),
                "turns": sum(1 for e in transcript if e.get("sender") == "resident"),
                "rating": given.get("rating"),
                "marks": marked.get(session_id, 0),
            }
        )
    rows.sort(key=lambda row: str(row["updated_at"]), reverse=True)
    return rows


@api.get("/conversations/{session_id}")
async def conversation(session_id: str, request: Request, member: Reviewer) -> dict[str, Any]:
    found = await _finished(request, session_id, member)
    if found is None:
        raise HTTPException(status_code=404, detail=UNKNOWN)
    case, transcript = found
    audit: AuditLog = request.app.state.audit
    await audit.record(member.name, "nagekeken", session_id)
    feedback: Feedback = request.app.state.feedback
    given = await feedback.store.get(session_id)
    return {
        "session_id": session_id,
        "channel": case.channel,
        "route": case.route,
        "outcome": case.outcome,
        "turns": turns_for(transcript, member.roles),
        "feedback": {"rating": given.get("rating"), "remark": given.get("remark")},
        "marks": [m.model_dump() for m in await _marks(request).of(session_id)],
    }


@api.put("/conversations/{session_id}/marks/{turn}")
async def mark_turn(
    session_id: str,
    turn: str,
    body: MarkBody,
    request: Request,
    member: Reviewer,
) -> dict[str, Any]:
    """Mark one resident turn as misunderstood, with what it should have been."""
    user = member.name
    found = await _finished(request, session_id, member)
    if found is None:
        raise HTTPException(status_code=404, detail=UNKNOWN)
    case, transcript = found
    entry = next((e for e in transcript if e["id"] == turn), None)
    if entry is None or entry.get("sender") != "resident" or "text" not in entry:
        raise HTTPException(status_code=404, detail=NO_TURN)
    route = BY_INTENT[body.intent].route if body.intent else body.route
    mark = StoredMark(
        session_id=session_id,
        turn=turn,
        words=redact(str(entry["text"])),
        channel=case.channel,
        intent=body.intent,
        route=route,
        answer=(body.answer or "").strip() or None,
        who=user,
        at=datetime.now(UTC).isoformat(),
    )
    await _marks(request).save(mark)
    audit: AuditLog = request.app.state.audit
    await audit.record(user, "beurt gemarkeerd", session_id)
    return mark.model_dump()


@api.delete("/conversations/{session_id}/marks/{turn}")
async def unmark_turn(
    session_id: str, turn: str, request: Request, user: str = Depends(require_reviewer)
) -> dict[str, bool]:
    removed = await _marks(request).remove(session_id, turn)
    if removed:  # taking a mark away is in the audit log like placing it
        audit: AuditLog = request.app.state.audit
        await audit.record(user, "markering verwijderd", session_id)
    return {"removed": removed}


def _export_marks(stored: list[StoredMark]) -> list[Mark]:
    return [Mark(m.words, m.channel, m.intent, m.route, m.answer) for m in stored]


@api.get("/export/rasa.yml")
async def export_rasa(request: Request, user: str = Depends(require_reviewer)) -> Response:
    """Candidate training examples, in Rasa's format, for the team to review."""
    text = rasa_nlu_yaml(_export_marks(await _marks(request).all()))
    return PlainTextResponse(
        text,
        media_type="application/x-yaml; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="kandidaten_nlu.yml"'},
    )


@api.get("/export/evaluatie.tsv")
async def export_evaluation(request: Request, user: str = Depends(require_reviewer)) -> Response:
    """Rows for an evaluation set kept apart from training."""
    text = evaluation_rows(_export_marks(await _marks(request).all()))
    return PlainTextResponse(
        text,
        media_type="text/tab-separated-values; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="evaluatie_uit_nakijken.tsv"'},
    )


router.include_router(api)
