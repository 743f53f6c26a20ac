"""The gate in front of every Twilio webhook: the signature, replays, and TwiML for every answer.

Twilio plays what it gets, so every answer on a Twilio path is TwiML: also for a wrong
signature, a request that is too large, an unknown path or a part of the gateway that fails.
A signed request seen again within the replay window is not taken as a new answer: it gets
the first answer again (Twilio retries after a timeout), or the last prompt of the call, or an
empty `<Response/>`; nothing of it reaches Rasa, the safety guard or the transcript.
"""

from collections.abc import Callable, Coroutine
from typing import Any

import structlog
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.routing import APIRoute
from redis.exceptions import RedisError
from starlette.exceptions import HTTPException

from integrations.phone import twiml
from integrations.phone.calls import CallState
from integrations.phone.replay import fingerprint
from integrations.phone.seen import SeenRequests
from integrations.phone.signature import SignedRequest, signed_request

log = structlog.get_logger(__name__)

PREFIX = "/twilio"
# The webhooks that speak to the caller in a conversation; their prompts are remembered.
PROMPT_PATHS = frozenset({PREFIX + "/voice", PREFIX + "/gather"})
MEDIA_TYPE = "application/xml"

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def is_twilio_path(path: str) -> bool:
    return path == PREFIX or path.startswith(PREFIX + "/")


def xml(document: str, status_code: int = 200) -> Response:
    return Response(content=document, media_type=MEDIA_TYPE, status_code=status_code)


async def spoken(request: Request, name: str) -> str:
    rendered = await request.app.state.phrasing.render(name, "phone", {})
    return str(rendered["text"])


async def refusal(request: Request, status_code: int) -> Response:
    """TwiML for a Twilio request that no webhook takes (used by the app's error handlers too).

    Too large (413): the caller said too much; a 200 that asks again kindly, so that Twilio
    plays it. It changes nothing, so it needs no signature. Anything else keeps its status
    with a TwiML that hangs up: Twilio never sends it, a stranger gets nothing to read."""
    if status_code == 413:
        config = twiml.config_from(request.app.state.settings)
        return xml(twiml.ask(config, [await spoken(request, "utter_phone_too_long")]))
    return xml(twiml.hang_up(), status_code)


async def failed(request: Request) -> Response:
    """A webhook that broke: a caller in the conversation is put through to a person."""
    if request.url.path not in PROMPT_PATHS:
        return xml(twiml.empty())
    config = twiml.config_from(request.app.state.settings)
    technical = await spoken(request, "utter_technical_problem")
    return xml(twiml.transfer(config, [technical], config.aanmeldteam))


def seen_requests(request: Request) -> SeenRequests:
    settings = request.app.state.settings
    return SeenRequests(
        request.app.state.redis,
        settings.twilio_replay_window_seconds,
        settings.twilio_replay_answer_seconds,
    )


async def replayed(request: Request, seen: SeenRequests, mark: str, call_sid: str) -> str:
    """The answer to a request already taken: the first answer, else the last prompt."""
    log.warning("twilio.replay", path=request.url.path)
    try:
        first = await seen.answer(mark)
        if first:
            return first
        if request.url.path in PROMPT_PATHS and call_sid:
            calls: CallState = request.app.state.calls
            prompt = await calls.last_prompt(call_sid)
            if prompt:
                return prompt
    except RedisError:
        log.warning("twilio.replay_answer_unavailable", reason="redis")
    return twiml.empty()


async def remember(
    request: Request, seen: SeenRequests, mark: str, call_sid: str, response: Response
) -> None:
    """Keep the answer for Twilio's retries, and a prompt as the call's last prompt."""
    if response.status_code != 200 or response.media_type != MEDIA_TYPE:
        return
    document = bytes(response.body).decode("utf-8")
    try:
        await seen.remember_answer(mark, document)
        if request.url.path in PROMPT_PATHS and call_sid and twiml.is_prompt(document):
            calls: CallState = request.app.state.calls
            await calls.save_prompt(call_sid, document)
    except RedisError:
        log.warning("twilio.answer_not_kept", reason="redis")


class TwilioRoute(APIRoute):
    """A route of the phone router: the webhook runs only for a signed, new request."""

    def get_route_handler(self) -> Handler:
        handle = super().get_route_handler()

        async def gate(request: Request) -> Response:
            try:
                signed = await signed_request(request)
            except HTTPException as exc:  # a body over the framework's own limit
                return await refusal(request, exc.status_code)
            if signed is None:
                return await refusal(request, 403)
            return await once(handle, request, signed)

        return gate


async def once(handle: Handler, request: Request, signed: SignedRequest) -> Response:
    request.state.twilio_request = signed
    seen = seen_requests(request)
    mark = fingerprint(signed.signature, signed.url, signed.params)
    call_sid = signed.params.get("CallSid", "")
    try:
        first = await seen.first_time(mark)
    except RedisError:
        log.warning("twilio.replay_check_failed", reason="redis")
        first = True  # the caller is helped; the webhooks themselves cope with Redis down
    if not first:
        return xml(await replayed(request, seen, mark, call_sid))
    try:
        response = await handle(request)
    except RequestValidationError:
        response = await refusal(request, 422)
    except HTTPException as exc:
        response = await refusal(request, exc.status_code)
    except Exception:  # the caller must hear something, never Twilio's error message
        log.exception("twilio.webhook_failed", path=request.url.path)
        response = await failed(request)
    await remember(request, seen, mark, call_sid, response)  # a retry hears the same
    return response
