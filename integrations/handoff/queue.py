"""The handoff queue: Redis Streams with a consumer group, one stream per urgency.

Owner of `handoffs:{urgency}` and `handoff:open:{session_id}`. Nothing is lost:
- an entry stays pending until a staff member takes the case (XACK);
- a consumer that dies between delivery and taking leaves it pending; after the lease the
  next delivery claims it again (XAUTOCLAIM);
- a dropped entry goes back at its old place in the line, at once;
- delivery goes by urgency (acuut, hoog, normaal), then by age (the stream's order).
One open entry per conversation: a more urgent request replaces a less urgent one.

An entry belongs to its case (`case:{session_id}`) and goes with it: `handoff:open:*` never
expires later than the case, a listing or a delivery that meets an entry whose case expired
removes it instead of showing it, and `forget` removes a case's entries when it is erased.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import structlog
from redis.asyncio import Redis
from redis.exceptions import ResponseError, WatchError

from integrations.cases.keys import HANDOFF_OPEN_PREFIX, case_key
from integrations.redis_client import as_text

URGENCIES = ("acuut", "hoog", "normaal")
GROUP = "aanmeldteam"
RETURNED = "terug-in-de-rij"  # holds dropped entries until the next delivery
OPEN_PREFIX = HANDOFF_OPEN_PREFIX
MAX_STREAM = 100_000

log = structlog.get_logger(__name__)

# KEYS: the open key, the case. ARGV: value, longest life (ms). The open key ends no later than
# the case (1 ms early, so a tick between the two commands cannot make it later).
SET_OPEN = """
local life = tonumber(ARGV[2])
local case_left = redis.call('PTTL', KEYS[2])
if case_left > 1 then life = math.min(life, case_left - 1) end
redis.call('SET', KEYS[1], ARGV[1], 'PX', life)
return life
"""


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
        self._set_open = redis.register_script(SET_OPEN)

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
                    await self._set_open(
                        keys=[key, case_key(session_id)],
                        args=[f"{urgency}|{entry_id}", self._open_ttl * 1000],
                    )
                    return entry_id
                except WatchError:
                    continue

    async def deliver_next(self, consumer: str) -> Handoff | None:
        """The most urgent, oldest handoff for `consumer`; a lapsed delivery comes first."""
        await self.ensure_groups()
        for urgency in URGENCIES:
            found = await self._deliver_from(urgency, consumer)
            if found is not None:
                return found
        return None

    async def _deliver_from(self, urgency: str, consumer: str) -> Handoff | None:
        """The next living handoff of one urgency; entries of a case that is gone are removed."""
        while True:
            claimed: Any = await self._redis.xautoclaim(
                stream(urgency),
                GROUP,
                consumer,
                min_idle_time=self._lease_ms,
                start_id="0-0",
                count=1,
            )
            items = claimed[1]
            if not items:
                fresh: Any = await self._redis.xreadgroup(
                    GROUP, consumer, {stream(urgency): ">"}, count=1
                )
                items = [item for _, entries in fresh or [] for item in entries]
            if not items:
                return None
            entry_id, fields = items[0]
            handoff = _handoff(urgency, entry_id, fields, consumer)
            if await self._redis.exists(case_key(handoff.session_id)):
                return handoff
            await self._remove_gone([handoff])

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

    async def waiting(self, session_id: str) -> bool:
        """Whether the conversation waits for a staff member (an entry not yet taken)."""
        return bool(await self._redis.exists(OPEN_PREFIX + session_id))

    async def open_handoff(self, session_id: str) -> Handoff | None:
        """This conversation's handoff not yet taken, or None: by its open key, without
        reading the whole line (a case page reads it on every view)."""
        current = await self._redis.get(OPEN_PREFIX + session_id)
        if not current:
            return None
        urgency, _, entry_id = as_text(current).partition("|")
        entries: Any = await self._redis.xrange(stream(urgency), entry_id, entry_id)
        if not entries:
            return None
        await self.ensure_groups()
        pending: Any = await self._redis.xpending_range(
            stream(urgency), GROUP, min=entry_id, max=entry_id, count=1
        )
        owner = as_text(pending[0]["consumer"]) if pending else None
        found_id, fields = entries[0]
        return _handoff(urgency, found_id, fields, None if owner == RETURNED else owner)

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
        living = await self._living(found)
        await self._remove_gone([h for h in found if h.session_id not in living])
        # Per urgency in stream order: already most urgent, then oldest.
        return [h for h in found if h.session_id in living]

    async def _living(self, handoffs: list[Handoff]) -> set[str]:
        """The sessions of `handoffs` whose case still exists."""
        sessions = sorted({h.session_id for h in handoffs})
        if not sessions:
            return set()
        async with self._redis.pipeline(transaction=False) as pipe:
            for session_id in sessions:
                pipe.exists(case_key(session_id))
            there = await pipe.execute()
        return {s for s, exists in zip(sessions, there, strict=True) if exists}

    async def _remove_gone(self, handoffs: list[Handoff]) -> None:
        """Entries whose case expired: out of the line, with their open key."""
        if not handoffs:
            return
        async with self._redis.pipeline(transaction=True) as pipe:
            for handoff in handoffs:
                pipe.xack(stream(handoff.urgency), GROUP, handoff.entry_id)
                pipe.xdel(stream(handoff.urgency), handoff.entry_id)
                pipe.delete(OPEN_PREFIX + handoff.session_id)
            await pipe.execute()
        log.info("handoff.expired_removed", count=len(handoffs))

    async def forget(self, session_id: str) -> int:
        """Erasure: every entry of this conversation, open or delivered, and its open key.
        How many entries went."""
        await self.ensure_groups()
        mine: list[Handoff] = []
        for urgency in URGENCIES:
            entries: Any = await self._redis.xrange(stream(urgency))
            mine += [
                h
                for entry_id, fields in entries
                if (h := _handoff(urgency, entry_id, fields)).session_id == session_id
            ]
        async with self._redis.pipeline(transaction=True) as pipe:
            for handoff in mine:
                pipe.xack(stream(handoff.urgency), GROUP, handoff.entry_id)
                pipe.xdel(stream(handoff.urgency), handoff.entry_id)
            pipe.delete(OPEN_PREFIX + session_id)
            await pipe.execute()
        return len(mine)
