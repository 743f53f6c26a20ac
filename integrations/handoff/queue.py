"""The handoff queue: Redis Streams with a consumer group, one stream per urgency.

Owner of `handoffs:{urgency}` and `handoff:open:{session_id}`. Nothing is lost:
- an entry stays pending until a staff member takes the case (XACK);
- a consumer that dies between delivery and taking leaves it pending; after the lease the
  next delivery claims it again (XAUTOCLAIM);
- a dropped entry goes back at its old place in the line, at once;
- delivery goes by urgency (acuut, hoog, normaal), then by age (the stream's order).
One open entry per conversation: a more urgent request replaces a less urgent one.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import ResponseError, WatchError

from integrations.redis_client import as_text

URGENCIES = ("acuut", "hoog", "normaal")
GROUP = "aanmeldteam"
RETURNED = "terug-in-de-rij"  # holds dropped entries until the next delivery
OPEN_PREFIX = "handoff:open:"
MAX_STREAM = 100_000


def stream(urgency: str) -> str:
    return f"handoffs:{urgency}"


@dataclass(frozen=True)
class Handoff:
    entry_id: str
    urgency: str
    session_id: str
    reason: str
    kind: str
    requested_at: str
    consumer: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "entry_id": self.entry_id,
            "urgency": self.urgency,
            "session_id": self.session_id,
            "reason": self.reason,
            "kind": self.kind,
            "requested_at": self.requested_at,
            "delivered_to": self.consumer,
        }


def _handoff(
    urgency: str, entry_id: Any, fields: dict[Any, Any], consumer: str | None = None
) -> Handoff:
    data = {as_text(k): as_text(v) for k, v in fields.items()}
    return Handoff(
        entry_id=as_text(entry_id),
        urgency=urgency,
        session_id=data["session_id"],
        reason=data.get("reason", ""),
        kind=data.get("kind", "overdracht"),
        requested_at=data.get("requested_at", ""),
        consumer=consumer,
    )


class HandoffQueue:
    def __init__(self, redis: Redis, lease_ms: int, open_ttl_seconds: int) -> None:
        self._redis = redis
        self._lease_ms = lease_ms
        self._open_ttl = open_ttl_seconds
        self._groups_ready = False

    async def ensure_groups(self) -> None:
        """Create the streams and their consumer group (once; safe to repeat)."""
        if self._groups_ready:
            return
        for urgency in URGENCIES:
            try:
                await self._redis.xgroup_create(stream(urgency), GROUP, id="0", mkstream=True)
            except ResponseError as exc:
                if "BUSYGROUP" not in str(exc):
                    raise
        self._groups_ready = True

    async def enqueue(self, session_id: str, urgency: str, reason: str, kind: str) -> str | None:
        """Queue a handoff; None when an equally or more urgent one is already open."""
        await self.ensure_groups()
        key = OPEN_PREFIX + session_id
        async with self._redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(key)
                    current = await pipe.get(key)
                    old_urgency, _, old_id = (
                        as_text(current).partition("|") if current else ("", "", "")
                    )
                    if current and URGENCIES.index(old_urgency) <= URGENCIES.index(urgency):
                        await pipe.unwatch()  # type: ignore[no-untyped-call]
                        return None
                    pipe.multi()  # type: ignore[no-untyped-call]
                    fields: dict[Any, Any] = {
                        "session_id": session_id,
                        "reason": reason,
                        "kind": kind,
                        "requested_at": datetime.now(UTC).isoformat(),
                    }
                    pipe.xadd(stream(urgency), fields, maxlen=MAX_STREAM, approximate=True)
                    if current:
                        pipe.xack(stream(old_urgency), GROUP, old_id)
                        pipe.xdel(stream(old_urgency), old_id)
                    results = await pipe.execute()
                    entry_id = as_text(results[0])
                    await self._redis.set(key, f"{urgency}|{entry_id}", ex=self._open_ttl)
                    return entry_id
                except WatchError:
                    continue

    async def deliver_next(self, consumer: str) -> Handoff | None:
        """The most urgent, oldest handoff for `consumer`; a lapsed delivery comes first."""
        await self.ensure_groups()
        for urgency in URGENCIES:
            claimed: Any = await self._redis.xautoclaim(
                stream(urgency),
                GROUP,
                consumer,
                min_idle_time=self._lease_ms,
                start_id="0-0",
                count=1,
            )
            entries = claimed[1]
            if entries:
                entry_id, fields = entries[0]
                return _handoff(urgency, entry_id, fields, consumer)
            fresh: Any = await self._redis.xreadgroup(
                GROUP, consumer, {stream(urgency): ">"}, count=1
            )
            for _, items in fresh or []:
                for entry_id, fields in items:
                    return _handoff(urgency, entry_id, fields, consumer)
        return None

    async def drop(self, urgency: str, entry_id: str) -> None:
        """Give a delivered handoff back: it goes out again at once, at its old place."""
        await self._redis.xclaim(
            stream(urgency), GROUP, RETURNED, min_idle_time=0, message_ids=[entry_id],
            idle=self._lease_ms * 1000,
        )  # fmt: skip

    async def take(self, session_id: str) -> str | None:
        """A staff member takes the case: acknowledge and remove its open entry."""
        key = OPEN_PREFIX + session_id
        current = await self._redis.get(key)
        if not current:
            return None
        urgency, _, entry_id = as_text(current).partition("|")
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.xack(stream(urgency), GROUP, entry_id)
            pipe.xdel(stream(urgency), entry_id)
            pipe.delete(key)
            await pipe.execute()
        return entry_id

    async def open_handoffs(self) -> list[Handoff]:
        """Every handoff not yet taken: most urgent first, then oldest first."""
        await self.ensure_groups()
        found: list[Handoff] = []
        for urgency in URGENCIES:
            name = stream(urgency)
            pending: Any = await self._redis.xpending_range(
                name, GROUP, min="-", max="+", count=10_000
            )
            owners = {as_text(p["message_id"]): as_text(p["consumer"]) for p in pending}
            entries: Any = await self._redis.xrange(name)
            for entry_id, fields in entries:
                owner = owners.get(as_text(entry_id))
                found.append(
                    _handoff(urgency, entry_id, fields, None if owner == RETURNED else owner)
                )
        return found  # per urgency in stream order: already most urgent, then oldest
