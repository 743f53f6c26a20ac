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
        aanmeldteam_dial="+31592123456",
        staff_accounts={"anna": "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaA"},
        public_base_url="https://hulp.assen.nl",
        redis_url="redis://redis:6379/0",
    )
    assert settings.toegang_env == "production"


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATEWAY_PORT", "8123")
    monkeypatch.setenv("CONTACT_PHONE", "0592 12 34 56")
    settings = Settings(_env_file=None)
    assert settings.gateway_port == 8123
    assert settings.contact_phone == "0592 12 34 56"
