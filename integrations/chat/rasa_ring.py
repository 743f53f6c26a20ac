"""Which Rasa server answers a conversation: one server per conversation, the next on failure.

Rasa keeps a conversation's tracker in Redis, so any Rasa server can continue it; but a turn
must be handled by one server at a time, and Rasa's lock per conversation was made for the
workers of one server. Each conversation therefore has its own order of the servers
(rendezvous hashing: highest hash of conversation id and server first). Every gateway computes
the same order without talking to the others, and when a server is added or removed only the
conversations of that server move. A server that did not accept a connection is passed over for
`rest_seconds`, then tried again; when every server was passed over, the order stays as it is.
"""

import hashlib
import time
from collections.abc import Callable, Sequence


def weight(conversation_id: str, server: str) -> int:
    digest = hashlib.blake2b(f"{server}\n{conversation_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


class RasaRing:
    def __init__(
        self,
        servers: Sequence[str],
        rest_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not servers:
            raise ValueError("at least one Rasa server is needed")
        self.servers = list(dict.fromkeys(server.rstrip("/") for server in servers))
        self._rest_seconds = rest_seconds
        self._clock = clock
        self._resting_until: dict[str, float] = {}

    def order(self, conversation_id: str) -> list[str]:
        """The servers for this conversation, the one that should answer first."""
        ranked = sorted(self.servers, key=lambda s: weight(conversation_id, s), reverse=True)
        now = self._clock()
        awake = [s for s in ranked if self._resting_until.get(s, 0.0) <= now]
        return awake + [s for s in ranked if s not in awake]

    def failed(self, server: str) -> None:
        """The server did not accept a connection: pass it over for a while."""
        self._resting_until[server] = self._clock() + self._rest_seconds

    def answered(self, server: str) -> None:
        self._resting_until.pop(server, None)
