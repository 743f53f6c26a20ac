"""Rasa's conversation record in Redis (its RedisTrackerStore, default key prefix).

Rasa owns these keys; the gateway only deletes one for the right to erasure.
"""

from redis.asyncio import Redis

RASA_TRACKER_PREFIX = "tracker:"


async def erase_tracker(redis: Redis, sender_id: str) -> None:
    await redis.delete(RASA_TRACKER_PREFIX + sender_id)
