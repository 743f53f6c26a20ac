"""Gateway fixtures: a real Redis that the tests start themselves, and the app on top of it."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from fastapi.testclient import TestClient

from integrations.app import create_app
from integrations.settings import Settings
from integrations.stack.processes import wait_until
from integrations.stack.redis_server import embedded_redis


@pytest.fixture(scope="session")
def redis_url(
    tmp_path_factory: pytest.TempPathFactory, free_port: Callable[[], int]
) -> Iterator[str]:
    port = free_port()
    base: Path = tmp_path_factory.mktemp("redis")
    server = embedded_redis(port, base / "data", base / "redis.log")
    server.start()
    client = redis.Redis(port=port)

    def answers() -> bool:
        try:
            return bool(client.ping())
        except (redis.ConnectionError, OSError):
            return False

    assert wait_until(answers, 15), server.log_tail()
    yield f"redis://127.0.0.1:{port}/0"
    server.stop()


@pytest.fixture
def closed_port_url(free_port: Callable[[], int]) -> str:
    """The URL of a port where nothing listens: a part of the stack that is down."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture
def settings(redis_url: str, closed_port_url: str) -> Settings:
    """Gateway settings with a real Redis; Rasa and the action server are down."""
    return Settings(
        redis_url=redis_url,
        rasa_url=closed_port_url,
        action_server_url=closed_port_url,
        probe_timeout_seconds=1,
        rasa_timeout_seconds=2,
        # Every test talks from one address; the rate limit tests set their own limits.
        chat_messages_burst=100_000,
        chat_sessions_burst=100_000,
        chat_unused_sessions_per_address=100_000,
        chat_sessions_per_address_hour=100_000,
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client
