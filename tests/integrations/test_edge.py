"""The gateway's edge alone, around a tiny Starlette app: headers on every answer (a route's
own kept), no-store outside static paths, the listener guard, and the body limit."""

import asyncio

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from integrations.edge import GatewayEdge

HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"}


class Book:
    async def text(self, name: str) -> str:
        return f"tekst {name}"


def app() -> Starlette:
    async def hello(request: Request) -> PlainTextResponse:
        return PlainTextResponse("hallo")

    async def framed(request: Request) -> PlainTextResponse:
        return PlainTextResponse("eigen", headers={"X-Frame-Options": "SAMEORIGIN"})

    async def posted(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(len(await request.body())))

    routes = [
        Route("/hello", hello),
        Route("/webchat/app.js", hello),
        Route("/framed", framed),
        Route("/post", posted, methods=["POST"]),
        Route("/internal/cases", hello),
    ]
    starlette = Starlette(routes=routes)
    starlette.state.phrasing = Book()
    starlette.add_middleware(
        GatewayEdge,
        internal_port=8001,
        security_headers=HEADERS,
        cacheable_prefixes=("/webchat/",),
        body_limit=lambda path: 10,
    )
    return starlette


@pytest.fixture
def client() -> TestClient:
    return TestClient(app())


def test_every_answer_has_the_headers_and_a_route_keeps_its_own(
    client: TestClient,
) -> None:
    hello = client.get("/hello")
    assert hello.text == "hallo"
    assert hello.headers["x-content-type-options"] == "nosniff"
    assert hello.headers["x-frame-options"] == "DENY"
    assert hello.headers["cache-control"] == "no-store"
    framed = client.get("/framed")
    assert framed.headers["x-frame-options"] == "SAMEORIGIN"
    static = client.get("/webchat/app.js")
    assert "cache-control" not in static.headers
    missing = client.get("/nowhere")
    assert missing.status_code == 404 and missing.headers["cache-control"] == "no-store"


def test_internal_paths_are_not_answered_on_the_public_listener(
    client: TestClient,
) -> None:
    answer = client.get("/internal/cases")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not Found"}
    assert answer.headers["x-frame-options"] == "DENY"


def test_a_body_over_the_limit_is_refused_kindly_before_it_is_read(
    client: TestClient,
) -> None:
    small = client.post("/post", content=b"12345")
    assert small.text == "5"
    large = client.post("/post", content=b"x" * 11)
    assert large.status_code == 413
    assert large.json() == {"detail": "tekst utter_input_too_long"}
    assert large.headers["x-content-type-options"] == "nosniff"
    unreadable = client.post("/post", content=b"1", headers={"content-length": "abc"})
    assert unreadable.status_code == 413


def test_other_scopes_pass_through() -> None:
    seen: list[str] = []

    async def inner(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope["type"])

    edge = GatewayEdge(inner, 8001, HEADERS, (), lambda path: 10)
    asyncio.run(edge({"type": "lifespan"}, None, None))  # type: ignore[arg-type]
    assert seen == ["lifespan"]
