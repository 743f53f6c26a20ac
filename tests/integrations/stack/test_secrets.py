"""The stack's local secrets: generated once, kept private, never the development values."""

import stat
from pathlib import Path

from pydantic import SecretStr

from integrations.settings import Settings
from integrations.stack.secrets import GENERATED, local_secrets, with_local_secrets


def test_secrets_are_generated_once_and_private(tmp_path: Path) -> None:
    path = tmp_path / "var" / "secrets.env"
    first = local_secrets(path)
    assert set(first) == set(GENERATED)
    assert all(len(value) >= 32 for value in first.values())
    assert len(set(first.values())) == len(first)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert local_secrets(path) == first


def test_development_values_are_replaced_given_ones_kept(tmp_path: Path) -> None:
    given = Settings(_env_file=None, rasa_auth_token=SecretStr("chosen-by-the-operator-123"))
    settings = with_local_secrets(given, tmp_path / "secrets.env")
    stored = local_secrets(tmp_path / "secrets.env")
    assert settings.rasa_auth_token.get_secret_value() == "chosen-by-the-operator-123"
    assert settings.internal_api_token.get_secret_value() == stored["INTERNAL_API_TOKEN"]
    assert settings.action_server_token.get_secret_value() == stored["ACTION_SERVER_TOKEN"]
    password = settings.embedded_redis_password
    assert password is not None and password.get_secret_value() == stored["EMBEDDED_REDIS_PASSWORD"]
    assert stored["EMBEDDED_REDIS_PASSWORD"] in settings.effective_redis_url
