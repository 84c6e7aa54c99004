"""The progress reporter of a `JobManager`: one thread sends the latest report of each task.

`ClaimedTask.progress` only records the report and wakes this thread, so reporting never blocks
an extension (sync or async). The thread sends each task's latest report at most every
`interval` seconds; a report that finds the task no longer running (409) marks it cancelled
when it was cancelled, which a worker without Socket.IO otherwise learns only at its end.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any
from uuid import UUID

from . import errors

log = logging.getLogger(__name__)

INTERVAL_DEFAULT = 0.1
"""Seconds between two reports of one task (the server announces at most ten a second too)."""

Send = Callable[[UUID, dict[str, Any]], None]


class ProgressReporter:
    def __init__(self, send: Send, *, on_ended: Callable[[UUID], None], interval: float = INTERVAL_DEFAULT) -> None:
        self._send = send
        self._on_ended = on_ended
        self.interval = interval
        self._lock = threading.Lock()
        self._latest: dict[UUID, dict[str, Any]] = {}
        self._last_sent: dict[UUID, float] = {}
        self._wake = threading.Event()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def report(self, task_id: UUID, values: dict[str, Any]) -> None:
        with self._lock:
            self._latest[task_id] = values
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="zndraw-joblib-progress", daemon=True)
                self._thread.start()
        self._wake.set()

    def forget(self, task_id: UUID) -> None:
        """The task ended: drop a report still waiting (it would answer 409)."""
        with self._lock:
            self._latest.pop(task_id, None)
            self._last_sent.pop(task_id, None)

    def _run(self) -> None:
        while not self._stopped.is_set():
            self._wake.wait()
            self._wake.clear()
            while True:
                due, wait = self._next_due()
                if due is None:
                    if wait is None:
                        break
                    if self._stopped.wait(wait):
                        return
                    continue
                task_id, values = due
                self._deliver(task_id, values)

    def _next_due(self) -> tuple[tuple[UUID, dict[str, Any]] | None, float | None]:
        now = time.monotonic()
        with self._lock:
            waits = []
            for task_id, values in self._latest.items():
                ready = self._last_sent.get(task_id, 0.0) + self.interval
                if ready <= now:
                    del self._latest[task_id]
                    self._last_sent[task_id] = now
                    return (task_id, values), None
                waits.append(ready - now)
        return None, (min(waits) if waits else None)

    def _deliver(self, task_id: UUID, values: dict[str, Any]) -> None:
        try:
            self._send(task_id, values)
        except errors.InvalidTaskTransition:
            self.forget(task_id)
            self._on_ended(task_id)
        except errors.JobLibError as exc:  # progress is a hint: never stop the work for it
            log.debug("progress of task %s not sent: %s", task_id, exc)

    def stop(self) -> None:
        self._stopped.set()
        self._wake.set()
