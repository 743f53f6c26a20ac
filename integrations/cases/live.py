"""The transcript live, as server-sent events: for the resident's web chat and the staff page.

A reconnect resumes after the last entry the browser saw (Last-Event-ID or `?after=`), so
nothing written in between is lost. Streams read through their own Redis client
(`app.state.stream_redis`), never the pool that chat turns use; a stream that holds a slot
(integrations.chat.event_streams) renews it while open and gives it back when it ends.
"""

import asyncio
import json
import re
from collections.abc import AsyncIterator
from typing import Protocol

import anyio
import structlog
from fastapi import Request
from fastapi.responses import StreamingResponse
from redis.exceptions import RedisError
from starlette.background import BackgroundTask

from integrations.cases.store import CaseStore

log = structlog.get_logger(__name__)

# Wait for new entries in short steps: below the Redis socket timeout, and so a closed
# connection is noticed soon.
SSE_BLOCK_MS = 1_000
STREAM_ID = re.compile(r"\d{1,20}-\d{1,20}")


class StreamLease(Protocol):
    """What an open stream holds (a bounded slot): renewed often, released once."""

    async def renew(self) -> None: ...

    async def release(self) -> None: ...


def transcript_events(
    request: Request, session_id: str, only_live: bool, lease: StreamLease | None = None
) -> StreamingResponse:
    asked = request.headers.get("last-event-id") or request.query_params.get("after") or ""
    last_id = asked if STREAM_ID.fullmatch(asked) else "$"
    state = request.app.state
    store = CaseStore(state.stream_redis, state.settings.conversation_ttl_seconds)

    async def events() -> AsyncIterator[str]:
        try:
            async for event in stream():
                yield event
        except RedisError:
            # Redis is away: end this stream; the browser comes back (retry) and resumes.
            log.error("live.stream_ended", reason="redis")
        finally:
            if lease is not None:
                # The stream ends because the browser left: this task is being cancelled, and
                # the slot must still be given back.
                with anyio.CancelScope(shield=True):
                    await lease.release()

    async def stream() -> AsyncIterator[str]:
        nonlocal last_id
        if last_id == "$":
            # Tell the browser where the stream is now: a reconnect then resumes from here,
            # so nothing written in between is lost.
            last_id = await store.transcript_position(session_id)
        yield f"retry: 2000\nid: {last_id}\nevent: ready\ndata: {{}}\n\n"
        idle = 0
        while not await request.is_disconnected():
            if lease is not None:
                await lease.renew()
            entries = await store.transcript_after(session_id, last_id, SSE_BLOCK_MS)
            if not entries:
                idle += 1
                if idle % 15 == 0:
                    yield ": still here\n\n"
                continue
            for entry in entries:
                last_id = entry["id"]
                if only_live and not entry.get("live"):
                    continue
                yield f"id: {entry['id']}\ndata: {json.dumps(entry, ensure_ascii=False)}\n\n"
            await asyncio.sleep(0)

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store"},
        # Also when the stream never started: the slot is given back.
        background=BackgroundTask(lease.release) if lease is not None else None,
    )
