"""The gateway's edge: what every HTTP request meets before any route, as one plain ASGI
middleware (no task group and no extra streams per request, as Starlette's
`BaseHTTPMiddleware` adds; it was a tenth of the gateway's time under load).

In this order:
- every response gets the security headers (where the route did not set its own), and
  `Cache-Control: no-store` outside the cacheable static paths; nothing of an earlier
  request's log context sticks;
- internal paths are answered only on the internal listener, and nothing else there (404);
- a body larger than its path's limit (or without a readable length) is refused with 413 and
  a kind text (TwiML on Twilio's paths), before it is read.
"""

from collections.abc import Callable, Mapping

import structlog
from fastapi.responses import JSONResponse
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from integrations.listeners import allowed


class GatewayEdge:
    def __init__(
        self,
        app: ASGIApp,
        internal_port: int,
        security_headers: Mapping[str, str],
        cacheable_prefixes: tuple[str, ...],
        body_limit: Callable[[str], int],
    ) -> None:
        self.app = app
        self.internal_port = internal_port
        self.security_headers = dict(security_headers)
        self.cacheable_prefixes = cacheable_prefixes
        self.body_limit = body_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        structlog.contextvars.clear_contextvars()
        path: str = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.security_headers.items():
                    headers.setdefault(name, value)
                if not path.startswith(self.cacheable_prefixes):
                    # Pages and answers with personal data are never kept: not by the
                    # browser's Back button after logging out, not by a proxy.
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        if not allowed(scope, self.internal_port):
            response = JSONResponse(status_code=404, content={"detail": "Not Found"})
            await response(scope, receive, send_with_headers)
            return
        length = _content_length(scope)
        if not length.isdigit() or int(length) > self.body_limit(path):
            await self._too_large(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        from integrations.phone import gate  # Twilio plays what it gets: TwiML there

        request = Request(scope, receive)
        if gate.is_twilio_path(request.url.path):
            response = await gate.refusal(request, 413)
        else:
            text = await request.app.state.phrasing.text("utter_input_too_long")
            response = JSONResponse(status_code=413, content={"detail": text})
        await response(scope, receive, send)


def _content_length(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            return str(value.decode("latin-1"))
    return "0"
