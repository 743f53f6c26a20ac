"""bot/speedups.py: the same checks of the action server's answers, the schema checked once;
one kept-alive session per endpoint instead of a new connection for every call."""

import asyncio

import jsonschema
import pytest
from aiohttp import web
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot import speedups


@pytest.fixture(scope="module", autouse=True)
def installed() -> None:
    speedups.install()


def test_a_valid_answer_passes_and_the_schema_is_not_checked_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the schema was checked again")

    cls = jsonschema.validators.validator_for(RemoteAction.action_response_format_spec())
    monkeypatch.setattr(cls, "check_schema", classmethod(refuse))
    action = RemoteAction("action_triage", None)
    answer = {
        "events": [{"event": "slot", "name": "route", "value": "buurtteam"}],
        "responses": [{"response": "utter_ack_loneliness"}],
    }
    assert action._validate_action_result(answer) is True


def test_a_wrong_answer_is_refused_as_rasa_refuses_it() -> None:
    action = RemoteAction("action_triage", None)
    wrong = {"events": [{"event": "slot", "name": 3}], "responses": "not a list"}
    with pytest.raises(jsonschema.ValidationError) as ours:
        action._validate_action_result(wrong)
    with pytest.raises(jsonschema.ValidationError) as rasas:
        jsonschema.validate(wrong, RemoteAction.action_response_format_spec())
    assert ours.value.message == rasas.value.message + speedups.ACTION_RESULT_HINT


def test_calls_to_an_endpoint_share_one_kept_alive_connection(free_port) -> None:  # type: ignore[no-untyped-def]
    port = free_port()
    peers: list[object] = []

    async def answer(request: web.Request) -> web.Response:
        peers.append(request.transport.get_extra_info("peername") if request.transport else None)
        return web.json_response({"text": "Goedendag."})

    async def scenario() -> None:
        app = web.Application()
        app.router.add_post("/nlg", answer)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            endpoint = EndpointConfig(url=f"http://127.0.0.1:{port}/nlg")
            for _ in range(3):
                assert await endpoint.request(method="post", json={}) == {"text": "Goedendag."}
        finally:
            await runner.cleanup()

    asyncio.run(scenario())
    assert len(peers) == 3
    assert len(set(peers)) == 1  # one client port: one connection for all three calls


def test_every_event_type_resolves_to_the_class_rasa_finds() -> None:
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    for cls in all_subclasses(Event):
        assert Event.resolve_by_type(cls.type_name) is next(
            c for c in all_subclasses(Event) if c.type_name == cls.type_name
        )
    assert Event.resolve_by_type("topic") is None
    with pytest.raises(ValueError):
        Event.resolve_by_type("no such event")
