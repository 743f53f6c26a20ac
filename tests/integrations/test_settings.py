import pytest
from pydantic import ValidationError

from integrations.settings import Settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test sees only the environment it sets itself."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


def test_development_defaults_are_accepted_in_development() -> None:
    settings = Settings(_env_file=None)
    assert settings.toegang_env == "development"
    assert settings.gateway_port == 8000
    assert settings.effective_redis_url == "redis://127.0.0.1:6390/0"


def test_redis_url_wins_over_the_embedded_server() -> None:
    settings = Settings(_env_file=None, redis_url="redis://redis.example:6379/2")
    assert settings.effective_redis_url == "redis://redis.example:6379/2"


def test_production_refuses_every_development_default() -> None:
    with pytest.raises(ValidationError) as error:
        Settings(_env_file=None, toegang_env="production")
    message = str(error.value)
    for name in (
        "STAFF_API_TOKEN",
        "TWILIO_AUTH_TOKEN",
        "INTERNAL_API_TOKEN",
        "RASA_AUTH_TOKEN",
        "ACTION_SERVER_TOKEN",
        "STAFF_ACCOUNTS",
        "AANMELDTEAM_DIAL",
        "PUBLIC_BASE_URL",
        "REDIS_URL",
    ):
        assert name in message


def test_production_starts_with_real_values() -> None:
    settings = Settings(
        _env_file=None,
        toegang_env="production",
        staff_api_token="a-long-random-staff-token",
        twilio_auth_token="a-real-twilio-token",
        internal_api_token="a-long-random-internal-token",
        rasa_auth_token="a-long-random-rasa-token",
        action_server_token="a-long-random-action-token",
        aanmeldteam_dial="+31592123456",
        staff_accounts={"anna": "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaA"},
        public_base_url="https://hulp.assen.nl",
        redis_url="redis://redis:6379/0",
    )
    assert settings.toegang_env == "production"


def test_production_refuses_a_short_or_empty_secret() -> None:
    with pytest.raises(ValidationError) as error:
        Settings(
            _env_file=None,
            toegang_env="production",
            staff_api_token="short",
            twilio_auth_token="",
            internal_api_token="a-long-random-internal-token",
            rasa_auth_token="a-long-random-rasa-token",
            action_server_token="a-long-random-action-token",
            aanmeldteam_dial="+31592123456",
            staff_accounts={"anna": "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaA"},
            public_base_url="https://hulp.assen.nl",
            redis_url="redis://redis:6379/0",
        )
    message = str(error.value)
    assert "STAFF_API_TOKEN" in message and "TWILIO_AUTH_TOKEN" in message
    assert "INTERNAL_API_TOKEN" not in message


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_development_secrets_only_on_loopback(host: str) -> None:
    """The development secrets are in git: a stack reachable from elsewhere refuses them."""
    with pytest.raises(ValidationError) as error:
        Settings(_env_file=None, gateway_host=host)
    for name in ("STAFF_API_TOKEN", "INTERNAL_API_TOKEN", "RASA_AUTH_TOKEN", "STAFF_ACCOUNTS"):
        assert name in str(error.value)
    with pytest.raises(ValidationError):
        Settings(_env_file=None, internal_host=host)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_development_secrets_on_loopback_are_accepted(host: str) -> None:
    assert Settings(_env_file=None, gateway_host=host).gateway_host == host


def test_the_embedded_redis_password_is_in_its_url() -> None:
    settings = Settings(_env_file=None, embedded_redis_password="p@ss/word")
    assert settings.effective_redis_url == "redis://:p%40ss%2Fword@127.0.0.1:6390/0"


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_PORT", "8123")
    monkeypatch.setenv("CONTACT_PHONE", "0592 12 34 56")
    settings = Settings(_env_file=None)
    assert settings.gateway_port == 8123
    assert settings.contact_phone == "0592 12 34 56"
