"""At most one delivery per key per window; within a window the last value wins.

A worker may report progress a thousand times a second; the room hears of it at most once per
window (100 ms by default), and the database is written as often. A value that arrives inside
the window is held and delivered at the window's end, so the last report is never lost.

Per process: with several replicas, each coalesces the reports it receives.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
Flush = Callable[[Any, Any], Awaitable[None]]
KEPT_KEYS = 10_000


@dataclass
class _Window(Generic[V]):
    last: float
    held: V | None = None
    flush: Flush | None = None
    timer: asyncio.TimerHandle | None = None


@dataclass
class Coalescer(Generic[K, V]):
    window_seconds: float
    clock: Callable[[], float] = time.monotonic
    _windows: dict[K, _Window[V]] = field(default_factory=dict)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    async def submit(self, key: K, value: V, flush: Flush) -> bool:
        """Deliver `value` now (True) or at the end of the key's window (False)."""
        now = self.clock()
        window = self._windows.get(key)
        if window is None or (window.timer is None and now - window.last >= self.window_seconds):
            if len(self._windows) > KEPT_KEYS:
                self._forget_idle(now)
            self._windows[key] = _Window(last=now)
            await flush(key, value)
            return True
        window.held, window.flush = value, flush
        if window.timer is None:
            delay = max(0.0, window.last + self.window_seconds - now)
            window.timer = asyncio.get_running_loop().call_later(delay, self._due, key)
        return False

    def _due(self, key: K) -> None:
        window = self._windows.get(key)
        if window is None or window.flush is None:
            return
        value, flush = window.held, window.flush
        window.held, window.flush, window.timer, window.last = None, None, None, self.clock()
        task = asyncio.get_running_loop().create_task(self._deliver(key, value, flush))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _deliver(self, key: K, value: Any, flush: Flush) -> None:
        try:
            await flush(key, value)
        except Exception:  # a held value is a hint; the next report delivers again
            log.exception("could not deliver the held value of %s", key)

    def _forget_idle(self, now: float) -> None:
        self._windows = {
            key: w for key, w in self._windows.items() if w.timer is not None or now - w.last < self.window_seconds
        }

    async def drain(self) -> None:
        """Deliver what is held now (shutdown)."""
        for key, window in list(self._windows.items()):
            if window.timer is not None:
                window.timer.cancel()
                self._due(key)
        if self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
