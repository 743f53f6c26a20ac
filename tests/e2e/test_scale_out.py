"""The scale-out shape on one machine: two gateways and two Rasa servers sharing one Redis.

Residents talk through both gateways in turn (as behind a load balancer); each gateway sends a
conversation to its own Rasa server (integrations/chat/rasa_ring.py). Halfway, one Rasa server
is stopped. Every turn must still be answered, and each conversation's tracker in Redis must hold
every message once, in the order it was sent, each answered before the next.
"""

import asyncio
import random
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import httpx
import pytest

from integrations.chat.rasa_ring import RasaRing
from integrations.settings import REPO_ROOT, Settings
from integrations.stack.launcher import Stack, StackPaths
from integrations.stack.processes import wait_until

MODEL = REPO_ROOT / "models" / "toegang.tar.gz"
RESIDENTS = 24
# What residents say, turn by turn: routes that go through Rasa (no safety signal).
SCRIPTS = [
    ["hallo", "ik voel me zo alleen", "liever niet", "nee", "nee", "wat is de wmo"],
    [
        "ik ken me huis nie meer schoon houwe",
        "schoonmaken",
        "voor mijzelf",
        "al langer",
        "ik bel zelf",
        "ja",  # issue 20: "Klopt dit?" after the read-back
        "nee",
    ],
    ["wat kost de hulp", "ja", "wat is de wmo", "nee", "hallo", "wat kost de hulp"],
    [
        "ik wil een scootmobiel",
        "vervoer",
        "voor mijzelf",
        "sinds kort",
        "ik bel zelf",
        "ja",  # issue 20: "Klopt dit?" after the read-back
        "nee",
    ],
    ["ik heb schulden", "ik kan de huur niet betalen", "nee", "nee", "hallo", "wat is de wmo"],
]
STOP_AFTER_TURNS = 3


@dataclass
class TwoOfEach:
    first: Stack
    second: Stack

    @property
    def gateways(self) -> list[str]:
        return [self.first.gateway_url, self.second.gateway_url]

    @property
    def rasa_servers(self) -> list[str]:
        return [self.first.settings.rasa_url, self.second.settings.rasa_url]


def rasa_ready(url: str, token: str) -> bool:
    try:
        response = httpx.get(url + "/status", params={"token": token}, timeout=3)
    except httpx.HTTPError:
        return False
    return response.status_code == 200 and bool(response.json().get("model_id"))


@pytest.fixture(scope="module")
def two_of_each(
    tmp_path_factory: pytest.TempPathFactory, free_port: Callable[[], int]
) -> Iterator[TwoOfEach]:
    assert MODEL.exists(), "no trained model: the end-to-end tests run after `make model`"
    rasa_urls = [f"http://127.0.0.1:{free_port()}" for _ in range(2)]
    many = 1_000_000  # every resident talks from 127.0.0.1
    settings = Settings(
        _env_file=None,
        gateway_port=free_port(),
        internal_port=free_port(),
        rasa_url=rasa_urls[0],
        rasa_urls=rasa_urls,
        rasa_workers=1,
        # The machine is shared: a slow turn is waited for, never answered by the gateway.
        rasa_timeout_seconds=60,
        action_server_url=f"http://127.0.0.1:{free_port()}",
        embedded_redis_port=free_port(),
        conversation_ttl_seconds=3600,
        chat_messages_burst=many,
        chat_sessions_burst=many,
        chat_unused_sessions_per_address=many,
        chat_sessions_per_address_hour=many,
    )
    first = Stack(settings, StackPaths(model=MODEL, var=tmp_path_factory.mktemp("first")))
    # The second gateway and Rasa server: the first one's Redis, action server and secrets.
    shared = first.settings.model_copy(
        update={
            "gateway_port": free_port(),
            "internal_port": free_port(),
            "rasa_url": rasa_urls[1],
            "redis_url": first.settings.effective_redis_url,
        }
    )
    second = Stack(shared, StackPaths(model=MODEL, var=tmp_path_factory.mktemp("second")))
    first.start()
    second.parts["rasa"].start()
    second.parts["gateway"].start()
    running = TwoOfEach(first, second)
    token = first.settings.rasa_auth_token.get_secret_value()
    try:
        ready = wait_until(
            lambda: (
                bool(first.crashed() or second.crashed())
                or (
                    first.ready()
                    and second.ready()
                    and all(rasa_ready(url, token) for url in running.rasa_servers)
                )
            ),
            timeout_seconds=360,
        )
        if not ready or first.crashed() or second.crashed():
            parts = [*first.parts.values(), second.parts["rasa"], second.parts["gateway"]]
            logs = "\n".join(f"--- {p.name}\n{p.log_tail(40)}" for p in parts)
            pytest.fail(f"the two stacks did not become ready:\n{logs}")
        yield running
    finally:
        second.stop()
        first.stop()


@dataclass
class Resident:
    number: int
    session_id: str = ""
    said: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


async def talk(
    resident: Resident, gateways: list[str], halfway: asyncio.Event, stopped: asyncio.Event
) -> None:
    """Every turn through the other gateway, as a load balancer may send it."""
    rng = random.Random(resident.number)
    script = SCRIPTS[resident.number % len(SCRIPTS)]
    async with httpx.AsyncClient(timeout=120) as http:
        created = await http.post(gateways[resident.number % 2] + "/api/chat/sessions")
        resident.session_id = created.json()["session_id"]
        for turn, text in enumerate(script):
            if turn == STOP_AFTER_TURNS:
                halfway.set()
                await stopped.wait()
            gateway = gateways[(resident.number + turn) % 2]
            url = f"{gateway}/api/chat/sessions/{resident.session_id}/messages"
            response = await http.post(url, json={"text": text})
            if response.status_code != 200 or not response.json()["messages"]:
                resident.failures.append(f"{text!r}: {response.status_code} {response.text}")
            resident.said.append(text)
            await asyncio.sleep(rng.uniform(0.1, 0.5))


async def play(running: TwoOfEach, residents: list[Resident]) -> None:
    halfway, stopped = asyncio.Event(), asyncio.Event()

    async def stop_one_rasa_server() -> None:
        await halfway.wait()
        # Some residents are in the middle of a turn now: the server finishes those first.
        await asyncio.sleep(0.3)
        await asyncio.to_thread(running.second.parts["rasa"].stop)
        stopped.set()

    await asyncio.gather(
        stop_one_rasa_server(),
        *(talk(resident, running.gateways, halfway, stopped) for resident in residents),
    )


def user_texts_and_answers(tracker: dict[str, object]) -> tuple[list[str], list[int]]:
    """The resident's messages in the tracker, and how many bot messages followed each."""
    texts: list[str] = []
    answers: list[int] = []
    events = tracker["events"]
    assert isinstance(events, list)
    for event in events:
        if event["event"] == "user":
            texts.append(event["text"])
            answers.append(0)
        elif event["event"] == "bot" and answers:
            answers[-1] += 1
    return texts, answers


def test_no_turn_lost_doubled_or_out_of_order_across_two_servers(two_of_each: TwoOfEach) -> None:
    residents = [Resident(number) for number in range(RESIDENTS)]
    # Its own event loop in its own thread: the browser tests of the same session keep one
    # running in this thread (Playwright's sync API).
    with ThreadPoolExecutor(max_workers=1) as runner:
        runner.submit(asyncio.run, play(two_of_each, residents)).result()

    assert not [f for r in residents for f in r.failures]
    # The conversations were spread over both Rasa servers before one stopped.
    ring = RasaRing(two_of_each.rasa_servers)
    owners = {ring.order(r.session_id)[0] for r in residents}
    assert owners == set(two_of_each.rasa_servers)
    assert not two_of_each.second.parts["rasa"].running

    token = two_of_each.first.settings.rasa_auth_token.get_secret_value()
    remaining = two_of_each.first.settings.rasa_url
    for resident in residents:
        response = httpx.get(
            f"{remaining}/conversations/{resident.session_id}/tracker",
            params={"token": token},
            timeout=30,
        )
        texts, answers = user_texts_and_answers(response.json())
        assert texts == resident.said, resident.session_id
        assert all(count >= 1 for count in answers), (resident.session_id, answers)
