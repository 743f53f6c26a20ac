"""Fuzzing the gateway's API from its own OpenAPI description (schemathesis generates the
requests), against a real gateway on its two listeners (free ports) with the tests' Redis; Rasa
and the action server are down. Whatever arrives, the gateway never fails: no 500, no trace.
The description is served on the internal listener only; each request goes to the listener
its path belongs to."""

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, given, settings

from integrations.app import create_app
from integrations.listeners import is_internal_path
from integrations.serve import bound_socket
from integrations.settings import Settings

EXAMPLES_PER_OPERATION = 25


@dataclass(frozen=True)
class Listeners:
    public: str
    internal: str

    def for_path(self, path: str) -> str:
        return self.internal if is_internal_path(path) else self.public


@pytest.fixture(scope="module")
def gateway_url(redis_url: str, free_port: Any) -> Iterator[Listeners]:
    port, internal_port = free_port(), free_port()
    down = f"http://127.0.0.1:{free_port()}"
    app = create_app(
        Settings(
            _env_file=None,  # type: ignore[call-arg]
            redis_url=redis_url,
            rasa_url=down,
            action_server_url=down,
            rasa_timeout_seconds=1,
            probe_timeout_seconds=1,
            chat_messages_burst=1_000_000,
            chat_sessions_burst=1_000_000,
            chat_unused_sessions_per_address=1_000_000,
            chat_sessions_per_address_hour=1_000_000,
            chat_rate_per_session=1_000_000,
            internal_port=internal_port,
        )
    )
    server = uvicorn.Server(uvicorn.Config(app, log_level="error"))
    sockets = [bound_socket("127.0.0.1", port), bound_socket("127.0.0.1", internal_port)]
    thread = threading.Thread(target=server.run, kwargs={"sockets": sockets}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # the safety reader loads its examples at start
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz").status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield Listeners(url, f"http://127.0.0.1:{internal_port}")
    server.should_exit = True
    thread.join(timeout=10)


def send(case: Any, base_url: str) -> httpx.Response:
    """The generated request, sent with httpx (the project's HTTP client)."""
    kwargs = case.as_transport_kwargs(base_url=base_url)
    body: dict[str, Any] = {}
    if "json" in kwargs:
        body["json"] = kwargs["json"]
    elif kwargs.get("data") is not None:
        data = kwargs["data"]
        body["content" if isinstance(data, bytes | str) else "data"] = data
    response = httpx.request(
        kwargs["method"],
        kwargs["url"],
        params=kwargs.get("params"),
        headers=kwargs.get("headers"),
        cookies=kwargs.get("cookies"),
        timeout=10,
        **body,
    )
    return response


def test_no_input_makes_the_gateway_fail(gateway_url: Listeners) -> None:
    schema = schemathesis.openapi.from_url(gateway_url.internal + "/openapi.json").exclude(
        path_regex=r".*/events$"  # live streams stay open by design
    )
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        fuzz(operation, gateway_url.for_path(operation.path), failures)
    assert operations > 20
    assert failures == []


def fuzz(operation: Any, base_url: str, failures: list[str]) -> None:
    """Generated requests for one operation, sent to the listener its path belongs to."""

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        response = send(case, base_url)
        # 503 is the designed answer while Rasa is down (with the phone number, or the
        # parts that are down on /readyz); anything else from 500 up is a failure.
        designed = response.status_code == 503 and response.json() is not None
        if response.status_code >= 500 and not designed:
            failures.append(f"{case.method} {case.formatted_path}: {response.status_code}")
        assert "Traceback" not in response.text

    given(operation.as_strategy())(call)()
