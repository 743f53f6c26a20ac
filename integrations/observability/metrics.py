"""Prometheus metrics of the gateway: turns, their latency, routes, handoffs, bookings, errors.

One registry per app (not the process-wide default), so every app in the tests starts at zero.
No personal data and no conversation ids in labels.
"""

from fastapi import APIRouter, Depends, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import generate_latest

from integrations.staff.auth import require_staff_or_internal

TURN_BUCKETS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 2.0, 4.0, 8.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.turns = Counter(
            "toegang_turns", "Messages of residents answered", ["channel"], registry=self.registry
        )
        self.turn_seconds = Histogram(
            "toegang_turn_seconds",
            "Time to answer one message of a resident",
            ["channel"],
            buckets=TURN_BUCKETS,
            registry=self.registry,
        )
        self.routes = Counter(
            "toegang_routes", "Conversations per route decided", ["route"], registry=self.registry
        )
        self.handoffs = Counter(
            "toegang_handoffs", "Handoffs to the aanmeldteam", ["urgency"], registry=self.registry
        )
        self.bookings = Counter(
            "toegang_bookings", "Appointments booked, or lost to another resident", ["result"],
            registry=self.registry,
        )  # fmt: skip
        self.errors = Counter(
            "toegang_errors", "Answers given without the part that failed", ["kind"],
            registry=self.registry,
        )  # fmt: skip
        self.rate_limited = Counter(
            "toegang_rate_limited", "Requests refused by a rate limit", ["scope"],
            registry=self.registry,
        )  # fmt: skip


def metrics_of(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


router = APIRouter(tags=["observability"])


@router.get("/metrics", dependencies=[Depends(require_staff_or_internal)])
async def metrics(request: Request) -> Response:
    return Response(generate_latest(metrics_of(request).registry), media_type=CONTENT_TYPE_LATEST)
