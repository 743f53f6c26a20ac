"""Appointment confirmations by SMS through the Twilio REST API (the real twilio client).

`TWILIO_API_BASE_URL` points the client elsewhere; the tests use it to send the request to a
local server that records it. Only sent when the resident asked for it.
"""

import asyncio
from typing import Any

import structlog
from twilio.base.exceptions import TwilioException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

TWILIO_API = "https://api.twilio.com"

log = structlog.get_logger(__name__)


class _BaseUrlHttpClient(TwilioHttpClient):  # type: ignore[misc]
    """Twilio's own HTTP client, sending to another base URL."""

    def __init__(self, base_url: str, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self._base_url = base_url.rstrip("/")

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        if url.startswith(TWILIO_API):
            url = self._base_url + url[len(TWILIO_API) :]
        return super().request(method, url, *args, **kwargs)


class SmsSender:
    def __init__(
        self, account_sid: str, auth_token: str, sender: str, base_url: str, timeout: float = 10
    ) -> None:
        self._sender = sender
        http = _BaseUrlHttpClient(base_url, timeout) if base_url.rstrip("/") != TWILIO_API else None
        self._client = Client(account_sid, auth_token, http_client=http)

    async def send(self, to: str, body: str) -> bool:
        def create() -> bool:
            self._client.messages.create(to=to, from_=self._sender, body=body)
            return True

        try:
            return await asyncio.to_thread(create)
        except (TwilioException, OSError) as exc:
            log.error("sms.failed", reason=type(exc).__name__)
            return False


def e164(dutch_number: str) -> str:
    """ "0612345678" -> "+31612345678"."""
    digits = "".join(ch for ch in dutch_number if ch.isdigit())
    return "+31" + digits[1:] if digits.startswith("0") else "+" + digits
