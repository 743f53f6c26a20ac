"""Rasa's callback NLG, sending only what the gateway uses: the slots and the channel.

Rasa's own callback sends the whole tracker with every event of the conversation for each
response, so a turn gets slower as the conversation grows, on both sides. The gateway's NLG
endpoint (integrations/nlg/router.py) reads the response name, its arguments, the slots and
the channel of the latest message; nothing else is sent.
"""

from typing import Any

from rasa.core.nlg.callback import nlg_response_format_spec
from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

from bot.speedups import checked_once, first_error

REQUEST_TIMEOUT_SECONDS = 10


def lean_request(
    response: str, tracker: DialogueStateTracker, channel: str, arguments: dict[str, Any]
) -> dict[str, Any]:
    latest = tracker.latest_message
    return {
        "response": response,
        "arguments": arguments,
        "tracker": {
            "sender_id": tracker.sender_id,
            "slots": tracker.current_slot_values(),
            "latest_message": {"metadata": (latest.metadata if latest else None) or {}},
        },
        "channel": {"name": channel},
    }


class LeanCallbackNLG(NaturalLanguageGenerator):
    def __init__(self, endpoint_config: EndpointConfig, domain: Domain | None = None) -> None:
        self.nlg_endpoint = endpoint_config
        # Rasa's callback checks its schema itself against the metaschema on every response;
        # here that is done once, and every response is still checked against the schema.
        self.response_schema = checked_once(nlg_response_format_spec())

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        kwargs.pop("domain_responses", None)
        body = lean_request(utter_action, tracker, output_channel, kwargs)
        response = await self.nlg_endpoint.request(
            method="post", json=body, timeout=REQUEST_TIMEOUT_SECONDS
        )
        if not isinstance(response, dict):
            raise RasaException("NLG web endpoint returned an invalid response.")
        error = first_error(self.response_schema, response)
        if error is not None:
            raise RasaException(f"{error.message}. Failed to validate NLG response from API.")
        return response
