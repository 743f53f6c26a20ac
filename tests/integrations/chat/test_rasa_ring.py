"""Each conversation has its own Rasa server, the same one in every gateway; the next on failure."""

import pytest

from integrations.chat.rasa_ring import RasaRing

SERVERS = ["http://rasa-1:5005", "http://rasa-2:5005", "http://rasa-3:5005"]
CONVERSATIONS = [f"conversation-{n}" for n in range(600)]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_every_gateway_sends_a_conversation_to_the_same_server() -> None:
    one, other = RasaRing(SERVERS), RasaRing(list(reversed(SERVERS)))
    assert all(one.order(c) == other.order(c) for c in CONVERSATIONS)
    assert all(sorted(one.order(c)) == sorted(SERVERS) for c in CONVERSATIONS)


def test_conversations_are_spread_over_the_servers() -> None:
    ring = RasaRing(SERVERS)
    counts = {server: 0 for server in SERVERS}
    for conversation in CONVERSATIONS:
        counts[ring.order(conversation)[0]] += 1
    assert all(150 <= count <= 250 for count in counts.values()), counts


def test_removing_a_server_moves_only_its_own_conversations() -> None:
    before, after = RasaRing(SERVERS), RasaRing(SERVERS[:2])
    for conversation in CONVERSATIONS:
        first = before.order(conversation)[0]
        if first != SERVERS[2]:
            assert after.order(conversation)[0] == first
        else:
            assert after.order(conversation)[0] == before.order(conversation)[1]


def test_a_failed_server_is_passed_over_for_a_while_then_tried_again() -> None:
    clock = Clock()
    ring = RasaRing(SERVERS, rest_seconds=5, clock=clock)
    conversation = CONVERSATIONS[0]
    usual = ring.order(conversation)
    ring.failed(usual[0])
    assert ring.order(conversation) == [*usual[1:], usual[0]]
    clock.now += 5.1
    assert ring.order(conversation) == usual
    ring.failed(usual[0])
    ring.answered(usual[0])
    assert ring.order(conversation) == usual


def test_when_every_server_failed_the_usual_order_stays() -> None:
    ring = RasaRing(SERVERS, clock=Clock())
    usual = ring.order(CONVERSATIONS[1])
    for server in SERVERS:
        ring.failed(server)
    assert ring.order(CONVERSATIONS[1]) == usual


def test_one_server_and_trailing_slashes() -> None:
    assert RasaRing(["http://rasa:5005/", "http://rasa:5005/"]).order("x") == ["http://rasa:5005"]
    with pytest.raises(ValueError):
        RasaRing([])
