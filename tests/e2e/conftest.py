"""The whole intake stack, started for real: embedded Redis, action server, Rasa, gateway."""

import shutil
from collections.abc import Callable, Iterator
from datetime import time

import httpx
import pytest
from playwright.sync_api import Browser, sync_playwright

from integrations.settings import REPO_ROOT, Settings
from integrations.stack.launcher import Stack, StackPaths
from tests.recorder import Recorder, recording_server

MODEL = REPO_ROOT / "models" / "toegang.tar.gz"


@pytest.fixture(scope="session")
def twilio_api() -> Iterator[Recorder]:
    """Twilio's REST API at its HTTP boundary: records the SMS the gateway sends."""
    reply = b'{"sid": "SM00000000000000000000000000000000", "status": "queued"}'
    with recording_server(status=201, body=reply) as server:
        yield server


@pytest.fixture(scope="session")
def municipal_site() -> Iterator[Recorder]:
    """The municipality's site that embeds the chat widget: a page the widget test writes.
    Another origin (its own port) on loopback, where the browser lets it load the widget."""
    with recording_server(body=b"", content_type="text/html; charset=utf-8") as server:
        yield server


@pytest.fixture(scope="session")
def stack(
    tmp_path_factory: pytest.TempPathFactory,
    free_port: Callable[[], int],
    twilio_api: Recorder,
    municipal_site: Recorder,
) -> Iterator[Stack]:
    assert MODEL.exists(), "no trained model: the end-to-end tests run after `make model`"
    settings = Settings(
        _env_file=None,
        gateway_port=free_port(),
        internal_port=free_port(),
        rasa_url=f"http://127.0.0.1:{free_port()}",
        action_server_url=f"http://127.0.0.1:{free_port()}",
        embedded_redis_port=free_port(),
        conversation_ttl_seconds=3600,
        # Staff are always there in these tests, whatever time CI runs.
        office_days={0, 1, 2, 3, 4, 5, 6},
        office_opens=time.min,
        office_closes=time.max,
        twilio_account_sid="AC" + "0" * 32,
        twilio_api_base_url=twilio_api.url,
        widget_origins=[municipal_site.url],
        # The limits per address stay as they are shipped: every test talks from 127.0.0.1,
        # one conversation after the other, as residents and evaluation tools do.
    )
    running = Stack(settings, StackPaths(model=MODEL, var=tmp_path_factory.mktemp("var")))
    running.start()
    try:
        if not running.wait_ready(timeout_seconds=300):
            logs = "\n".join(f"--- {p.name}\n{p.log_tail(40)}" for p in running.parts.values())
            pytest.fail(f"the stack did not become ready:\n{logs}")
        yield running
    finally:
        running.stop()


@pytest.fixture
def gateway(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as client:
        yield client


# As root on a closed network: no sandbox, and no background calls to the internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is needed: `make test` installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
