"""Auto-serve: the claim loop of a `JobManager` built with `execute=`.

For each claimed task: mark it running, call `execute(task)`, then mark it completed, or
failed with the exception's text (`"ValueError: angle must be finite"`). A task the server
cancelled or failed meanwhile (409) is left as it is. Status updates survive a short outage:
they are retried while the server is unreachable, up to the manager's `max_unreachable_seconds`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from . import errors
from ._generated.models import TaskStatus
from .claimed import ClaimedTask
from .retry import call_with_retry

log = logging.getLogger(__name__)

Execute = Callable[[ClaimedTask[Any]], Any]
"""What auto-serve calls for each claimed task; an exception fails the task."""

Update = Callable[[UUID, TaskStatus, str | None], object]


def describe(exc: BaseException) -> str:
    """The `error` text stored for a failed task."""
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def run_claimed(task: ClaimedTask[Any], execute: Execute, update: Update, *, retry_for: float) -> TaskStatus | None:
    """Run one claimed task through its states; return its final status (None: left alone)."""

    def send(status: TaskStatus, error: str | None = None) -> bool:
        try:
            call_with_retry(
                lambda: update(task.task_id, status, error),
                timeout=retry_for,
                what=f"marking task {task.task_id} {status}",
            )
        except errors.JobLibError as exc:  # cancelled or failed by the server meanwhile, worker gone, …
            log.warning("task %s could not become %s: %s", task.task_id, status, exc)
            return False
        return True

    if not send(TaskStatus.RUNNING):
        return None
    try:
        execute(task)
    except Exception as exc:
        log.exception("task %s (%s) failed", task.task_id, task.job_name)
        return TaskStatus.FAILED if send(TaskStatus.FAILED, describe(exc)) else None
    return TaskStatus.COMPLETED if send(TaskStatus.COMPLETED) else None


def serve(claims: Iterable[ClaimedTask[Any]], execute: Execute, update: Update, *, retry_for: float) -> None:
    """Run every task `claims` yields, one at a time, until it ends."""
    for task in claims:
        run_claimed(task, execute, update, retry_for=retry_for)
