"""Typed settings of the action server, read once (pydantic 1: this is the Rasa environment)."""

from functools import lru_cache

from pydantic import BaseSettings


class ActionSettings(BaseSettings):
    # Where the gateway's internal case API is, and the token it expects.
    gateway_internal_url: str = "http://127.0.0.1:8001"
    internal_api_token: str = "dev-internal-token"
    # Rasa shows this token on every call (bot/endpoints.yml); nobody else knows it.
    action_server_token: str = "dev-action-server-token"
    # A case update never holds up the answer to the resident for long.
    gateway_timeout_seconds: float = 2.0


@lru_cache(maxsize=1)
def get_settings() -> ActionSettings:
    return ActionSettings()
