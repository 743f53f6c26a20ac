"""The gateway's internal listener in TestClient tests: the same app, reached on its port."""

from integrations.settings import Settings

INTERNAL_PORT: int = Settings.model_fields["internal_port"].default


def on_internal(path: str, port: int = INTERNAL_PORT) -> str:
    """The URL of `path` on the internal listener (the public port answers it with 404)."""
    return f"http://testserver:{port}{path}"
