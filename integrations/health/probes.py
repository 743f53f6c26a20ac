"""Readiness probes: does each part of the stack answer?"""

import asyncio
from collections.abc import Awaitable, Callable, Sequence

import httpx
from redis.asyncio import Redis
from redis.exceptions import RedisError

Probe = Callable[[], Awaitable[None]]


class ProbeFailed(Exception):
    pass


def rasa_probe(
    http: httpx.AsyncClient, servers: str | Sequence[str], timeout: float, token: str
) -> Probe:
    """Rasa is ready when one of its servers answers (with the token) with a model loaded:
    the gateway sends each conversation to a server that answers (integrations/chat/rasa_ring)."""
    urls = [servers] if isinstance(servers, str) else list(servers)

    async def one(base_url: str) -> None:
        try:
            response = await http.get(
                base_url.rstrip("/") + "/status", params={"token": token}, timeout=timeout
            )
            response.raise_for_status()
            status = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise ProbeFailed(type(exc).__name__) from exc
        if not status.get("model_id") and not status.get("model_file"):
            raise ProbeFailed("no model loaded")

    async def probe() -> None:
        outcomes = await asyncio.gather(*(one(url) for url in urls), return_exceptions=True)
        failures = [o for o in outcomes if isinstance(o, BaseException)]
        if len(failures) == len(urls):
            first = failures[0]
            if isinstance(first, ProbeFailed):
                raise first
            raise ProbeFailed(type(first).__name__) from first

    return probe


def action_server_probe(http: httpx.AsyncClient, base_url: str, timeout: float) -> Probe:
    async def probe() -> None:
        try:
            response = await http.get(base_url.rstrip("/") + "/health", timeout=timeout)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise ProbeFailed(type(exc).__name__) from exc

    return probe


def redis_probe(redis: Redis, timeout: float) -> Probe:
    async def probe() -> None:
        try:
            await asyncio.wait_for(redis.ping(), timeout=timeout)
        except (RedisError, OSError, TimeoutError) as exc:
            raise ProbeFailed(type(exc).__name__) from exc

    return probe


async def run_probes(probes: dict[str, Probe]) -> dict[str, str]:
    """Run all probes at once; name → "ok" or the reason it failed."""

    async def one(probe: Probe) -> str:
        try:
            await probe()
        except ProbeFailed as exc:
            return f"down: {exc}"
        return "ok"

    results = await asyncio.gather(*(one(p) for p in probes.values()))
    return dict(zip(probes, results, strict=True))
