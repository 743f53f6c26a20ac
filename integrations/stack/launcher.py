"""The intake stack as processes: Redis (unless REDIS_URL), action server, Rasa, gateway."""

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx

from integrations.settings import REPO_ROOT, Settings
from integrations.stack.processes import ManagedProcess, wait_until
from integrations.stack.redis_server import embedded_redis
from integrations.stack.secrets import with_local_secrets

QUIET_RASA_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "PYTHONWARNINGS": "ignore",
}
# One thread per numeric library in every process. Each process serves many residents at
# once; numpy's BLAS, OpenMP and TensorFlow would otherwise start a thread per core for each
# small matrix product and spin against each other on the same cores (measured: the safety
# reader's product of a message with its examples 16 ms with two BLAS threads on a busy
# 2-core machine, 2 ms with one; docs/benchmarks.md).
ONE_THREAD_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "TF_INTRA_OP_PARALLELISM_THREADS": "1",
    "TF_INTER_OP_PARALLELISM_THREADS": "1",
}


@dataclass(frozen=True)
class StackPaths:
    repo: Path = REPO_ROOT
    rasa_venv: Path = REPO_ROOT / ".venv-rasa"
    model: Path = REPO_ROOT / "models" / "toegang.tar.gz"
    var: Path = REPO_ROOT / "var"

    @property
    def logs(self) -> Path:
        return self.var / "log"


@dataclass(frozen=True)
class RedisAddress:
    host: str
    port: int
    db: int
    password: str

    @classmethod
    def from_url(cls, url: str) -> "RedisAddress":
        parts = urlsplit(url)
        db = parts.path.strip("/")
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 6379,
            db=int(db) if db else 0,
            password=unquote(parts.password or ""),
        )


def port_of(url: str, default: int) -> int:
    return urlsplit(url).port or default


@dataclass
class Stack:
    settings: Settings
    paths: StackPaths = field(default_factory=StackPaths)
    parts: dict[str, ManagedProcess] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The secrets between the parts: generated once for this machine, never the defaults.
        self.settings = with_local_secrets(self.settings, self.paths.var / "secrets.env")
        self.parts = self._build()

    @property
    def gateway_url(self) -> str:
        return f"http://{self.settings.gateway_host}:{self.settings.gateway_port}"

    def _build(self) -> dict[str, ManagedProcess]:
        s, p = self.settings, self.paths
        redis_address = RedisAddress.from_url(s.effective_redis_url)
        parts: dict[str, ManagedProcess] = {}
        if s.redis_url is None:
            password = s.embedded_redis_password
            parts["redis"] = embedded_redis(
                s.embedded_redis_port,
                p.var / "redis",
                p.logs / "redis.log",
                password.get_secret_value() if password else None,
            )
        parts["action_server"] = ManagedProcess(
            "action_server",
            [str(p.rasa_venv / "bin" / "python"), "-m", "actions.serve",
             "--port", str(port_of(s.action_server_url, 5055))],
            p.logs / "actions.log",
            env={
                **QUIET_RASA_ENV,
                **ONE_THREAD_ENV,
                "SANIC_HOST": "127.0.0.1",
                "ACTION_SERVER_SANIC_WORKERS": str(s.action_server_workers),
                "PYTHONPATH": str(p.repo),
                "GATEWAY_INTERNAL_URL": f"http://127.0.0.1:{s.internal_port}",
                "INTERNAL_API_TOKEN": s.internal_api_token.get_secret_value(),
                "ACTION_SERVER_TOKEN": s.action_server_token.get_secret_value(),
            },
            cwd=p.repo,
        )  # fmt: skip
        parts["rasa"] = ManagedProcess(
            "rasa",
            # Rasa's command line with bot/speedups.py applied first (bot/serve.py).
            [str(p.rasa_venv / "bin" / "python"), "-m", "bot.serve",
             "run", "--enable-api", "--interface", "127.0.0.1",
             "--port", str(port_of(s.rasa_url, 5005)),
             # one argument: a token may begin with "-"
             f"--auth-token={s.rasa_auth_token.get_secret_value()}",
             "--endpoints", str(p.repo / "bot" / "endpoints.yml"),
             "--credentials", str(p.repo / "bot" / "credentials.yml"),
             "--logging-config-file", str(p.repo / "bot" / "logging.yml"),
             "--model", str(p.model)],
            p.logs / "rasa.log",
            env={
                **QUIET_RASA_ENV,
                **ONE_THREAD_ENV,
                "ACTION_SERVER_URL": s.action_server_url.rstrip("/"),
                "SANIC_WORKERS": str(s.rasa_workers),
                "NLG_URL": f"http://127.0.0.1:{s.internal_port}/nlg",
                "INTERNAL_API_TOKEN": s.internal_api_token.get_secret_value(),
                "ACTION_SERVER_TOKEN": s.action_server_token.get_secret_value(),
                "RASA_AUTH_TOKEN": s.rasa_auth_token.get_secret_value(),
                "RASA_REDIS_HOST": redis_address.host,
                "RASA_REDIS_PORT": str(redis_address.port),
                "RASA_REDIS_DB": str(redis_address.db),
                "RASA_REDIS_PASSWORD": redis_address.password,
                "TRACKER_RECORD_EXP": str(s.conversation_ttl_seconds),
                # the safety lexicon component lives in bot/
                "PYTHONPATH": str(p.repo),
            },
            cwd=p.repo,
        )  # fmt: skip
        parts["gateway"] = ManagedProcess(
            "gateway",
            [sys.executable, "-m", "integrations.serve"],
            p.logs / "gateway.log",
            env={
                **ONE_THREAD_ENV,
                "GATEWAY_HOST": s.gateway_host,
                "GATEWAY_PORT": str(s.gateway_port),
                "GATEWAY_WORKERS": str(s.gateway_workers),
                "INTERNAL_HOST": s.internal_host,
                "INTERNAL_PORT": str(s.internal_port),
                "RASA_AUTH_TOKEN": s.rasa_auth_token.get_secret_value(),
                "ACTION_SERVER_TOKEN": s.action_server_token.get_secret_value(),
                "STAFF_API_TOKEN": s.staff_api_token.get_secret_value(),
                "TWILIO_AUTH_TOKEN": s.twilio_auth_token.get_secret_value(),
                "RASA_URL": s.rasa_url,
                "RASA_URLS": json.dumps(s.rasa_urls),
                "ACTION_SERVER_URL": s.action_server_url,
                "REDIS_URL": s.effective_redis_url,
                "EMBEDDED_REDIS_PORT": str(s.embedded_redis_port),
                "CONVERSATION_TTL_SECONDS": str(s.conversation_ttl_seconds),
                "INTERNAL_API_TOKEN": s.internal_api_token.get_secret_value(),
                "OFFICE_DAYS": json.dumps(sorted(s.office_days)),
                "OFFICE_OPENS": s.office_opens.isoformat(),
                "OFFICE_CLOSES": s.office_closes.isoformat(),
                "AGENDA_HOLD_SECONDS": str(s.agenda_hold_seconds),
                "QUICK_EXIT_URL": s.quick_exit_url,
                "CHAT_RATE_PER_SESSION": str(s.chat_rate_per_session),
                "CHAT_MESSAGES_BURST": str(s.chat_messages_burst),
                "CHAT_MESSAGES_PER_SECOND": str(s.chat_messages_per_second),
                "CHAT_UNUSED_SESSIONS_PER_ADDRESS": str(s.chat_unused_sessions_per_address),
                "CHAT_SESSIONS_BURST": str(s.chat_sessions_burst),
                "CHAT_SESSIONS_PER_SECOND": str(s.chat_sessions_per_second),
                "CHAT_SESSIONS_PER_ADDRESS_HOUR": str(s.chat_sessions_per_address_hour),
                "WIDGET_ORIGINS": json.dumps(s.widget_origins),
                **self._sms_env(),
                "PYTHONPATH": str(p.repo),
            },
            cwd=p.repo,
        )  # fmt: skip
        return parts

    def _sms_env(self) -> dict[str, str]:
        """SMS settings reach the gateway only when an account is configured."""
        s = self.settings
        if not s.twilio_account_sid:
            return {}
        return {
            "TWILIO_ACCOUNT_SID": s.twilio_account_sid,
            "TWILIO_API_BASE_URL": s.twilio_api_base_url,
            "TWILIO_SMS_FROM": s.twilio_sms_from,
        }

    def start(self) -> None:
        if not self.paths.model.exists():
            raise FileNotFoundError(
                f"No trained model at {self.paths.model.name}: run `make model` first."
            )
        for part in self.parts.values():
            part.start()

    def crashed(self) -> list[ManagedProcess]:
        return [part for part in self.parts.values() if part.exit_code is not None]

    def ready(self) -> bool:
        try:
            return httpx.get(self.gateway_url + "/readyz", timeout=3).status_code == 200
        except httpx.HTTPError:
            return False

    def wait_ready(self, timeout_seconds: float = 180) -> bool:
        """True once /readyz is green; False on time-out or when a part stops."""
        return wait_until(lambda: bool(self.crashed()) or self.ready(), timeout_seconds) and (
            not self.crashed()
        )

    def stop(self) -> None:
        for name in ("gateway", "rasa", "action_server", "redis"):
            if name in self.parts:
                self.parts[name].stop()
