"""The conversation's language in Redis, and reading each message into it.

Owner of `language:{conversation id}`: the language the conversation is answered in (absent:
Dutch). It expires with the conversation and is erased with it.
"""

from contextlib import suppress

from redis.asyncio import Redis
from redis.exceptions import RedisError

from integrations.languages.decision import (
    CONVERSATION_LANGUAGES,
    answer_language,
    conversation_language,
)
from integrations.languages.detection import DUTCH, LanguageReader
from integrations.redis_client import as_text

KEY_PREFIX = "language:"


class ConversationLanguages:
    """Each message read for its language, the conversation's language kept."""

    def __init__(self, reader: LanguageReader, redis: Redis, ttl_seconds: int) -> None:
        self._reader = reader
        self._redis = redis
        self._ttl = ttl_seconds

    async def of(self, conversation_id: str) -> str:
        """The conversation's language; Dutch when none is kept or Redis cannot be reached."""
        try:
            raw = await self._redis.get(KEY_PREFIX + conversation_id)
        except RedisError:
            return DUTCH
        language = as_text(raw) if raw else DUTCH
        return language if language in CONVERSATION_LANGUAGES else DUTCH

    async def spoken(self, conversation_id: str) -> str:
        """The language the texts are said in for this conversation (decision.answer_language)."""
        return answer_language(await self.of(conversation_id))

    async def heard(self, conversation_id: str, message: str) -> str:
        """The language to answer `message` in, kept for the next turns. A button (a payload
        that starts with "/") says nothing about the language."""
        previous = await self.of(conversation_id)
        if message.startswith("/"):
            return previous
        language = conversation_language(previous, message, self._reader.read(message))
        if language != previous:
            # When Redis fails, this turn is still answered in its language.
            with suppress(RedisError):
                await self._redis.set(KEY_PREFIX + conversation_id, language, ex=self._ttl)
        elif language != DUTCH:
            with suppress(RedisError):
                await self._redis.expire(KEY_PREFIX + conversation_id, self._ttl)
        return language

    async def erase(self, conversation_id: str) -> None:
        await self._redis.delete(KEY_PREFIX + conversation_id)
