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
    assert rasa.env["NLG_URL"] == "http://127.0.0.1:8000/nlg"


def test_embedded_redis_only_without_redis_url(tmp_path: Path) -> None:
    embedded = Stack(Settings(_env_file=None), StackPaths(var=tmp_path))
    assert "redis" in embedded.parts
    external = Stack(
        Settings(_env_file=None, redis_url="redis://elsewhere:6379/0"), StackPaths(var=tmp_path)
    )
    assert "redis" not in external.parts
    assert external.parts["rasa"].env["RASA_REDIS_HOST"] == "elsewhere"
    assert external.parts["gateway"].env["REDIS_URL"] == "redis://elsewhere:6379/0"
