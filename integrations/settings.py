"""Typed settings of the gateway, read once from the environment or `.env`."""

from datetime import time
from functools import lru_cache
from ipaddress import ip_address
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from pydantic import Field, IPvAnyNetwork, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from integrations.staff.roles import AccountValue, StaffAccount, account_hash

REPO_ROOT = Path(__file__).resolve().parent.parent

# Development defaults. Production mode refuses to start with any of these.
DEV_STAFF_API_TOKEN = "dev-staff-token"
DEV_TWILIO_AUTH_TOKEN = "dev-twilio-token"
DEV_INTERNAL_API_TOKEN = "dev-internal-token"
DEV_RASA_AUTH_TOKEN = "dev-rasa-token"
DEV_ACTION_SERVER_TOKEN = "dev-action-server-token"
DEV_AANMELDTEAM_DIAL = "+31592000000"  # sample: the aanmeldteam's real number comes from Assen
# Development staff accounts, all with password "dev-wachtwoord" (argon2 hash): "redacteur"
# (a plain hash: aanmeldteam and communicatie), and one account per role.
DEV_STAFF_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$2azmf0OycGXssRZVVVn/tg$"
    "XWZkggVQPjp9O9lUYm2cd4v0beZr2nmqM2epQ9tG19k"
)
DEV_STAFF_ACCOUNTS: dict[str, AccountValue] = {
    "redacteur": DEV_STAFF_HASH,
    "aanmelder": StaffAccount(hash=DEV_STAFF_HASH, roles=["aanmeldteam"]),
    "tekstschrijver": StaffAccount(hash=DEV_STAFF_HASH, roles=["communicatie"]),
    "beheerder": StaffAccount(hash=DEV_STAFF_HASH, roles=["beheer"]),
}
DEV_PUBLIC_BASE_URL = "http://127.0.0.1:8000"


class Settings(BaseSettings):
    """Everything the gateway needs to know about its surroundings."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    toegang_env: Literal["development", "production"] = "development"

    gateway_host: str = "127.0.0.1"
    gateway_port: int = Field(default=8000, ge=1, le=65535)
    public_base_url: str = DEV_PUBLIC_BASE_URL

    # Processes per part (both cores of a small machine): Rasa's Sanic workers share the
    # tracker and lock store in Redis, so any worker may answer any conversation.
    rasa_workers: int = Field(default=2, ge=1, le=16)
    # Gateway processes on one machine (integrations/serve.py); more machines: more gateways.
    gateway_workers: int = Field(default=1, ge=1, le=16)
    action_server_workers: int = Field(default=1, ge=1, le=16)
    rasa_url: str = "http://127.0.0.1:5005"
    # More than one Rasa server (JSON list): each conversation always goes to the same one, the
    # next when it is down (integrations/chat/rasa_ring.py). Empty: RASA_URL alone.
    rasa_urls: list[str] = Field(default_factory=list)
    action_server_url: str = "http://127.0.0.1:5055"
    # Seconds the gateway waits for one Rasa turn before it answers kindly itself.
    rasa_timeout_seconds: float = Field(default=8.0, gt=0)
    # Seconds each readiness probe may take.
    probe_timeout_seconds: float = Field(default=2.0, gt=0)

    # Without REDIS_URL the project starts its own Redis on this port (see integrations/stack).
    redis_url: str | None = None
    embedded_redis_port: int = Field(default=6390, ge=1, le=65535)

    staff_api_token: SecretStr = SecretStr(DEV_STAFF_API_TOKEN)
    twilio_auth_token: SecretStr = SecretStr(DEV_TWILIO_AUTH_TOKEN)
    # Staff accounts: user name -> argon2 password hash (python -m integrations.staff.accounts),
    # or -> {"hash": ..., "roles": [...]} (integrations.staff.roles). As JSON in the environment:
    # STAFF_ACCOUNTS='{"anna": {"hash": "$argon2id$...", "roles": ["aanmeldteam"]}}'.
    staff_accounts: dict[str, AccountValue] = Field(
        default_factory=lambda: dict(DEV_STAFF_ACCOUNTS)
    )
    staff_session_ttl_seconds: int = Field(default=8 * 3600, ge=60)
    # Shared by the gateway and the action server for the internal case API.
    internal_api_token: SecretStr = SecretStr(DEV_INTERNAL_API_TOKEN)

    # How long a chat conversation is kept after its last message (AVG: no longer than needed).
    conversation_ttl_seconds: int = Field(default=24 * 3600, ge=60)
    # How long a review mark (a misunderstood turn, its words without personal data) is kept.
    review_marks_ttl_seconds: int = Field(default=30 * 24 * 3600, ge=60)
    max_message_chars: int = Field(default=2000, ge=1)
    # Rate limits on the chat API. Per conversation: messages a minute (a sliding window).
    # Per address (behind the project's own proxy set TRUSTED_PROXIES): a burst, then a steady
    # rate, so that many residents sharing one address (a library, a care home) and a tool
    # that talks one conversation after the other pass, and a script firing at once does not.
    chat_rate_per_session: int = Field(default=30, ge=1)
    chat_messages_burst: int = Field(default=60, ge=1)
    chat_messages_per_second: float = Field(default=40, gt=0)

    # Numbers are configuration, not code. 14 0592 is the general number of gemeente Assen.
    # The Drenthe huisartsenpost number must be checked with the municipality before use.
    contact_phone: str = "14 0592"
    general_number: str = "14 0592"
    emergency_number: str = "112"
    suicide_prevention_number: str = "0800-0113"
    suicide_prevention_chat: str = "113.nl"
    veilig_thuis_number: str = "0800-2000"
    veilig_thuis_chat: str = "veiligthuis.nl"  # Veilig Thuis's chat, for who cannot call
    # At night, when the municipality is closed: the police's non-emergency number knows
    # where someone without a place to sleep can go. To be checked with the municipality.
    shelter_night_number: str = "0900-8844"
    # Safety signals by meaning (a sentence encoder) besides the lexicon; off only to measure.
    safety_by_meaning: bool = True
    # Sample data: the real hours come from the municipality. `opening_hours` is what the
    # assistant says; the office_* settings decide whether staff are there now.
    opening_hours: str = "op werkdagen van 9.00 tot 17.00 uur"
    office_days: set[int] = Field(default_factory=lambda: {0, 1, 2, 3, 4})
    office_opens: time = time(9, 0)
    office_closes: time = time(17, 0)
    office_closed_on_public_holidays: bool = True
    timezone: str = "Europe/Amsterdam"
    # The phone line (Twilio). Dial strings are E.164; sample numbers must be replaced.
    twilio_voice: str = "Polly.Laura-Neural"
    # Voices for the other languages the line answers in (integrations/languages): language ->
    # [voice, BCP-47 tag]. A language without a voice is answered in English (Tigrinya).
    twilio_voices: dict[str, tuple[str, str]] = Field(
        default_factory=lambda: {
            "en": ("Polly.Amy-Neural", "en-GB"),
            "ar": ("Polly.Hala-Neural", "ar-AE"),
            "tr": ("Polly.Burcu-Neural", "tr-TR"),
            "pl": ("Polly.Ola-Neural", "pl-PL"),
            "uk": ("Google.uk-UA-Standard-A", "uk-UA"),
        }
    )
    # Google's telephony model reads Dutch phone audio (nl-NL); see README "The phone line".
    twilio_speech_model: str = "googlev2_telephony"
    twilio_speech_timeout_seconds: int = Field(default=3, ge=1, le=10)
    # Speech heard with less confidence than this (Twilio's Confidence, 0 to 1) is said back.
    phone_min_confidence: float = Field(default=0.5, ge=0, le=1)
    # Twilio waits 15 seconds; the line answers itself well before that.
    phone_rasa_timeout_seconds: float = Field(default=4.0, gt=0, le=10)
    aanmeldteam_dial: str = DEV_AANMELDTEAM_DIAL
    veilig_thuis_dial: str = "+318002000"
    suicide_prevention_dial: str = "+318000113"
    # No place to sleep tonight, by phone at night: the police's non-emergency number.
    shelter_night_dial: str = "+319008844"
    # How long a delivered handoff waits for the staff member before it goes to the next one.
    handoff_lease_seconds: float = Field(default=120, gt=0)

    # The buurtteams and their agendas. The shipped registry is sample data (see the file).
    agenda_registry_file: Path = (
        REPO_ROOT / "integrations" / "agenda" / "data" / "sample_buurtteams.yml"
    )
    agenda_backend: Literal["redis", "caldav"] = "redis"
    caldav_url: str | None = None
    caldav_username: str | None = None
    caldav_password: SecretStr | None = None
    # One calendar per professional, below CALDAV_URL.
    caldav_calendar_path: str = "{team}-{professional}/"
    # How long a picked time stays held while the resident confirms it.
    agenda_hold_seconds: float = Field(default=300, gt=0)
    agenda_horizon_days: int = Field(default=14, ge=1, le=90)
    agenda_lead_minutes: int = Field(default=120, ge=0)
    # Address -> wijk: the postcode table, or the BAG through the PDOK Locatieserver first.
    address_lookup: Literal["table", "pdok"] = "table"
    pdok_url: str = "https://api.pdok.nl/bzk/locatieserver/search/v3_1"
    municipality_name: str = "Assen"
    # SMS confirmations through Twilio's REST API; without an account SID no SMS is sent.
    twilio_account_sid: str | None = None
    twilio_sms_from: str = "GemAssen"
    twilio_api_base_url: str = "https://api.twilio.com"

    # The web chat: where "Snel weg" goes (a neutral site), and the sites that may embed the
    # chat with the widget (`<script src=".../webchat/widget.js">`), e.g. ["https://www.assen.nl"].
    quick_exit_url: str = "https://www.google.nl/"
    widget_origins: list[str] = Field(default_factory=list)

    phrasing_dir: Path = REPO_ROOT / "integrations" / "nlg" / "content"
    webchat_dir: Path = REPO_ROOT / "webchat"

    # --- security: the chat API's bounds (issue 19) ---
    # Proxies of this project (addresses or networks, JSON list) whose X-Forwarded-For header
    # names the client. Empty: the header is never read, the direct peer is the client.
    trusted_proxies: list[IPvAnyNetwork] = Field(default_factory=list)
    # New chat sessions per address: at most this many without a message at once, a burst
    # then a steady rate, and a ceiling per hour.
    chat_unused_sessions_per_address: int = Field(default=20, ge=1)
    chat_sessions_burst: int = Field(default=30, ge=1)
    chat_sessions_per_second: float = Field(default=40, gt=0)
    chat_sessions_per_address_hour: int = Field(default=5000, ge=1)
    # Open live-message streams: per conversation, per address and for the whole gateway.
    chat_streams_per_session: int = Field(default=2, ge=1)
    chat_streams_per_address: int = Field(default=20, ge=1)
    chat_streams_total: int = Field(default=500, ge=1)
    # How long a message waits for the one before it in the same conversation.
    chat_turn_wait_seconds: float = Field(default=60, gt=0)
    # --- security: the phone line (issue 19) ---
    # A signed Twilio request seen again within this window is a replay, not a new answer
    # (longer than Twilio's own retries). A retry gets the first answer again while that is
    # kept; it holds the bot's words, so only briefly.
    twilio_replay_window_seconds: int = Field(default=600, ge=60, le=24 * 3600)
    twilio_replay_answer_seconds: int = Field(default=120, ge=1, le=3600)
    # --- security: staff logins and what belongs to a case (issue 19) ---
    # Failed staff logins counted per account and per address within the window; beyond the
    # limit a login is refused until the window ends (even with the right password).
    staff_login_failures_per_account: int = Field(default=5, ge=1)
    staff_login_failures_per_address: int = Field(default=20, ge=1)
    staff_login_window_seconds: int = Field(default=15 * 60, ge=1)
    # Every failed or refused login waits this long before the answer (slows guessing).
    staff_login_failure_delay_seconds: float = Field(default=0.75, ge=0, le=5)
    # Password hashes checked at the same time (argon2 takes 64 MiB and a core for each).
    staff_login_hashes_at_once: int = Field(default=2, ge=1, le=16)
    # --- security: personal data in messages (issue 19) ---
    # --- security: the agenda's holds (issue 19) ---
    # Offering times holds nothing; a picked time is held while the resident confirms it, one
    # per conversation. At most this many conversations of one client address hold a time at
    # once; beyond that a pick is not held (the booking itself stays atomic).
    agenda_holds_per_address: int = Field(default=3, ge=1, le=100)
    # --- security: listeners and secrets (issue 19) ---
    # The internal listener: the action server's case and agenda API, Rasa's NLG endpoint and
    # the API docs. Never the public port; on one machine it binds to loopback.
    internal_host: str = "127.0.0.1"
    internal_port: int = Field(default=8001, ge=1, le=65535)
    # Rasa's HTTP API and the gateway's channel into Rasa take this token; the action server
    # takes its own. `make run` generates both once (var/secrets.env, never in git).
    rasa_auth_token: SecretStr = SecretStr(DEV_RASA_AUTH_TOKEN)
    action_server_token: SecretStr = SecretStr(DEV_ACTION_SERVER_TOKEN)
    # The password of the embedded Redis (without REDIS_URL); REDIS_URL carries its own.
    embedded_redis_password: SecretStr | None = None

    @property
    def rasa_servers(self) -> list[str]:
        """Every Rasa server the gateway sends turns to: RASA_URLS, else RASA_URL."""
        return list(self.rasa_urls) or [self.rasa_url]

    @property
    def effective_redis_url(self) -> str:
        """REDIS_URL when given, else the embedded server the project starts itself."""
        if self.redis_url:
            return self.redis_url
        password = self.embedded_redis_password
        auth = f":{quote(password.get_secret_value(), safe='')}@" if password else ""
        return f"redis://{auth}127.0.0.1:{self.embedded_redis_port}/0"

    @field_validator("redis_url", mode="before")
    @classmethod
    def _empty_redis_url_means_embedded(cls, value: object) -> object:
        return value or None

    @model_validator(mode="after")
    def _refuse_development_defaults_in_production(self) -> "Settings":
        if self.toegang_env != "production":
            return self._refuse_development_secrets_beyond_loopback()
        problems = [name for name, value in self._secrets().items() if len(value) < 16]
        if self.staff_api_token.get_secret_value() == DEV_STAFF_API_TOKEN:
            problems.append("STAFF_API_TOKEN")
        if self.twilio_auth_token.get_secret_value() == DEV_TWILIO_AUTH_TOKEN:
            problems.append("TWILIO_AUTH_TOKEN")
        if self.internal_api_token.get_secret_value() == DEV_INTERNAL_API_TOKEN:
            problems.append("INTERNAL_API_TOKEN")
        if self.rasa_auth_token.get_secret_value() == DEV_RASA_AUTH_TOKEN:
            problems.append("RASA_AUTH_TOKEN")
        if self.action_server_token.get_secret_value() == DEV_ACTION_SERVER_TOKEN:
            problems.append("ACTION_SERVER_TOKEN")
        if self.aanmeldteam_dial == DEV_AANMELDTEAM_DIAL:
            problems.append("AANMELDTEAM_DIAL")
        if self.uses_development_accounts:
            problems.append("STAFF_ACCOUNTS")
        if self.public_base_url == DEV_PUBLIC_BASE_URL:
            problems.append("PUBLIC_BASE_URL")
        if self.redis_url is None:
            problems.append("REDIS_URL")
        if problems:
            raise ValueError(
                "Production mode refuses development defaults and short secrets (16 characters"
                " or more); set: " + ", ".join(dict.fromkeys(problems))
            )
        return self

    @property
    def uses_development_accounts(self) -> bool:
        """Any account with the development password (its hash is in git)."""
        return any(account_hash(v) == DEV_STAFF_HASH for v in self.staff_accounts.values())

    def _secrets(self) -> dict[str, str]:
        return {
            "STAFF_API_TOKEN": self.staff_api_token.get_secret_value(),
            "TWILIO_AUTH_TOKEN": self.twilio_auth_token.get_secret_value(),
            "INTERNAL_API_TOKEN": self.internal_api_token.get_secret_value(),
            "RASA_AUTH_TOKEN": self.rasa_auth_token.get_secret_value(),
            "ACTION_SERVER_TOKEN": self.action_server_token.get_secret_value(),
        }

    def _refuse_development_secrets_beyond_loopback(self) -> "Settings":
        """Development secrets are public (they are in git): only for a stack on loopback."""
        if all(is_loopback(host) for host in (self.gateway_host, self.internal_host)):
            return self
        development = {
            "STAFF_API_TOKEN": DEV_STAFF_API_TOKEN,
            "TWILIO_AUTH_TOKEN": DEV_TWILIO_AUTH_TOKEN,
            "INTERNAL_API_TOKEN": DEV_INTERNAL_API_TOKEN,
            "RASA_AUTH_TOKEN": DEV_RASA_AUTH_TOKEN,
            "ACTION_SERVER_TOKEN": DEV_ACTION_SERVER_TOKEN,
        }
        problems = [name for name, value in self._secrets().items() if value == development[name]]
        if self.uses_development_accounts:
            problems.append("STAFF_ACCOUNTS")
        if problems:
            raise ValueError(
                "A gateway that listens beyond loopback refuses the development secrets; set: "
                + ", ".join(problems)
            )
        return self


def is_loopback(host: str) -> bool:
    """127.0.0.1, ::1 or localhost; 0.0.0.0 and every other address are not."""
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once."""
    return Settings()
