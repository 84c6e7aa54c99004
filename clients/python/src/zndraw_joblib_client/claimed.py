"""`ClaimedTask`: a task this worker claimed, with its parameters already validated.

A running task learns from it whether it was cancelled (`cancelled`, set when the server says
`task_cancelled`, or when a progress report finds the task cancelled) and reports how far it is
(`progress(...)`: never blocks, sends at most ten reports a second, the last one always).
`current_task()` gives the task the calling thread is running (in auto-serve), so an
extension's `run` can reach it whatever `ctx` its worker passes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from uuid import UUID

from .extension import Extension

E = TypeVar("E", bound=Extension)

Report = Callable[[UUID, dict[str, Any]], None]
"""Hands a progress report to the manager's reporter (which sends it)."""

_running = threading.local()


@dataclass(frozen=True)
class ClaimedTask(Generic[E]):
    """A claimed task: which job, which room, and the extension instance built from the payload.

    Pass it to `JobManager.start/complete/fail/cancel`, or run it with `run(ctx)`.
    """

    task_id: UUID
    job_name: str
    room_id: str
    extension: E
    run_kwargs: Mapping[str, Any] = field(default_factory=dict)
    attempt: int = 1
    cancelled: threading.Event = field(default_factory=threading.Event, compare=False, repr=False)
    """Set once the task was cancelled: the extension should stop (the server has ended it)."""
    report: Report | None = field(default=None, compare=False, repr=False)

    def run(self, ctx: Any = None) -> Any:
        """`extension.run(ctx, **run_kwargs)`, with `current_task()` set to this task."""
        previous = getattr(_running, "task", None)
        _running.task = self
        try:
            return self.extension.run(ctx, **self.run_kwargs)
        finally:
            _running.task = previous

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled.is_set()

    def progress(
        self,
        fraction: float | None = None,
        *,
        current: int | None = None,
        total: int | None = None,
        message: str | None = None,
    ) -> None:
        """Report how far the task is (a fraction 0..1, steps `current` of `total`, a message).

        Returns at once, from any thread or event loop; reports faster than ten a second are
        coalesced, the last one is always sent.
        """
        values = {"fraction": fraction, "current": current, "total": total, "message": message}
        given = {key: value for key, value in values.items() if value is not None}
        if not given:
            raise ValueError("give a fraction, current and total steps, or a message")
        if fraction is not None and not 0.0 <= fraction <= 1.0:
            raise ValueError(f"fraction must be between 0 and 1, not {fraction}")
        if self.report is not None:
            self.report(self.task_id, given)


def current_task() -> ClaimedTask[Any] | None:
    """The task the calling thread is running through `ClaimedTask.run`, if any."""
    task: ClaimedTask[Any] | None = getattr(_running, "task", None)
    return task
