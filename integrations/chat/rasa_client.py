"""Talks to the Rasa server over its REST channel."""

from typing import Any

import httpx
from pydantic import BaseModel, ValidationError

from integrations.chat.schemas import BotButton, BotLink, BotMessage


class RasaUnavailable(Exception):
    """Rasa did not answer in time, or answered with an error."""


class _RasaButton(BaseModel):
    title: str
    payload: str


class _RasaMessage(BaseModel):
    text: str | None = None
    buttons: list[_RasaButton] = []
    custom: dict[str, Any] | None = None


def _link(custom: dict[str, Any] | None) -> BotLink | None:
    """The NLG endpoint puts a message's link in `custom`; Rasa sends it as its own message.
    Only links to the gateway itself are passed on."""
    raw = (custom or {}).get("link")
    try:
        link = BotLink.model_validate(raw) if raw else None
    except ValidationError:
        return None
    return link if link and link.url.startswith("/") and not link.url.startswith("//") else None


class RasaClient:
    def __init__(
        self, http: httpx.AsyncClient, base_url: str, timeout_seconds: float, token: str
    ) -> None:
        self._http = http
        self._base = base_url.rstrip("/")
        # The gateway's own channel into Rasa (bot/channels/gateway.py), behind the token.
        self._url = self._base + "/webhooks/gateway/webhook"
        self._timeout = timeout_seconds
        self._token = token

    async def leave_form(self, sender_id: str) -> None:
        """End any form of the conversation (after the safety protocol answered). Best effort:
        Rasa down changes nothing for the resident."""
        events = [
            {"event": "active_loop", "name": None},
            {"event": "slot", "name": "requested_slot", "value": None},
        ]
        url = f"{self._base}/conversations/{sender_id}/tracker/events"
        try:
            params = {"include_events": "NONE", "token": self._token}
            await self._http.post(url, params=params, json=events, timeout=5)
        except httpx.HTTPError:
            return

    async def send(
        self,
        sender_id: str,
        message: str,
        metadata: dict[str, Any] | None = None,
        timeout: float | None = None,
    ) -> list[BotMessage]:
        body = {"sender": sender_id, "message": message, "metadata": metadata or {}}
        try:
            response = await self._http.post(
                self._url,
                json=body,
                headers={"Authorization": f"Bearer {self._token}"},
                timeout=timeout or self._timeout,
            )
            response.raise_for_status()
            raw = [_RasaMessage.model_validate(item) for item in response.json()]
        except (httpx.HTTPError, ValueError, ValidationError) as exc:
            raise RasaUnavailable(type(exc).__name__) from exc
        messages: list[BotMessage] = []
        for item in raw:
            link = _link(item.custom)
            if item.text or item.buttons:
                buttons = [BotButton(title=b.title, payload=b.payload) for b in item.buttons]
                messages.append(BotMessage(text=item.text or "", buttons=buttons, link=link))
            elif link and messages:
                messages[-1].link = link
        return messages
