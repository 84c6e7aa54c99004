"""Auto-serve: the claim loop of a `JobManager` built with `execute=`.

For each claimed task: mark it running, call `execute(task)`, then mark it completed with what
`execute` returned as its result (when that is JSON; else without one), or failed with the
exception's text (`"ValueError: angle must be finite"`) — retryable when the exception is
`extension.Retry`. A task that was cancelled while it ran is left as it is (the server ended
it already); so is one the server failed meanwhile (409). Status updates survive a short
outage: they are retried while the server is unreachable, up to `max_unreachable_seconds`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from . import errors
from ._generated.models import TaskStatus
from ._generated.types import UNSET
from .claimed import ClaimedTask
from .extension import Retry
from .retry import call_with_retry

log = logging.getLogger(__name__)

Execute = Callable[[ClaimedTask[Any]], Any]
"""What auto-serve calls for each claimed task; an exception fails the task."""


class Update:
    """Moves a task (the manager's `WorkerSession.update_task`, and what ends a task's bookkeeping)."""

    def __init__(self, send: Callable[..., object], ended: Callable[[UUID], None]) -> None:
        self.send = send
        self.ended = ended


def describe(exc: BaseException) -> str:
    """The `error` text stored for a failed task."""
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def as_result(value: Any) -> Any:
    """`value` when it can be a task's JSON result, else no result."""
    if value is None:
        return UNSET
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        log.warning("the result of type %s is not JSON; the task completes without one", type(value).__name__)
        return UNSET
    return value


def run_claimed(task: ClaimedTask[Any], execute: Execute, update: Update, *, retry_for: float) -> TaskStatus | None:
    """Run one claimed task through its states; return its final status (None: left alone)."""

    def send(status: TaskStatus, error: str | None = None, **extra: Any) -> bool:
        try:
            call_with_retry(
                lambda: update.send(task.task_id, status, error, **extra),
                timeout=retry_for,
                what=f"marking task {task.task_id} {status}",
            )
        except errors.JobLibError as exc:  # cancelled or failed by the server meanwhile, worker gone, …
            log.warning("task %s could not become %s: %s", task.task_id, status, exc)
            return False
        return True

    try:
        if not send(TaskStatus.RUNNING):
            return None
        try:
            value = execute(task)
        except Exception as exc:
            if task.is_cancelled:
                return TaskStatus.CANCELLED
            retryable = isinstance(exc, Retry)
            log.log(
                logging.INFO if retryable else logging.ERROR,
                "task %s (%s) failed",
                task.task_id,
                task.job_name,
                exc_info=True,
            )
            return TaskStatus.FAILED if send(TaskStatus.FAILED, describe(exc), retryable=retryable) else None
        if task.is_cancelled:  # the server cancelled it while it ran: nothing left to report
            return TaskStatus.CANCELLED
        return TaskStatus.COMPLETED if send(TaskStatus.COMPLETED, result=as_result(value)) else None
    finally:
        update.ended(task.task_id)


def serve(claims: Iterable[ClaimedTask[Any]], execute: Execute, update: Update, *, retry_for: float) -> None:
    """Run every task `claims` yields, one at a time, until it ends."""
    for task in claims:
        run_claimed(task, execute, update, retry_for=retry_for)
