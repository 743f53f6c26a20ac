"""What each of the gateway's two listeners answers (integrations/listeners.py, over the app)."""

import pytest
from fastapi.testclient import TestClient

from integrations.listeners import allowed, is_internal_path
from integrations.settings import DEV_INTERNAL_API_TOKEN
from tests.integrations.listeners import on_internal

INTERNAL = {"Authorization": f"Bearer {DEV_INTERNAL_API_TOKEN}"}


@pytest.mark.parametrize(
    ("path", "internal"),
    [
        ("/internal/cases/x", True),
        ("/nlg", True),
        ("/docs", True),
        ("/redoc", True),
        ("/openapi.json", True),
        ("/api/chat/sessions", False),
        ("/twilio/voice", False),
        ("/nlgx", True),  # no public path starts so: nothing public is hidden by a prefix
        ("/internals", False),
        ("/", False),
    ],
)
def test_which_paths_are_internal(path: str, internal: bool) -> None:
    assert is_internal_path(path) is internal


def test_shared_paths_answer_on_both() -> None:
    for port in (8000, 8001):
        assert allowed({"path": "/healthz", "server": ("127.0.0.1", port)}, 8001)


@pytest.mark.parametrize(
    "path", ["/internal/cases/abc", "/nlg", "/docs", "/redoc", "/openapi.json"]
)
def test_the_public_port_has_no_internal_surface(client: TestClient, path: str) -> None:
    assert client.get(path, headers=INTERNAL).status_code == 404
    assert client.post(path, headers=INTERNAL, json={}).status_code in (404, 405)


def test_the_internal_port_serves_the_docs_and_nothing_public(client: TestClient) -> None:
    schema = client.get(on_internal("/openapi.json"))
    assert schema.status_code == 200
    assert "/internal/cases/{session_id}" in schema.json()["paths"]
    assert client.post(on_internal("/api/chat/sessions")).status_code == 404
    assert client.get(on_internal("/")).status_code == 404


def test_nlg_needs_the_internal_token(client: TestClient) -> None:
    body = {"response": "utter_greet", "arguments": {}, "tracker": {"slots": {}}, "channel": {}}
    assert client.post(on_internal("/nlg"), json=body).status_code == 401
    assert client.post(on_internal("/nlg"), json=body, headers=INTERNAL).status_code == 200
