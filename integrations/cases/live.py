"""The transcript live, as server-sent events: for the resident's web chat and the staff page.

A reconnect resumes after the last entry the browser saw (Last-Event-ID or `?after=`), so
nothing written in between is lost.
"""

import asyncio
import json
import re
from collections.abc import AsyncIterator

from fastapi import Request
from fastapi.responses import StreamingResponse

from integrations.cases.store import CaseStore

# Wait for new entries in short steps: below the Redis socket timeout, and so a closed
# connection is noticed soon.
SSE_BLOCK_MS = 1_000
STREAM_ID = re.compile(r"\d{1,20}-\d{1,20}")


def transcript_events(request: Request, session_id: str, only_live: bool) -> StreamingResponse:
    asked = request.headers.get("last-event-id") or request.query_params.get("after") or ""
    last_id = asked if STREAM_ID.fullmatch(asked) else "$"
    store: CaseStore = request.app.state.cases

    async def events() -> AsyncIterator[str]:
        nonlocal last_id
        if last_id == "$":
            # Tell the browser where the stream is now: a reconnect then resumes from here,
            # so nothing written in between is lost.
            last_id = await store.transcript_position(session_id)
        yield f"retry: 2000\nid: {last_id}\nevent: ready\ndata: {{}}\n\n"
        idle = 0
        while not await request.is_disconnected():
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
        events(), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
    )
