"""docker-compose.yml describes the same stack that `make run` starts (no Docker engine here)."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from integrations.settings import REPO_ROOT, Settings
from integrations.stack.launcher import ONE_THREAD_ENV, QUIET_RASA_ENV, Stack, StackPaths

COMPOSE = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES: dict[str, Any] = COMPOSE["services"]


@pytest.fixture
def local(tmp_path: Path) -> Stack:
    return Stack(Settings(_env_file=None), StackPaths(var=tmp_path))


def pinned(requirements: Path, package: str) -> str:
    match = re.search(
        rf"^{re.escape(package)}(\[[a-z]+\])?==(\S+)", requirements.read_text(), re.MULTILINE
    )
    assert match, package
    return match.group(2)


def flags(argv: list[str]) -> set[str]:
    """The flags, without their values where a flag carries one (`--auth-token=...`)."""
    return {arg.split("=", 1)[0] for arg in argv if arg.startswith("--")}


def test_the_same_four_parts() -> None:
    assert set(SERVICES) == {"redis", "actions", "rasa", "gateway"}


def test_official_images_at_the_pinned_versions() -> None:
    assert SERVICES["redis"]["image"].startswith("redis:")
    rasa_version = pinned(REPO_ROOT / "bot" / "requirements.txt", "rasa")
    assert SERVICES["rasa"]["build"]["dockerfile"] == "bot/Dockerfile"
    assert f"FROM rasa/rasa:{rasa_version}" in (REPO_ROOT / "bot" / "Dockerfile").read_text()
    sdk_version = pinned(REPO_ROOT / "bot" / "requirements.txt", "rasa-sdk")
    dockerfile = (REPO_ROOT / "actions" / "Dockerfile").read_text()
    assert f"FROM rasa/rasa-sdk:{sdk_version}" in dockerfile


def test_rasa_runs_with_the_same_flags_and_settings(local: Stack) -> None:
    rasa = local.parts["rasa"]
    compose_rasa = SERVICES["rasa"]
    # Locally Rasa binds to 127.0.0.1; in compose the network keeps it private.
    assert flags(compose_rasa["command"]) == flags(rasa.argv) - {"--interface"}
    needed = set(rasa.env) - set(QUIET_RASA_ENV)
    assert needed <= set(compose_rasa["environment"])
    files = (REPO_ROOT / "bot" / name for name in ("endpoints.yml", "credentials.yml"))
    placeholders = {v for f in files for v in re.findall(r"\$\{([A-Z_]+)\}", f.read_text())}
    process_settings = {"PYTHONPATH", "SANIC_WORKERS", *ONE_THREAD_ENV}  # not for endpoints.yml
    assert placeholders == needed - process_settings


def test_the_action_server_gets_every_setting_make_run_passes(local: Stack) -> None:
    local_only = {"PYTHONPATH", "SANIC_HOST", *QUIET_RASA_ENV}
    needed = set(local.parts["action_server"].env) - local_only
    assert needed <= set(SERVICES["actions"]["environment"])


def test_the_gateway_gets_every_setting_make_run_passes(local: Stack) -> None:
    local_only = {"PYTHONPATH", "EMBEDDED_REDIS_PORT"}
    assert set(local.parts["gateway"].env) - local_only <= set(SERVICES["gateway"]["environment"])
    assert SERVICES["gateway"]["environment"]["TOEGANG_ENV"] == "production"


@pytest.mark.parametrize(
    ("part", "service"), [("rasa", "rasa"), ("action_server", "actions"), ("gateway", "gateway")]
)
def test_one_thread_per_numeric_library_in_every_python_process(
    local: Stack, part: str, service: str
) -> None:
    """BLAS, OpenMP and TensorFlow threads per core would spin against each other in a process
    that serves many residents at once: locally and in compose, one each."""
    for name, value in ONE_THREAD_ENV.items():
        assert local.parts[part].env[name] == value == SERVICES[service]["environment"][name]


def test_only_the_gateway_is_published() -> None:
    published = {name for name, service in SERVICES.items() if service.get("ports")}
    assert published == {"gateway"}


def test_the_model_and_bot_config_reach_rasa() -> None:
    assert "./models:/app/models:ro" in SERVICES["rasa"]["volumes"]
    assert "COPY bot /app/bot" in (REPO_ROOT / "bot" / "Dockerfile").read_text()


def default_of(value: str) -> str:
    """The default of a compose variable: `${NAME:-default}` -> `default`."""
    match = re.fullmatch(r"\$\{[A-Z_]+:-(.*)\}", value)
    assert match, value
    return match.group(1)


def test_scale_out_more_than_one_gateway_and_rasa_server_sharing_one_redis() -> None:
    assert COMPOSE["name"] == "toegang"
    rasa_replicas = int(default_of(SERVICES["rasa"]["deploy"]["replicas"]))
    assert rasa_replicas > 1
    assert int(default_of(SERVICES["gateway"]["deploy"]["replicas"])) > 1
    assert "replicas" not in SERVICES["redis"].get("deploy", {})
    # Every gateway knows every Rasa replica by its container name.
    urls = json.loads(default_of(SERVICES["gateway"]["environment"]["RASA_URLS"]))
    assert urls == [f"http://toegang-rasa-{n}:5005" for n in range(1, rasa_replicas + 1)]
    # Redis keeps what it holds: an append-only file in a volume.
    command = SERVICES["redis"]["command"]
    assert command[command.index("--appendonly") + 1] == "yes"
    assert "redis-data:/data" in SERVICES["redis"]["volumes"]
