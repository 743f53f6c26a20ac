"""Fuzzing the gateway's API from its own OpenAPI description (schemathesis generates the
requests), against a real gateway on a free port with the tests' Redis; Rasa and the action
server are down. Whatever arrives, the gateway never fails: no 500, no trace."""

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, given, settings

from integrations.app import create_app
from integrations.settings import Settings

EXAMPLES_PER_OPERATION = 25


@pytest.fixture(scope="module")
def gateway_url(redis_url: str, free_port: Any) -> Iterator[str]:
    port = free_port()
    down = f"http://127.0.0.1:{free_port()}"
    app = create_app(
        Settings(
            _env_file=None,  # type: ignore[call-arg]
            redis_url=redis_url,
            rasa_url=down,
            action_server_url=down,
            rasa_timeout_seconds=1,
            probe_timeout_seconds=1,
            chat_rate_per_address=1_000_000,
            chat_rate_per_session=1_000_000,
        )
    )
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz").status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield url
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


def test_no_input_makes_the_gateway_fail(gateway_url: str) -> None:
    schema = schemathesis.openapi.from_url(gateway_url + "/openapi.json").exclude(
        path_regex=r".*/events$"  # live streams stay open by design
    )
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: Any) -> None:
            response = send(case, gateway_url)
            # 503 is the designed answer while Rasa is down (with the phone number, or the
            # parts that are down on /readyz); anything else from 500 up is a failure.
            designed = response.status_code == 503 and response.json() is not None
            if response.status_code >= 500 and not designed:
                failures.append(f"{case.method} {case.formatted_path}: {response.status_code}")
            assert "Traceback" not in response.text

        given(operation.as_strategy())(call)()
    assert operations > 20
    assert failures == []
