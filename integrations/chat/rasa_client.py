"""Talks to the Rasa servers over their REST channel, each conversation to its own server."""

from collections.abc import Sequence
from typing import Any

import httpx
from pydantic import BaseModel, ValidationError

from integrations.chat.rasa_ring import RasaRing
from integrations.chat.schemas import BotButton, BotLink, BotMessage

# The request did not get through: the connection was refused, or the server closed it without
# an answer (a kept-alive connection of a server that is stopping). Only then does the next
# server take the turn; a time-out is never sent again. (A server killed outright between
# saving a turn and answering it is the one case where a turn could be handled twice.)
NOT_DELIVERED: tuple[type[httpx.HTTPError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.RemoteProtocolError,
)


# The answers of the forms (bot/domain: intake.yml, buurtteam.yml, agenda.yml), as
# actions/conversation_state.py `INTAKE_SLOTS` forgets them when an intake ends.
FORM_SLOTS = (
    "help_needed", "aid_needed", "help_for", "since_when", "situation", "next_step",
    "contact_preference", "phone_number", "appointment_step", "appointment_direct",
    "intake_exit", "readback_ok", "readback_correction", "readback_check", "readback_fixed",
)  # fmt: skip


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
        self,
        http: httpx.AsyncClient,
        servers: str | Sequence[str],
        timeout_seconds: float,
        token: str,
    ) -> None:
        self._http = http
        self.ring = RasaRing([servers] if isinstance(servers, str) else servers)
        self._timeout = timeout_seconds
        self._token = token

    async def _post(
        self, sender_id: str, path: str, timeout: float, **kwargs: Any
    ) -> httpx.Response:
        """POST to the conversation's own server; to the next only when it was not delivered."""
        servers = self.ring.order(sender_id)
        for number, server in enumerate(servers, start=1):
            try:
                response = await self._http.post(server + path, timeout=timeout, **kwargs)
            except NOT_DELIVERED:
                self.ring.failed(server)
                if number == len(servers):
                    raise
                continue
            self.ring.answered(server)
            return response
        raise AssertionError("unreachable: the ring has at least one server")

    async def leave_form(self, sender_id: str) -> None:
        """End any form of the conversation and forget its answers (after the safety protocol
        answered), as the actions do when an intake ends: "ik ben zo moe" after 113 must not
        go on at the times offered before. The booking begun stays in the gateway
        (appointments/), for "kan ik toch die afspraak maken?". Best effort: Rasa down
        changes nothing for the resident."""
        events = [
            {"event": "active_loop", "name": None},
            {"event": "slot", "name": "requested_slot", "value": None},
            {"event": "slot", "name": "answer_tries", "value": 0},
            *({"event": "slot", "name": slot, "value": None} for slot in FORM_SLOTS),
        ]
        try:
            params = {"include_events": "NONE", "token": self._token}
            path = f"/conversations/{sender_id}/tracker/events"
            await self._post(sender_id, path, 5, params=params, json=events)
        except httpx.HTTPError:
            return

    async def intents_of(
        self, sender_id: str, text: str, timeout: float
    ) -> list[tuple[str, float]]:
        """What Rasa's classifier reads in `text`: its intents with their confidence, most
        likely first, without a turn of the conversation (`/model/parse`). Raises
        RasaUnavailable."""
        try:
            response = await self._post(
                sender_id, "/model/parse", timeout, params={"token": self._token},
                json={"text": text},
            )  # fmt: skip
            response.raise_for_status()
            body = response.json()
            ranking = body.get("intent_ranking") or [body.get("intent") or {}]
            return [(str(i.get("name") or ""), float(i.get("confidence") or 0.0)) for i in ranking]
        except (httpx.HTTPError, ValueError, TypeError, AttributeError) as exc:
            raise RasaUnavailable(type(exc).__name__) from exc

    async def send(
        self,
        sender_id: str,
        message: str,
        metadata: dict[str, Any] | None = None,
        timeout: float | None = None,
    ) -> list[BotMessage]:
        body = {"sender": sender_id, "message": message, "metadata": metadata or {}}
        try:
            # The gateway's own channel into Rasa (bot/channels/gateway.py), behind the token.
            response = await self._post(
                sender_id,
                "/webhooks/gateway/webhook",
                timeout or self._timeout,
                json=body,
                headers={"Authorization": f"Bearer {self._token}"},
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
