"""One read per key for every caller woken at the same moment: the wake of N waiters costs one read.

A published message wakes every waiter of its channel in this process at once. Each used to
re-read the database on its own, one after another on the event loop (~1 ms each), so the last
of 1,000 waiters answered a second after the first. Here the waiters of one key that need a
read share it: the first starts it, the others await the same result.

The rule that keeps the answer fresh: a caller passes `after`, the moment (on `clock`) its wake
arrived; it joins a read only if that read started strictly later, since a read that began
before the wake may not see the change the wake announced. Otherwise it starts a new one, which
later callers join instead. A failed read fails every caller that shared it and is forgotten,
so the next wake reads again. A read runs as a task of its own: a caller that is cancelled (its
client left) stops waiting for it but does not cancel it for the others.

Per process: with several replicas each does its own one read per wake.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine, Hashable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class _Flight(Generic[V]):
    started: float
    task: asyncio.Task[V]


def _consume(task: asyncio.Task[V]) -> None:
    """Mark the outcome as seen: a read whose every caller left must not be logged as unretrieved."""
    if not task.cancelled():
        task.exception()


@dataclass
class SingleFlight(Generic[K, V]):
    """Reads in flight by key; at most one read per key is joined by new callers at a time."""

    clock: Callable[[], float] = time.monotonic
    """The clock of `after` (monotonic seconds): the buses stamp wakes with `time.monotonic`."""
    _flights: dict[K, _Flight[V]] = field(default_factory=dict)
    reads: int = 0
    """Reads started since this object was made (tests count them)."""

    async def read(self, key: K, after: float, fetch: Callable[[], Coroutine[Any, Any, V]]) -> V:
        """The result of a `fetch()` for `key` that started after `after`: a running one or a new one."""
        flight = self._flights.get(key)
        if flight is None or flight.started <= after:
            flight = self._start(key, fetch)
        return await asyncio.shield(flight.task)

    def _start(self, key: K, fetch: Callable[[], Coroutine[Any, Any, V]]) -> _Flight[V]:
        flight = _Flight(self.clock(), asyncio.get_running_loop().create_task(fetch()))
        self.reads += 1
        self._flights[key] = flight

        def done(task: asyncio.Task[V]) -> None:
            _consume(task)
            if self._flights.get(key) is flight:  # a newer read may have replaced this one meanwhile
                del self._flights[key]

        flight.task.add_done_callback(done)
        return flight

    def __len__(self) -> int:
        """Keys with a read in flight (tests check that finished reads are forgotten)."""
        return len(self._flights)
