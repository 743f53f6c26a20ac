"""`python -m integrations.serve`: the gateway on its two listeners, in one process.

The public listener (GATEWAY_HOST:GATEWAY_PORT) serves residents, Twilio and staff. The
internal listener (INTERNAL_HOST:INTERNAL_PORT, loopback on one machine) serves the stack's own
parts: the action server's case and agenda API, Rasa's NLG endpoint and the API docs. Both share
one app, so one Redis pool and one state; `integrations.listeners` decides what each may reach.

With GATEWAY_WORKERS above 1, that many processes share both listeners (uvicorn's own
supervisor): everything a turn needs is in Redis (sessions, the turn queue, cases), so any
process answers any message; metrics are per process.
"""

import socket

import uvicorn
from uvicorn.supervisors import Multiprocess

from integrations.settings import get_settings


def bound_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def main() -> None:
    settings = get_settings()
    sockets = [
        bound_socket(settings.gateway_host, settings.gateway_port),
        bound_socket(settings.internal_host, settings.internal_port),
    ]
    config = uvicorn.Config(
        "integrations.app:create_app",
        factory=True,
        access_log=False,
        # The client address behind a proxy is the app's own decision (TRUSTED_PROXIES).
        proxy_headers=False,
        workers=settings.gateway_workers,
    )
    if settings.gateway_workers > 1:
        Multiprocess(config, sockets=sockets).run()
    else:
        uvicorn.Server(config).run(sockets=sockets)


if __name__ == "__main__":
    main()
