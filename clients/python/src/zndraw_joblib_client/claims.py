"""`Claims`: the claim loop — claimed tasks, one by one, until the manager stops.

It claims until the server has nothing, then sleeps until woken (a `task_available` push, a
resynchronisation, a new registration) or `poll_interval` seconds pass. A claimed task whose
job this worker does not know, or whose payload its class refuses, is failed at once with the
reason, so it never blocks the queue. Failures are reported to the `Keeper`, which decides
whether they stop the manager.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any
from uuid import UUID

from pydantic import ValidationError as PydanticValidationError

from . import errors
from ._generated.models import TaskResponse, TaskStatus
from .claimed import ClaimedTask, Report
from .keeper import Keeper
from .retry import TRANSIENT
from .worker import WorkerSession

log = logging.getLogger(__name__)


class Claims:
    """An iterable of claimed tasks; `wake()` ends a sleep early (thread-safe)."""

    def __init__(
        self,
        session: WorkerSession,
        keeper: Keeper,
        *,
        poll_interval: float,
        stopping: threading.Event,
        report: Report | None = None,
        claimed: Callable[[ClaimedTask[Any]], None] | None = None,
    ) -> None:
        """`report` receives the tasks' progress reports; `claimed` hears of each claimed task."""
        self.session = session
        self.keeper = keeper
        self.poll_interval = poll_interval
        self._stopping = stopping
        self._report = report
        self._claimed = claimed
        self._wake = threading.Event()

    def wake(self) -> None:
        self._wake.set()

    def __iter__(self) -> Iterator[ClaimedTask[Any]]:
        while not self._stopping.is_set():
            self._wake.clear()  # before the claim: a push arriving during it is not lost
            task, pause = self.claim_next()
            if task is not None:
                yield task
            elif pause > 0:
                self._wake.wait(pause)

    def claim_next(self) -> tuple[ClaimedTask[Any] | None, float]:
        """One claim attempt: the task (or None) and the seconds to wait before the next one."""
        if self.session.worker_id is None:
            return None, self.poll_interval
        try:
            claimed = self.session.claim()
        except (errors.WorkerNotFound, errors.Forbidden):
            self.keeper.worker_missing()
            return None, self.poll_interval
        except TRANSIENT as exc:
            return None, self.keeper.unreachable(exc, "claim")
        except errors.JobLibError as exc:
            log.warning("claim failed: %s", exc)
            return None, self.poll_interval
        self.keeper.answered()
        if claimed is None:
            return None, self.poll_interval
        return self._prepared(claimed), 0.0

    def _prepared(self, task: TaskResponse) -> ClaimedTask[Any] | None:
        record = self.session.jobs.get(task.job_name)
        if record is None:
            self._fail(task.id, f"job {task.job_name} is not registered with this worker")
            return None
        try:
            extension = record.cls.model_validate(task.payload.to_dict())
        except PydanticValidationError as exc:
            self._fail(task.id, f"invalid parameters for {record.cls.__name__}: {exc}")
            return None
        prepared = ClaimedTask(
            task_id=task.id,
            job_name=task.job_name,
            room_id=task.room_id,
            extension=extension,
            run_kwargs=dict(record.run_kwargs),
            attempt=task.attempt,
            report=self._report,
        )
        if self._claimed is not None:
            self._claimed(prepared)
        return prepared

    def _fail(self, task_id: UUID, error: str) -> None:
        log.warning("failing task %s: %s", task_id, error)
        try:
            self.session.update_task(task_id, TaskStatus.FAILED, error)
        except errors.JobLibError as exc:
            log.warning("could not fail task %s: %s", task_id, exc)
