"""The pub/sub bus that wakes long-polls and provider reads: in-process or Redis.

A waiter subscribes to a channel *before* it reads the state it waits on, so a message
published between the read and the wait is never lost. Messages are hints ("look again"), not
data: a waiter always re-reads the database, so a lost or duplicated message costs at most a
bounded wait, never a wrong answer.

Each message is stamped (`time.monotonic()`) when it reaches this process; after a wait,
`Subscription.woken_at` says when the message it returned arrived, so a read shared by many
waiters (`single_flight`) is only reused by those woken before that read began.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from typing import Protocol

Stamped = tuple[float, str]
"""A message and when it reached this process (`time.monotonic()` seconds)."""


class Subscription(Protocol):
    woken_at: float
    """When the message that the last `wait` returned reached this process (`time.monotonic()`)."""

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
    def __init__(self, queue: asyncio.Queue[Stamped]) -> None:
        self._queue = queue
        self.woken_at = 0.0

    async def wait(self, seconds: float) -> str | None:
        if not self._queue.empty():
            self.woken_at, message = self._queue.get_nowait()
            return message
        if seconds <= 0:
            return None
        try:
            async with asyncio.timeout(seconds):  # not wait_for: that starts a task per wait
                self.woken_at, message = await self._queue.get()
        except TimeoutError:
            return None
        return message


class LocalWaiters:
    """This process's waiters by channel: a queue each, removed when its wait ends.

    Both buses deliver through it: the in-process bus directly, the Redis bus from its reader.
    """

    def __init__(self) -> None:
        self._queues: defaultdict[str, set[asyncio.Queue[Stamped]]] = defaultdict(set)

    @contextlib.contextmanager
    def waiting(self, channel: str) -> Iterator[asyncio.Queue[Stamped]]:
        queue: asyncio.Queue[Stamped] = asyncio.Queue()
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
        stamped = (time.monotonic(), message)
        for queue in list(self._queues.get(channel, ())):
            queue.put_nowait(stamped)

    def broadcast(self, message: str) -> None:
        stamped = (time.monotonic(), message)
        for queues in list(self._queues.values()):
            for queue in list(queues):
                queue.put_nowait(stamped)

    def clear(self) -> None:
        self._queues.clear()

    def __len__(self) -> int:
        return len(self._queues)


class MemoryBus:
    """The embedded default: delivery within one process, by asyncio queues."""

    local = True  # publishing cannot hang (realtime.emit.is_local)

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
