"""Work Rasa 3.6 does on every turn that can be done once per process.

Found with py-spy on a Rasa worker under load (docs/benchmarks.md, "The profile"):

- Schema checks. Rasa checks each answer of the action server against its JSON schema with
  `jsonschema.validate`, which first checks the *schema itself* against the JSON Schema
  metaschema, on every call. With jsonschema 4 that check was 45% of a worker's time. Here the
  schema is checked once per process and the same validator checks every answer, as strictly
  as before: a wrong answer still raises the same `ValidationError` with the same message.
- HTTP sessions. Rasa's `EndpointConfig.request` opens a new aiohttp session (a new TCP
  connection and a DNS look-up in a thread) for every call to the action server and the NLG
  endpoint. Here each endpoint keeps one session per event loop (each Sanic worker has its
  own), so connections are kept alive and reused.
- Event types. Rasa finds the class of each stored event by walking every subclass of `Event`
  (with an `inspect.isabstract` check each) for every event of every tracker it reads. Here
  the name of each type is looked up in a table made once; a name not in it goes the old way.

`install()` applies all three. It is called by `bot.serve` before Rasa starts, never at import
time; Sanic forks its workers after that, so every worker has them.
"""

import asyncio
from collections.abc import Callable
from typing import Any

import aiohttp
import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from rasa.core.actions.action import RemoteAction
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import EndpointConfig

ACTION_RESULT_HINT = (
    ". Failed to validate Action server response from API, "
    "make sure your response from the Action endpoint is valid. "
    "For more information about the format visit "
    "https://rasa.com/docs/rasa/custom-actions"
)


def checked_once(schema: dict[str, Any]) -> Validator:
    """A validator for `schema`, the schema itself checked here, once."""
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator: Validator = cls(schema)
    return validator


def first_error(validator: Validator, instance: Any) -> jsonschema.ValidationError | None:
    """The error `jsonschema.validate` would raise for `instance`, or None."""
    error: jsonschema.ValidationError | None = best_match(validator.iter_errors(instance))
    return error


def action_result_check() -> Callable[[RemoteAction, dict[str, Any]], bool]:
    """`RemoteAction._validate_action_result` with the schema checked once."""
    validator = checked_once(RemoteAction.action_response_format_spec())

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        error = first_error(validator, result)
        if error is not None:
            error.message += ACTION_RESULT_HINT
            raise error
        return True

    return validate_action_result


class KeptSession:
    """`async with` over a session that stays open (Rasa closes what `session()` returns)."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(self, *exc: object) -> None:
        return None


# Shorter than the keep-alive of the servers Rasa calls (Sanic and uvicorn: 5 s), so a
# connection is never reused just as the other side closes it.
KEEPALIVE_SECONDS = 2.0


def open_session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """The session Rasa's `EndpointConfig.session` makes, with connections kept alive."""
    auth = None
    if endpoint.basic_auth:
        auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
    return aiohttp.ClientSession(
        headers=endpoint.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
    )


def kept_session(endpoint: EndpointConfig) -> KeptSession:
    """`EndpointConfig.session`: one open session per endpoint and event loop."""
    loop = asyncio.get_running_loop()
    kept: tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession] | None = getattr(
        endpoint, "_toegang_session", None
    )
    if kept is None or kept[0] is not loop or kept[1].closed:
        kept = (loop, open_session(endpoint))
        endpoint._toegang_session = kept  # type: ignore[attr-defined]
    return KeptSession(kept[1])


def event_type_table() -> Callable[..., Any]:
    """`Event.resolve_by_type` with the types found once (the first class of a name wins,
    as in Rasa's walk); an unknown name, and the default, go to Rasa's own function."""
    original = Event.resolve_by_type
    table: dict[str, type[Event]] = {}
    for cls in all_subclasses(Event):
        table.setdefault(cls.type_name, cls)

    def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
        found = table.get(type_name)
        return found if found is not None else original(type_name, default)

    return resolve_by_type


def install() -> None:
    """Apply the speed-ups to this process (and the Sanic workers it forks)."""
    if getattr(RemoteAction, "_toegang_speedups", False):
        return
    RemoteAction._validate_action_result = action_result_check()  # type: ignore[method-assign]
    EndpointConfig.session = kept_session  # type: ignore[method-assign,assignment]
    Event.resolve_by_type = staticmethod(event_type_table())  # type: ignore[method-assign]
    RemoteAction._toegang_speedups = True  # type: ignore[attr-defined]
