"""Load benchmark: many residents at once through the real stack, next to the same load sent
straight to Rasa, plus phone calls on signed Twilio webhooks, the saturation point, the memory
of each process and the training time. Prints figures; asserts nothing about speed.

Run with `make bench` (after `make model`). Settings by environment: BENCH_CONVERSATIONS
(50), BENCH_SECONDS (60 per phase), BENCH_TRAIN (1: also time a full training),
BENCH_GATEWAY_WORKERS (1: gateway processes).
"""

import asyncio
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from twilio.request_validator import RequestValidator

from integrations.phone.simulator import Heard
from integrations.settings import REPO_ROOT, Settings
from integrations.stack.launcher import Stack, StackPaths
from tests.bench.common import free_port, percentile

# What residents say, turn by turn: a mix of the routes, in their own words.
SCRIPTS = [
    ["hallo", "ik voel me zo alleen", "liever niet", "nee", "nee"],
    [
        "ik ken me huis nie meer schoon houwe",
        "schoonmaken",
        "voor mijzelf",
        "al langer",
        "ik bel zelf",
        "ja dat klopt",
    ],
    ["wat kost de hulp", "ja", "wat is de wmo", "nee"],
    ["ik wil een scootmobiel", "vervoer", "voor mijzelf", "sinds kort", "ik bel zelf", "ja"],
    ["ik heb schulden", "ik kan de huur niet betalen", "nee", "nee"],
]
THINK_SECONDS = (1.0, 3.0)


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None

    def seconds(self) -> float:
        return (self.finished or time.perf_counter()) - self.started

    def rate(self) -> float:
        return len(self.latencies) / self.seconds()

    def line(self, name: str) -> str:
        seconds = self.seconds()
        if not self.latencies:
            return f"{name:<34} no turns, {self.errors} errors"
        values = self.latencies
        return (
            f"{name:<34} {len(values):>6} turns {len(values) / seconds:6.1f}/s  "
            f"p50 {statistics.median(values):6.0f} ms  p95 {percentile(values, 0.95):6.0f} ms  "
            f"p99 {percentile(values, 0.99):6.0f} ms  errors {self.errors}"
        )


Turn = Callable[[httpx.AsyncClient, str, str], Awaitable[bool]]


async def chat_turn(http: httpx.AsyncClient, session: str, text: str) -> bool:
    response = await http.post(f"/api/chat/sessions/{session}/messages", json={"text": text})
    return response.status_code == 200 and bool(response.json()["messages"])


async def chat_session(http: httpx.AsyncClient) -> str:
    response = await http.post("/api/chat/sessions")
    session_id: str = response.json()["session_id"]
    return session_id


def rasa_turn_for(settings: Settings) -> Turn:
    """Straight into Rasa through the gateway's channel (it takes the stack's token)."""
    headers = {"Authorization": f"Bearer {settings.rasa_auth_token.get_secret_value()}"}

    async def turn(http: httpx.AsyncClient, session: str, text: str) -> bool:
        body = {"sender": session, "message": text, "metadata": {"channel": "chat"}}
        response = await http.post("/webhooks/gateway/webhook", json=body, headers=headers)
        return response.status_code == 200 and bool(response.json())

    return turn


async def rasa_session(http: httpx.AsyncClient) -> str:
    return "bench-" + secrets.token_hex(8)


def phone_turn_for(settings: Settings) -> Turn:
    validator = RequestValidator(settings.twilio_auth_token.get_secret_value())
    public = settings.public_base_url.rstrip("/")

    # Like Twilio: each answer goes to the action URL of the Gather the caller last heard.
    listening_at: dict[str, str] = {}

    async def turn(http: httpx.AsyncClient, call_sid: str, text: str) -> bool:
        params = {"CallSid": call_sid, "From": "+31600000000", "To": "+31592140592",
                  "SpeechResult": text, "Confidence": "0.9"}  # fmt: skip
        path = listening_at.get(call_sid, "/twilio/gather") if text else "/twilio/voice"
        signature = validator.compute_signature(public + path, params)
        response = await http.post(path, data=params, headers={"X-Twilio-Signature": signature})
        heard = Heard.parse(response.text) if response.status_code == 200 else None
        if heard is not None and heard.action:
            listening_at[call_sid] = urlsplit(heard.action)._replace(scheme="", netloc="").geturl()
        return response.status_code == 200 and "<Response>" in response.text

    return turn


def phone_session_for(turn: Turn) -> Callable[[httpx.AsyncClient], Awaitable[str]]:
    async def start(http: httpx.AsyncClient) -> str:
        call_sid = "CA" + secrets.token_hex(16)
        await turn(http, call_sid, "")
        return call_sid

    return start


async def residents(
    base_url: str,
    start: Callable[[httpx.AsyncClient], Awaitable[str]],
    turn: Turn,
    conversations: int,
    seconds: float,
    think: tuple[float, float] | None = THINK_SECONDS,
) -> Tally:
    """`conversations` residents at once, each one script after another until time is up."""
    tally = Tally()
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=conversations + 10)

    async def resident(number: int) -> None:
        rng = random.Random(number)
        async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as http:
            while time.perf_counter() < deadline:
                try:
                    session = await start(http)
                except (httpx.HTTPError, KeyError, ValueError):
                    tally.errors += 1
                    continue
                for text in rng.choice(SCRIPTS):
                    if time.perf_counter() >= deadline:
                        return
                    began = time.perf_counter()
                    try:
                        ok = await turn(http, session, text)
                    except (httpx.HTTPError, ValueError):
                        ok = False
                    if ok:
                        tally.latencies.append((time.perf_counter() - began) * 1000)
                    else:
                        tally.errors += 1
                    if think:
                        await asyncio.sleep(rng.uniform(*think))

    await asyncio.gather(*(resident(n) for n in range(conversations)))
    tally.finished = time.perf_counter()
    return tally


def memory_mb(pid: int) -> float:
    """Resident memory of a process and all its children (Sanic workers), in MB."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
    return total


def process_tree(pid: int) -> list[int]:
    """A process and all its children (Sanic workers, uvicorn workers)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) used so far by a process and its children."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for member in process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def cpu_per_turn(stack: Stack, before: dict[str, float], tally: Tally) -> str:
    """CPU milliseconds each part spent per turn during a phase."""
    turns = max(1, len(tally.latencies))
    parts = []
    for name, part in stack.parts.items():
        if part.pid and name in before:
            used = cpu_seconds(part.pid) - before[name]
            parts.append(f"{name} {1000 * used / turns:.0f}")
    return "CPU ms per turn: " + ", ".join(parts)


def cpu_now(stack: Stack) -> dict[str, float]:
    return {name: cpu_seconds(part.pid) for name, part in stack.parts.items() if part.pid}


def train_seconds() -> float:
    """A full training, in its own cache and output folder."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "RASA_CACHE_DIRECTORY": str(Path(tmp) / "cache")}
        began = time.perf_counter()
        subprocess.run(
            [str(REPO_ROOT / ".venv-rasa" / "bin" / "rasa"), "train", "--config", "bot/config.yml",
             "--domain", "bot/domain", "--data", "nlu_data", "--out", tmp, "--quiet"],
            cwd=REPO_ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        return time.perf_counter() - began


def p95(tally: Tally | None) -> float | None:
    return percentile(tally.latencies, 0.95) if tally and tally.latencies else None


@dataclass
class Figures:
    """What the issue's targets are measured against, filled phase by phase."""

    alone: Tally | None = None
    chat: Tally | None = None
    phone: Tally | None = None
    saturated: Tally | None = None
    train_seconds: float | None = None

    def targets(self) -> list[str]:
        lines = []

        def judged(name: str, value: float | None, unit: str, target: str, met: bool) -> None:
            shown = "not measured" if value is None else f"{value:,.0f} {unit}"
            verdict = "" if value is None else ("met" if met else "NOT met")
            lines.append(f"target {name:<43} {shown:>12}  ({target}) {verdict}")

        chat_p95 = p95(self.chat)
        judged("p95, 50 residents at once (chat API)", chat_p95, "ms", "< 500 ms",
               chat_p95 is not None and chat_p95 < 500)  # fmt: skip
        rate = self.saturated.rate() if self.saturated else None
        errors = self.saturated.errors if self.saturated else 0
        judged("turns/s sustained, no pauses", rate, "/s", f">= 35/s, {errors} errors",
               rate is not None and rate >= 35 and errors == 0)  # fmt: skip
        phone_p95 = p95(self.phone)
        judged("phone webhook turn p95", phone_p95, "ms", "< 700 ms",
               phone_p95 is not None and phone_p95 < 700)  # fmt: skip
        judged("training from scratch", self.train_seconds, "s", "< 180 s",
               self.train_seconds is not None and self.train_seconds < 180)  # fmt: skip
        if self.alone and self.alone.latencies and chat_p95 is not None:
            alone_p50 = statistics.median(self.alone.latencies)
            alone_p95 = percentile(self.alone.latencies, 0.95)
            lines.append(
                f"one resident alone: p50 {alone_p50:.0f} ms, p95 {alone_p95:.0f} ms; "
                f"p95 under load / alone: {chat_p95 / alone_p50:.1f}x the alone p50, "
                f"{chat_p95 / alone_p95:.1f}x the alone p95"
            )
        return lines


async def run(stack: Stack, conversations: int, seconds: float, figures: Figures) -> None:
    s = stack.settings
    gateway, rasa = stack.gateway_url, s.rasa_url
    print(
        f"{conversations} conversations at once, a turn every 1-3 s each, {seconds:.0f} s a phase"
    )
    # Warm up both paths (model caches, connections).
    await residents(gateway, chat_session, chat_turn, 5, 5, None)
    figures.alone = await residents(gateway, chat_session, chat_turn, 1, seconds / 3, None)
    print(figures.alone.line("one resident alone (chat API)"))
    cpu = cpu_now(stack)
    direct = await residents(rasa, rasa_session, rasa_turn_for(s), conversations, seconds)
    print(direct.line("straight to Rasa (its webhook)"))
    print(f"{'':<34} {cpu_per_turn(stack, cpu, direct)}")
    cpu = cpu_now(stack)
    figures.chat = await residents(gateway, chat_session, chat_turn, conversations, seconds)
    print(figures.chat.line("through the gateway (chat API)"))
    print(f"{'':<34} {cpu_per_turn(stack, cpu, figures.chat)}")
    if direct.latencies and figures.chat.latencies:
        ratio = statistics.median(figures.chat.latencies) / statistics.median(direct.latencies)
        print(f"{'gateway / Rasa, p50':<34} {ratio:6.2f}")
    phone = phone_turn_for(s)
    figures.phone = await residents(gateway, phone_session_for(phone), phone, 20, seconds / 2)
    print(figures.phone.line("phone: signed Twilio webhooks (20)"))
    cpu = cpu_now(stack)
    figures.saturated = await residents(gateway, chat_session, chat_turn, 40, seconds, None)
    print(figures.saturated.line("saturation: 40 without pauses"))
    print(f"{'':<34} {cpu_per_turn(stack, cpu, figures.saturated)}")
    for name, part in stack.parts.items():
        if part.pid:
            print(f"memory {name:<27} {memory_mb(part.pid):7.0f} MB")


def main() -> None:
    model = REPO_ROOT / "models" / "toegang.tar.gz"
    if not model.exists():
        sys.exit("no trained model: run `make model` first")
    conversations = int(os.environ.get("BENCH_CONVERSATIONS", "50"))
    seconds = float(os.environ.get("BENCH_SECONDS", "60"))
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        gateway_port=free_port(),
        internal_port=free_port(),
        rasa_url=f"http://127.0.0.1:{free_port()}",
        action_server_url=f"http://127.0.0.1:{free_port()}",
        embedded_redis_port=free_port(),
        chat_messages_burst=10_000_000,
        chat_sessions_burst=10_000_000,
        chat_unused_sessions_per_address=10_000_000,
        chat_sessions_per_address_hour=10_000_000,
        chat_rate_per_session=10_000,
        gateway_workers=int(os.environ.get("BENCH_GATEWAY_WORKERS", "1")),
    )
    figures = Figures()
    with tempfile.TemporaryDirectory() as var:
        stack = Stack(settings, StackPaths(model=model, var=Path(var)))
        stack.start()
        try:
            if not stack.wait_ready(timeout_seconds=300):
                sys.exit("the stack did not become ready")
            print(f"Rasa workers: {settings.rasa_workers}, action server workers: "
                  f"{settings.action_server_workers}, "
                  f"gateway processes: {settings.gateway_workers}")  # fmt: skip
            asyncio.run(run(stack, conversations, seconds, figures))
        finally:
            stack.stop()
    if os.environ.get("BENCH_TRAIN", "1") == "1":
        figures.train_seconds = train_seconds()
        print(f"{'training from scratch':<34} {figures.train_seconds:6.0f} s")
    for line in figures.targets():
        print(line)


if __name__ == "__main__":
    main()
