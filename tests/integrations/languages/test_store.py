"""The conversation's language in Redis: Dutch when nothing is kept, kept when it changes,
expiring with the conversation, unchanged by a button, erased on request."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from integrations.languages.detection import shared_reader
from integrations.languages.store import KEY_PREFIX, ConversationLanguages
from integrations.redis_client import redis_client

TTL = 600


@pytest.fixture
def with_store(
    redis_url: str,
) -> Callable[[Callable[[ConversationLanguages, Any], Awaitable[None]]], None]:
    def run(work: Callable[[ConversationLanguages, Any], Awaitable[None]]) -> None:
        async def main() -> None:
            client = redis_client(redis_url, 5)
            try:
                await work(ConversationLanguages(shared_reader(), client, TTL), client)
            finally:
                await client.aclose()

        asyncio.run(main())

    return run


def test_a_conversation_is_dutch_until_another_language_is_clear(with_store: Any) -> None:
    async def work(store: ConversationLanguages, redis: Any) -> None:
        sid = "test-language-1"
        assert await store.of(sid) == "nl"
        assert await store.heard(sid, "help") == "nl"
        assert not await redis.exists(KEY_PREFIX + sid)  # Dutch is not even kept
        assert await store.heard(sid, "hello I need help with my bills") == "en"
        assert 0 < await redis.ttl(KEY_PREFIX + sid) <= TTL
        assert await store.heard(sid, "/ask_person") == "en"  # a button says nothing
        assert await store.heard(sid, "ok") == "en"
        assert await store.of(sid) == "en"
        await store.erase(sid)
        assert await store.of(sid) == "nl"

    with_store(work)


def test_an_unknown_value_in_redis_counts_as_dutch(with_store: Any) -> None:
    async def work(store: ConversationLanguages, redis: Any) -> None:
        await redis.set(KEY_PREFIX + "test-language-2", "xx", ex=TTL)
        assert await store.of("test-language-2") == "nl"

    with_store(work)
