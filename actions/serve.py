"""`python -m actions.serve`: the action server, answering Rasa only.

rasa-sdk's own server takes a call from any process that reaches its port. This one is the
same app (`rasa_sdk.endpoint.create_app`, no CORS: no browser calls it) with one rule in front:
every path but `/health` needs `Authorization: Bearer <ACTION_SERVER_TOKEN>`, the header Rasa
sends from bot/endpoints.yml. It listens on 127.0.0.1 unless SANIC_HOST says otherwise.
"""

import argparse
import hmac
import os

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions.settings import get_settings

OPEN_PATHS = frozenset({"/health"})


def authorised(header: str | None, token: str) -> bool:
    """A bearer header that carries the token; an empty token lets nothing in."""
    if not token or not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer ") :].encode(), token.encode())


def guarded_app(token: str) -> Sanic:
    app = create_app("actions", cors_origins=None)

    @app.middleware("request")
    async def only_rasa(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS or authorised(request.headers.get("Authorization"), token):
            return None
        return response.json({"error": "forbidden"}, status=403)

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args()
    app = guarded_app(get_settings().action_server_token)
    host = os.environ.get("SANIC_HOST", "127.0.0.1")
    app.run(host, args.port, workers=utils.number_of_sanic_workers(), access_log=False)


if __name__ == "__main__":
    main()
