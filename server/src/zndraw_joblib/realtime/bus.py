"""The pub/sub bus that wakes long-polls and provider reads: in-process or Redis.

A waiter subscribes to a channel *before* it reads the state it waits on, so a message
published between the read and the wait is never lost. Messages are hints ("look again"): a lost
or duplicated message costs at most a bounded wait, never a wrong answer. One kind may carry
data: the wake-up of a task that reached a terminal state carries the task's view as JSON
(`with_answer`, up to `ANSWER_LIMIT`), since a terminal task never changes again; its waiters
answer with it instead of reading the database, each reply the same bytes.

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
from dataclasses import dataclass
from typing import Protocol

ANSWER_LIMIT = 64 * 1024
"""Largest answer (characters of JSON) a wake-up carries; the waiters of a bigger one read it."""


def with_answer(hint: str, answer: str) -> str:
    """The message of a wake-up that carries its waiters' answer, when that is small enough."""
    return f"{hint}\n{answer}" if len(answer) <= ANSWER_LIMIT else hint


@dataclass(frozen=True, slots=True)
class Stamped:
    """A message as it reached this process: split once for all its local waiters."""

    at: float
    """When it arrived (`time.monotonic()` seconds)."""
    hint: str
    answer: bytes | None
    """The answer it carries (`with_answer`), encoded, or None."""

    @classmethod
    def now(cls, message: str) -> Stamped:
        hint, carries, answer = message.partition("\n")
        return cls(time.monotonic(), hint, answer.encode() if carries else None)


class Subscription(Protocol):
    woken_at: float
    """When the message that the last `wait` returned reached this process (`time.monotonic()`)."""
    answer: bytes | None
    """The answer that message carried (`with_answer`), or None: then read the state."""

    async def wait(self, seconds: float) -> str | None:
        """The next message, or None when `seconds` pass first."""
        ...


class Bus(Protocol):
    async def start(self) -> None:
        """Connect (Redis); a no-op in-process."""
        ...

    async def publish(self, channel: str, message: str) -> None: ...

    def subscribe(self, channel: str) -> contextlib.AbstractAsyncContextManager[Subscription]: ...

    def listens(self, channel: str) -> bool:
        """Whether a waiter anywhere may hear `channel` (False only when that is known: in process,
        no local waiter), so a wake-up's answer is built only when someone may use it."""
        ...

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


class QueueSubscription:
    """Waits on this process's queue of one channel (both buses deliver into such queues)."""

    def __init__(self, queue: asyncio.Queue[Stamped]) -> None:
        self._queue = queue
        self.woken_at = 0.0
        self.answer: bytes | None = None

    async def wait(self, seconds: float) -> str | None:
        if not self._queue.empty():
            return self.took(self._queue.get_nowait())
        if seconds <= 0:
            return None
        try:
            async with asyncio.timeout(seconds):  # not wait_for: that starts a task per wait
                stamped = await self._queue.get()
        except TimeoutError:
            return None
        return self.took(stamped)

    def took(self, stamped: Stamped) -> str:
        """Remember when the message came and what it carried; its hint."""
        self.woken_at, self.answer = stamped.at, stamped.answer
        return stamped.hint


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

    def listens(self, channel: str) -> bool:
        return channel in self._queues

    def deliver(self, channel: str, message: str) -> None:
        queues = self._queues.get(channel)
        if not queues:
            return
        stamped = Stamped.now(message)
        for queue in list(queues):
            queue.put_nowait(stamped)

    def broadcast(self, message: str) -> None:
        stamped = Stamped.now(message)
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

    def listens(self, channel: str) -> bool:
        return self._waiters.listens(channel)

    @contextlib.asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[Subscription]:
        with self._waiters.waiting(channel) as queue:
            yield QueueSubscription(queue)

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
