"""Rasa's Redis tracker store and lock store, without blocking the event loop.

Rasa 3.6's `RedisTrackerStore` and `RedisLockStore` call Redis with the synchronous client
inside the async request handlers: while one worker waits for Redis, none of its other
conversations move. These two keep Rasa's keys and formats (a tracker written by one is read
by the other, so a rolling change is safe) and talk to Redis with `redis.asyncio`.

The lock store also changes a lock in one Redis transaction (WATCH/MULTI): Rasa's own store
reads a conversation's lock, changes it in Python and writes it back, so two processes that
take a ticket at the same moment can both get the same one. Routing each conversation to one
Rasa server (integrations/chat/rasa_ring.py) keeps that rare; the transaction closes it.

Chosen in bot/endpoints.yml (`type: bot.stores.AsyncRedisTrackerStore`, ...).
"""

import asyncio
import json
import logging
from collections.abc import AsyncGenerator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any

import redis.asyncio as aioredis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import (
    DEFAULT_SOCKET_TIMEOUT_IN_SECONDS,
    LOCK_LIFETIME,
    LockError,
    RedisLockStore,
)
from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.trackers import (
    DialogueStateTracker,
    get_trackers_for_conversation_sessions,
)
from rasa.utils.endpoints import EndpointConfig
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError

logger = logging.getLogger(__name__)


def async_client(
    host: str,
    port: int,
    db: int,
    password: str | None,
    username: str | None = None,
    socket_timeout: float | None = None,
    decode_responses: bool = False,
) -> "aioredis.Redis[Any]":
    return aioredis.Redis(
        host=host,
        port=int(port),
        db=int(db),
        username=username or None,
        password=password or None,
        socket_timeout=socket_timeout,
        decode_responses=decode_responses,
        # After a Redis restart a pooled connection is closed: the command is sent once more on
        # a new one (Rasa's synchronous client reconnected on its own). A transaction on a lost
        # connection raises WatchError and is done again from the start (`_change`).
        retry=Retry(NoBackoff(), 1),
        retry_on_error=[RedisConnectionError],
    )


class AsyncRedisTrackerStore(RedisTrackerStore):
    """`RedisTrackerStore` on `redis.asyncio`: the same keys, the same serialised trackers."""

    def __init__(
        self,
        domain: Any,
        host: str = "localhost",
        port: int = 6379,
        db: int = 0,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            domain, host=host, port=port, db=db, username=username, password=password, **kwargs
        )
        self.aio = async_client(host, port, db, password, username, decode_responses=True)

    async def save(self, tracker: DialogueStateTracker, timeout: float | None = None) -> None:
        await self.stream_events(tracker)
        if not timeout and self.record_exp:
            timeout = self.record_exp
        key = self.key_prefix + tracker.sender_id
        stored = await self.aio.get(key)
        if stored is not None:
            prior = self.deserialise_tracker(tracker.sender_id, stored)
            if prior is not None:
                tracker = self._merge_trackers(prior, tracker)
        await self.aio.set(key, self.serialise_tracker(tracker), ex=timeout)

    async def _retrieve(
        self, sender_id: str, fetch_all_sessions: bool
    ) -> DialogueStateTracker | None:
        stored = await self.aio.get(self.key_prefix + sender_id)
        if stored is None:
            return None
        tracker = self.deserialise_tracker(sender_id, stored)
        if tracker is None or fetch_all_sessions:
            return tracker
        sessions = get_trackers_for_conversation_sessions(tracker)
        return tracker if len(sessions) <= 1 else sessions[-1]

    async def keys(self) -> Iterable[str]:
        return [key async for key in self.aio.scan_iter(self.key_prefix + "*")]


class AsyncRedisLockStore(RedisLockStore):
    """`RedisLockStore` on `redis.asyncio`, each change of a lock one transaction."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        kwargs = dict(endpoint_config.kwargs)
        host = endpoint_config.url or "localhost"
        socket_timeout = float(kwargs.pop("socket_timeout", DEFAULT_SOCKET_TIMEOUT_IN_SECONDS))
        port, db = int(kwargs.get("port", 6379)), int(kwargs.get("db", 1))
        password, username = kwargs.get("password"), kwargs.get("username")
        super().__init__(
            host=host,
            port=port,
            db=db,
            username=username,
            password=password,
            key_prefix=kwargs.get("key_prefix"),
            socket_timeout=socket_timeout,
        )
        self.aio = async_client(host, port, db, password, username, socket_timeout)

    async def _change(
        self, conversation_id: str, change: Callable[[TicketLock | None], TicketLock | None]
    ) -> TicketLock | None:
        """Read the lock, change it, write it (or delete it when `change` gives None), as
        one transaction: retried when another process changed the lock in between, and on a
        new connection when Redis closed this one (a restart)."""
        key = self.key_prefix + conversation_id
        lost_connections = 0
        async with self.aio.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(key)
                    raw = await pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    changed = change(lock)
                    pipe.multi()
                    if changed is None:
                        pipe.delete(key)
                    else:
                        pipe.set(key, changed.dumps())
                    await pipe.execute()
                    return changed
                except aioredis.WatchError:
                    continue
                except RedisConnectionError:
                    lost_connections += 1
                    if lost_connections > 2:
                        raise
                    await pipe.reset()

    async def _read(self, conversation_id: str) -> TicketLock | None:
        raw = await self.aio.get(self.key_prefix + conversation_id)
        return TicketLock.from_dict(json.loads(raw)) if raw else None

    async def _issue_ticket(self, conversation_id: str, lock_lifetime: float) -> int:
        tickets: list[int] = []

        def issue(lock: TicketLock | None) -> TicketLock:
            lock = lock or TicketLock(conversation_id)
            tickets.append(lock.issue_ticket(lock_lifetime))
            return lock

        try:
            await self._change(conversation_id, issue)
        except Exception as error:  # Rasa's own store turns every failure into a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
        return tickets[-1]

    async def _finish(self, conversation_id: str, ticket: int) -> None:
        def finish(lock: TicketLock | None) -> TicketLock | None:
            if lock is None:
                return None
            lock.remove_ticket_for(ticket)
            return lock if lock.is_someone_waiting() else None

        await self._change(conversation_id, finish)

    async def _remove_expired(self, conversation_id: str) -> None:
        def remove_expired(lock: TicketLock | None) -> TicketLock | None:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock

        await self._change(conversation_id, remove_expired)

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncGenerator[TicketLock, None]:
        """Rasa's ticket lock: first come, first served, per conversation."""
        ticket = await self._issue_ticket(conversation_id, lock_lifetime)
        try:
            while True:
                lock = await self._read(conversation_id)
                if lock is None:
                    raise LockError(
                        f"Could not acquire lock for conversation_id '{conversation_id}'."
                    )
                if not lock.is_locked(ticket):
                    break
                # Rasa waits a whole second; a turn of this assistant takes far less.
                await asyncio.sleep(min(wait_time_in_seconds, 0.05))
                await self._remove_expired(conversation_id)
            yield lock
        finally:
            await self._finish(conversation_id, ticket)
