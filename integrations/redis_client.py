"""The gateway's Redis client: a bounded pool that waits for a free connection under load."""

from typing import Any

from redis.asyncio import BlockingConnectionPool, Redis

MAX_CONNECTIONS = 64


def redis_client(url: str, timeout_seconds: float) -> Redis:
    pool = BlockingConnectionPool.from_url(
        url,
        max_connections=MAX_CONNECTIONS,
        timeout=timeout_seconds * 2,
        socket_timeout=timeout_seconds,
        socket_connect_timeout=timeout_seconds,
    )
    return Redis(connection_pool=pool)


def as_text(value: Any) -> str:
    """A Redis reply (bytes) as text."""
    return value.decode() if isinstance(value, bytes) else str(value)
