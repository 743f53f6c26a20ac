"""The staff API for cases, and the internal API the actions use to keep cases current."""

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request

from integrations.cases.record import CaseUpdate, brief_summary
from integrations.cases.store import CaseStore
from integrations.staff.auth import require_internal, require_staff

staff_router = APIRouter(prefix="/api/cases", tags=["cases"], dependencies=[Depends(require_staff)])
internal_router = APIRouter(
    prefix="/internal/cases", tags=["internal"], dependencies=[Depends(require_internal)]
)


def store_of(request: Request) -> CaseStore:
    store: CaseStore = request.app.state.cases
    return store


@staff_router.get("/{session_id}")
async def get_case(session_id: str, request: Request) -> dict[str, Any]:
    store = store_of(request)
    case = await store.get(session_id)
    if case is None:
        raise HTTPException(status_code=404, detail="Dit gesprek bestaat niet of is verlopen.")
    return {
        **case.model_dump(mode="json"),
        "summary": brief_summary(case),
        "transcript": await store.transcript(session_id),
    }


@internal_router.patch("/{session_id}")
async def update_case(session_id: str, update: CaseUpdate, request: Request) -> dict[str, Any]:
    case = await store_of(request).update(session_id, update)
    return case.model_dump(mode="json")
