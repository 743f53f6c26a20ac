"""The gateway's channel into Rasa: Rasa's REST channel, behind the shared token.

Rasa's own REST channel takes a message from any local process, past the gateway's safety
layer. This one answers only a request with `Authorization: Bearer <RASA_AUTH_TOKEN>`, the
token Rasa's HTTP API takes too (`rasa run --auth-token`). Its webhook is
`/webhooks/gateway/webhook`; conversations keep the channel name "rest".
"""

import hmac
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

TOKEN_VARIABLE = "RASA_AUTH_TOKEN"


def authorised(header: str | None, token: str) -> bool:
    """A bearer header that carries the token; an empty token lets nothing in."""
    if not token or not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer ") :].encode(), token.encode())


class GatewayInput(RestInput):
    def __init__(self, token: str | None = None) -> None:
        self.token = token if token is not None else os.environ.get(TOKEN_VARIABLE, "")

    @classmethod
    def name(cls) -> str:
        return "gateway"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "GatewayInput":
        return cls((credentials or {}).get("token"))

    def _extract_input_channel(self, req: Request) -> str:
        return str(req.json.get("input_channel") or RestInput.name())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)
        token = self.token

        @webhook.middleware("request")
        async def only_the_gateway(request: Request) -> HTTPResponse | None:
            if authorised(request.headers.get("Authorization"), token):
                return None
            return response.json({"error": "forbidden"}, status=403)

        return webhook
