"""The actions talk to the gateway's internal API: the case record and the appointment
dialogue."""

import asyncio
import logging
from typing import Any

import aiohttp

from actions.settings import get_settings

log = logging.getLogger(__name__)


async def _call(method: str, path: str, body: dict[str, Any] | None) -> dict[str, Any] | None:
    """The JSON answer of the gateway, or None (and a log line) when it cannot be had."""
    settings = get_settings()
    url = f"{settings.gateway_internal_url.rstrip('/')}{path}"
    headers = {"Authorization": f"Bearer {settings.internal_api_token}"}
    timeout = aiohttp.ClientTimeout(total=settings.gateway_timeout_seconds)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.request(method, url, json=body, headers=headers) as response,
        ):
            if response.status >= 400:
                log.error("gateway refused %s: HTTP %s", path.split("/")[2], response.status)
                return None
            answer: dict[str, Any] = await response.json()
            return answer
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
        log.error("gateway call failed: %s", type(exc).__name__)
        return None


async def update_case(session_id: str, update: dict[str, Any]) -> bool:
    """Send `update` for the case of `session_id`. False (and a log line) when it fails:
    the resident's answer never waits on, or fails through, the case record."""
    return await _call("PATCH", f"/internal/cases/{session_id}", update) is not None


async def appointments(
    session_id: str, step: str, body: dict[str, Any], channel: str
) -> dict[str, Any] | None:
    """One turn of the appointment dialogue (`start`, `answer`, `question`): what the resident
    hears, and whether the dialogue goes on."""
    path = f"/internal/appointments/{session_id}/{step}"
    return await _call("POST", path, {**body, "channel": channel})
