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
from collections.abc import AsyncIterator, Iterator
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

    def wake_all(self, message: str) -> None:
        """Hand `message` to every waiter of this process now (shutdown)."""
        ...

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


class LocalWaiters:
    """This process's waiters by channel: a queue each, removed when its wait ends.

    Both buses deliver through it: the in-process bus directly, the Redis bus from its reader.
    """

    def __init__(self) -> None:
        self._queues: defaultdict[str, set[asyncio.Queue[str]]] = defaultdict(set)

    @contextlib.contextmanager
    def waiting(self, channel: str) -> Iterator[asyncio.Queue[str]]:
        queue: asyncio.Queue[str] = asyncio.Queue()
        self._queues[channel].add(queue)
        try:
            yield queue
        finally:
            queues = self._queues.get(channel)
            if queues is not None:
                queues.discard(queue)
                if not queues:
                    del self._queues[channel]

    def deliver(self, channel: str, message: str) -> None:
        for queue in list(self._queues.get(channel, ())):
            queue.put_nowait(message)

    def broadcast(self, message: str) -> None:
        for queues in list(self._queues.values()):
            for queue in list(queues):
                queue.put_nowait(message)

    def clear(self) -> None:
        self._queues.clear()

    def __len__(self) -> int:
        return len(self._queues)


class MemoryBus:
    """The embedded default: delivery within one process, by asyncio queues."""

    def __init__(self) -> None:
        self._waiters = LocalWaiters()

    async def start(self) -> None:
        return None

    async def publish(self, channel: str, message: str) -> None:
        self._waiters.deliver(channel, message)

    @contextlib.asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[Subscription]:
        with self._waiters.waiting(channel) as queue:
            yield _QueueSubscription(queue)

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        self._waiters.clear()

    def wake_all(self, message: str) -> None:
        self._waiters.broadcast(message)

    @property
    def channel_count(self) -> int:
        """Channels with at least one subscriber (tests check that waiters clean up)."""
        return len(self._waiters)


def task_channel(task_id: object) -> str:
    return f"task:{task_id}"


def provider_result_channel(provider_id: object, request_hash: str) -> str:
    return f"provider-result:{provider_id}:{request_hash}"
