"""One way to change a case from outside the staff pages: merge the update, count a new
route in the metrics, and queue a new handoff (an "overdracht" in office hours, else a
"terugbelverzoek"). Used by the internal API of the actions and by the gateway's safety
protocol. The daily counts move with the case itself (cases.store, cases.stats)."""

from typing import Any

from integrations.cases.record import Case, CaseUpdate
from integrations.cases.store import CaseStore
from integrations.handoff.queue import HandoffQueue
from integrations.staff.office_hours import office_open


async def apply_case_update(state: Any, session_id: str, update: CaseUpdate) -> Case:
    """`state` is the app's state: cases, metrics, queue and settings."""
    store: CaseStore = state.cases
    before = await store.get(session_id)
    case = await store.update(session_id, update)
    if case.route and case.route != (before.route if before else None):
        state.metrics.routes.labels(case.route).inc()
    if case.handoff and (before is None or case.handoff != before.handoff):
        state.metrics.handoffs.labels(case.handoff.urgency).inc()
        queue: HandoffQueue = state.queue
        await queue.enqueue(
            session_id,
            case.handoff.urgency,
            case.handoff.reason,
            "overdracht" if office_open(state.settings) else "terugbelverzoek",
        )
    return case
