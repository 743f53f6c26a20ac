from pathlib import Path

from integrations.settings import Settings
from integrations.stack.launcher import RedisAddress, Stack, StackPaths


def test_redis_address_from_url() -> None:
    assert RedisAddress.from_url("redis://:geheim@redis:6380/3") == RedisAddress(
        host="redis", port=6380, db=3, password="geheim"
    )
    assert RedisAddress.from_url("redis://127.0.0.1") == RedisAddress("127.0.0.1", 6379, 0, "")


def test_rasa_and_the_action_server_listen_on_loopback_only(tmp_path: Path) -> None:
    stack = Stack(Settings(_env_file=None), StackPaths(var=tmp_path))
    rasa = stack.parts["rasa"]
    assert rasa.argv[rasa.argv.index("--interface") + 1] == "127.0.0.1"
    assert "--enable-api" in rasa.argv
    assert stack.parts["action_server"].env["SANIC_HOST"] == "127.0.0.1"
    # Rasa and the action server reach the gateway on its internal listener only.
    assert rasa.env["NLG_URL"] == "http://127.0.0.1:8001/nlg"
    assert stack.parts["action_server"].env["GATEWAY_INTERNAL_URL"] == "http://127.0.0.1:8001"


def test_every_part_takes_a_generated_secret(tmp_path: Path) -> None:
    stack = Stack(Settings(_env_file=None), StackPaths(var=tmp_path))
    rasa, actions = stack.parts["rasa"], stack.parts["action_server"]
    gateway, redis = stack.parts["gateway"], stack.parts["redis"]
    # One argument, so a token that begins with "-" is never read as an option.
    token = next(a for a in rasa.argv if a.startswith("--auth-token=")).split("=", 1)[1]
    assert len(token) >= 32 and token != "dev-rasa-token"
    assert rasa.env["RASA_AUTH_TOKEN"] == gateway.env["RASA_AUTH_TOKEN"] == token
    assert actions.env["ACTION_SERVER_TOKEN"] == rasa.env["ACTION_SERVER_TOKEN"]
    assert actions.env["INTERNAL_API_TOKEN"] == gateway.env["INTERNAL_API_TOKEN"]
    assert actions.env["INTERNAL_API_TOKEN"] != "dev-internal-token"
    # The embedded Redis asks for a password: in a private file, never on the command line.
    password = rasa.env["RASA_REDIS_PASSWORD"]
    assert password and password not in " ".join(redis.argv)
    config = Path(redis.argv[1])
    assert config.read_text().strip() == f'requirepass "{password}"'
    assert f":{password}@" in gateway.env["REDIS_URL"]
    # The same secrets next time: a restart keeps the conversations in Redis reachable.
    again = Stack(Settings(_env_file=None), StackPaths(var=tmp_path))
    assert again.parts["rasa"].env["RASA_REDIS_PASSWORD"] == password


def test_embedded_redis_only_without_redis_url(tmp_path: Path) -> None:
    embedded = Stack(Settings(_env_file=None), StackPaths(var=tmp_path))
    assert "redis" in embedded.parts
    external = Stack(
        Settings(_env_file=None, redis_url="redis://elsewhere:6379/0"), StackPaths(var=tmp_path)
    )
    assert "redis" not in external.parts
    assert external.parts["rasa"].env["RASA_REDIS_HOST"] == "elsewhere"
    assert external.parts["gateway"].env["REDIS_URL"] == "redis://elsewhere:6379/0"
