"""The actions keep the gateway's case record current through its internal API."""

import asyncio
import logging
from typing import Any

import aiohttp

from actions.settings import get_settings

log = logging.getLogger(__name__)


async def update_case(session_id: str, update: dict[str, Any]) -> bool:
    """Send `update` for the case of `session_id`. False (and a log line) when it fails:
    the resident's answer never waits on, or fails through, the case record."""
    settings = get_settings()
    url = f"{settings.gateway_internal_url.rstrip('/')}/internal/cases/{session_id}"
    headers = {"Authorization": f"Bearer {settings.internal_api_token}"}
    timeout = aiohttp.ClientTimeout(total=settings.gateway_timeout_seconds)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as session,
            session.patch(url, json=update, headers=headers) as response,
        ):
            if response.status >= 400:
                log.error("case update refused: HTTP %s", response.status)
                return False
            return True
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        log.error("case update failed: %s", type(exc).__name__)
        return False
