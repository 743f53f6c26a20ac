"""Real HTTP for the chat bounds tests: the gateway on a free port, and a small stand-in for
Rasa's channel that, like Rasa, must never get two turns of one conversation at once."""

import asyncio
import socket
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI, Request


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def served(app: Any, health_path: str = "/healthz") -> Iterator[str]:
    """`app` on a free port of 127.0.0.1 in a thread, as uvicorn serves it, until the end."""
    port = free_port()
    # The gateway reads X-Forwarded-For itself (TRUSTED_PROXIES), never uvicorn.
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="error", proxy_headers=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # the safety reader loads its examples at start
    while True:
        try:
            if httpx.get(url + health_path).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class RasaStandIn:
    """Answers every turn with "antwoord op <message>"; counts turns of one conversation that
    overlap (Rasa's lock store makes such turns wait and time out)."""

    def __init__(self, turn_seconds: float = 0.02) -> None:
        self.turn_seconds = turn_seconds
        self.busy: dict[str, int] = defaultdict(int)
        self.most_at_once = 0
        self.app = FastAPI()
        self.app.add_api_route("/healthz", self.health, methods=["GET"])
        self.app.add_api_route("/{path:path}", self.turn, methods=["POST"])

    async def health(self) -> dict[str, str]:
        return {"status": "ok"}

    async def turn(self, request: Request) -> list[dict[str, str]]:
        body = await request.json()
        sender = body.get("sender", "")
        self.busy[sender] += 1
        self.most_at_once = max(self.most_at_once, self.busy[sender])
        try:
            await asyncio.sleep(self.turn_seconds)  # a turn takes a moment: others may overlap
            return [{"text": f"antwoord op {body.get('message')}"}]
        finally:
            self.busy[sender] -= 1


def clear_of_window_edges() -> None:
    """Wait until a minute (and an hour) window has room left: a test that counts exactly to
    a limit must not straddle two windows, where the sliding window lets a little more in."""
    while time.time() % 60 > 40 or time.time() % 3600 > 3580:
        time.sleep(0.5)
