"""The client address of every limit: X-Forwarded-For only from the project's own proxies."""

import asyncio
from ipaddress import ip_network

import httpx
import redis

from integrations.app import create_app
from integrations.chat.client_address import resolve_client_address
from integrations.settings import Settings
from tests.integrations.chat.servers import clear_of_window_edges

PROXY = [ip_network("10.0.0.0/8")]


def test_without_trusted_proxies_the_header_is_never_read() -> None:
    assert resolve_client_address("203.0.113.9", "198.51.100.1", []) == "203.0.113.9"
    assert resolve_client_address(None, "198.51.100.1", []) == "unknown"


def test_the_header_of_a_stranger_is_ignored() -> None:
    assert resolve_client_address("203.0.113.9", "198.51.100.1", PROXY) == "203.0.113.9"


def test_behind_our_proxy_the_client_is_the_last_address_it_did_not_add() -> None:
    assert resolve_client_address("10.0.0.2", "198.51.100.1", PROXY) == "198.51.100.1"
    # A client that sends its own header: the proxy appends the real address at the end.
    forged = "1.2.3.4, 198.51.100.1"
    assert resolve_client_address("10.0.0.2", forged, PROXY) == "198.51.100.1"
    # Two of our proxies in a row.
    assert resolve_client_address("10.0.0.2", "198.51.100.1, 10.0.0.3", PROXY) == "198.51.100.1"
    assert resolve_client_address("10.0.0.2", " 2001:db8::1 ", PROXY) == "2001:db8::1"


def test_junk_or_only_proxies_in_the_header_leave_the_last_known_address() -> None:
    assert resolve_client_address("10.0.0.2", "not-an-address", PROXY) == "10.0.0.2"
    assert resolve_client_address("10.0.0.2", "10.0.0.7", PROXY) == "10.0.0.7"
    assert resolve_client_address("10.0.0.2", "", PROXY) == "10.0.0.2"


def statuses(settings: Settings, peer: str, forwarded: list[str], database: int) -> list[int]:
    """New sessions from `peer`, one per X-Forwarded-For value; the limit is 2 an address."""
    url = str(settings.redis_url).rsplit("/", 1)[0] + f"/{database}"
    redis.Redis.from_url(url).flushdb()
    limits = {"chat_sessions_burst": 2, "chat_sessions_per_second": 0.001}
    app = create_app(settings.model_copy(update={"redis_url": url, **limits}))

    async def scenario() -> list[int]:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app, client=(peer, 40000))
            async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
                return [
                    (
                        await client.post("/api/chat/sessions", headers={"X-Forwarded-For": f})
                    ).status_code
                    for f in forwarded
                ]

    clear_of_window_edges()
    return asyncio.run(scenario())


def test_a_stranger_cannot_escape_the_limit_with_a_new_header_each_time(
    settings: Settings,
) -> None:
    forged = ["198.51.100.1", "198.51.100.2", "198.51.100.3"]
    assert statuses(settings, "203.0.113.9", forged, 9) == [201, 201, 429]
    trusting = settings.model_copy(update={"trusted_proxies": PROXY})
    assert statuses(trusting, "203.0.113.9", forged, 10) == [201, 201, 429]


def test_behind_our_proxy_each_client_has_its_own_limit(settings: Settings) -> None:
    trusting = settings.model_copy(update={"trusted_proxies": PROXY})
    clients = ["198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"]
    assert statuses(trusting, "10.0.0.2", clients, 11) == [201, 201, 201, 201]
    one_client = ["198.51.100.1"] * 3
    assert statuses(trusting, "10.0.0.2", one_client, 12) == [201, 201, 429]
    # The same proxy, not configured as ours: all its clients share one address.
    assert statuses(settings, "10.0.0.2", clients, 13) == [201, 201, 429, 429]
