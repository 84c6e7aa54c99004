"""The pub/sub bus that wakes long-polls and provider reads: in-process or Redis.

A waiter subscribes to a channel *before* it reads the state it waits on, so a message
published between the read and the wait is never lost. Messages are hints ("look again"), not
data: a waiter always re-reads the database, so a lost or duplicated message costs at most a
bounded wait, never a wrong answer.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict
from collections.abc import AsyncIterator
from typing import Protocol


class Subscription(Protocol):
    async def wait(self, seconds: float) -> str | None:
        """The next message, or None when `seconds` pass first."""
        ...


class Bus(Protocol):
    async def start(self) -> None:
        """Connect (Redis); a no-op in-process."""
        ...

    async def publish(self, channel: str, message: str) -> None: ...

    def subscribe(self, channel: str) -> contextlib.AbstractAsyncContextManager[Subscription]: ...

    async def ping(self) -> bool:
        """Whether the bus can deliver right now (readiness)."""
        ...

    async def close(self) -> None: ...

    @property
    def channel_count(self) -> int:
        """Channels with at least one local waiter (tests check that waiters clean up)."""
        ...


class _QueueSubscription:
    def __init__(self, queue: asyncio.Queue[str]) -> None:
        self._queue = queue

    async def wait(self, seconds: float) -> str | None:
        if not self._queue.empty():
            return self._queue.get_nowait()
        if seconds <= 0:
            return None
        try:
            return await asyncio.wait_for(self._queue.get(), seconds)
        except TimeoutError:
            return None


class MemoryBus:
    """The embedded default: delivery within one process, by asyncio queues."""

    def __init__(self) -> None:
        self._subscribers: defaultdict[str, set[asyncio.Queue[str]]] = defaultdict(set)

    async def start(self) -> None:
        return None

    async def publish(self, channel: str, message: str) -> None:
        for queue in list(self._subscribers.get(channel, ())):
            queue.put_nowait(message)

    @contextlib.asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[Subscription]:
        queue: asyncio.Queue[str] = asyncio.Queue()
        self._subscribers[channel].add(queue)
        try:
            yield _QueueSubscription(queue)
        finally:
            subscribers = self._subscribers.get(channel)
            if subscribers is not None:
                subscribers.discard(queue)
                if not subscribers:
                    del self._subscribers[channel]

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        self._subscribers.clear()

    @property
    def channel_count(self) -> int:
        """Channels with at least one subscriber (tests check that waiters clean up)."""
        return len(self._subscribers)


def task_channel(task_id: object) -> str:
    return f"task:{task_id}"


def provider_result_channel(provider_id: object, request_hash: str) -> str:
    return f"provider-result:{provider_id}:{request_hash}"
