"""Builds the appointment dialogue of the running gateway from its agenda, codes and cases."""

from typing import Any

from redis.asyncio import Redis

from integrations.agenda.service import BookingService
from integrations.agenda.sms import SmsSender
from integrations.appointments.codes import Codes
from integrations.appointments.conductor import Conductor
from integrations.cases.changes import apply_case_update
from integrations.cases.record import CaseUpdate
from integrations.nlg.service import Phrasing


def build_conductor(
    state: Any, redis: Redis, service: BookingService, sms: SmsSender | None, ttl: int
) -> Conductor:
    """`state` is the app's state: cases, stats, metrics, queue, settings and phrasing."""

    async def render_sms(name: str, values: dict[str, str]) -> str:
        phrasing: Phrasing = state.phrasing
        return str((await phrasing.render(name, "sms", values))["text"])

    async def update_case(session_id: str, changes: dict[str, Any]) -> None:
        case = await state.cases.get(session_id)
        if case is None:
            return  # a conversation that has ended and expired: nothing to keep up to date
        if "route" in changes and case.topic is None:
            changes = {**changes, "topic": "appointment"}
        await apply_case_update(state, session_id, CaseUpdate(**changes))

    def counted(result: str) -> None:
        state.metrics.bookings.labels(result).inc()

    return Conductor(redis, service, Codes(redis), sms, render_sms, update_case, ttl, counted)
