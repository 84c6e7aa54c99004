"""The Prometheus families this process updates, and what a task's move adds to them.

Counters and histograms live in the process (prometheus-client's default registry, so a host
app's own exporter shows them too). With several uvicorn worker processes set
`PROMETHEUS_MULTIPROC_DIR` before the server starts: prometheus-client then keeps every value
in a file per process, and `/metrics` sums them (`services/metrics.py`). The per-process gauges
(open sockets, waiting long-polls) are summed over the live processes (`livesum`).

What the database knows (queue depth, oldest pending age, workers alive) is not kept here: it
is read at scrape time, so every replica reports the same truth and nothing drifts.

Task counters move only after the change is committed: `announce.announce_task` puts a
`TaskMove` into the operation's outbox, and the outbox runs it after the commit (the project's
rule, "emit after commit"). A rolled-back operation counts nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from prometheus_client import Counter, Gauge, Histogram, multiprocess

from ._generated.models import TaskStatus

PREFIX = "zndraw_joblib_"
TASK_SECONDS_BUCKETS = (0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0, 4 * 3600.0)
"""Seconds: a task waits or runs from milliseconds (a quick modifier) to hours (an analysis)."""
REQUEST_SECONDS_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
"""Seconds: long-polls (`Prefer: wait`) last up to `long_poll_max_wait_seconds` (60 s)."""

TASKS_SUBMITTED = Counter(f"{PREFIX}tasks_submitted", "Tasks submitted, per job.", ["job"])
TASKS_CLAIMED = Counter(f"{PREFIX}tasks_claimed", "Tasks claimed by a worker (or the internal executor).", ["job"])
TASKS_COMPLETED = Counter(f"{PREFIX}tasks_completed", "Tasks that reached completed, per job.", ["job"])
TASKS_FAILED = Counter(f"{PREFIX}tasks_failed", "Tasks that reached failed (no attempt left), per job.", ["job"])
TASKS_CANCELLED = Counter(f"{PREFIX}tasks_cancelled", "Tasks that were cancelled, per job.", ["job"])
TASKS_RETRIED = Counter(f"{PREFIX}tasks_retried", "Tasks put back in the queue for another attempt.", ["job"])
TASK_WAIT = Histogram(
    f"{PREFIX}task_wait_seconds",
    "Seconds from submission (or a retry becoming due) to the claim.",
    ["job"],
    buckets=TASK_SECONDS_BUCKETS,
)
TASK_RUN = Histogram(
    f"{PREFIX}task_run_seconds",
    "Seconds from the claim to completed, failed or cancelled.",
    ["job"],
    buckets=TASK_SECONDS_BUCKETS,
)
SOCKET_CONNECTIONS = Gauge(f"{PREFIX}socket_connections", "Open Socket.IO connections.", multiprocess_mode="livesum")
LONG_POLLS_WAITING = Gauge(
    f"{PREFIX}long_polls_waiting",
    "Task long-polls (GET a task with Prefer: wait) waiting now.",
    multiprocess_mode="livesum",
)
REQUEST_DURATION = Histogram(
    f"{PREFIX}request_duration_seconds",
    "Seconds per HTTP request, by operationId (or route template) and status code.",
    ["operation", "status"],
    buckets=REQUEST_SECONDS_BUCKETS,
)

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


def process_ended() -> None:
    """In multiprocess mode, drop this process's live gauges (open sockets, waiting long-polls)
    from the sums: a stopped worker process has none. Counters and histograms are kept."""
    if os.environ.get(MULTIPROC_ENV):
        multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]


ENDED = {
    TaskStatus.completed: TASKS_COMPLETED,
    TaskStatus.failed: TASKS_FAILED,
    TaskStatus.cancelled: TASKS_CANCELLED,
}


_CHILDREN: dict[tuple[int, tuple[str, ...]], Any] = {}


def labelled(metric: Any, *values: str) -> Any:
    """`metric.labels(*values)`, remembered: prometheus-client checks and locks on every
    `labels()` call, which cost more than the count itself on the request path. It keeps every
    child it made anyway, so remembering them holds nothing more."""
    key = (id(metric), values)
    child = _CHILDREN.get(key)
    if child is None:
        child = _CHILDREN[key] = metric.labels(*values)
    return child


def count_submitted(job: str, count: int) -> Callable[[], None]:
    """A batch's submissions (`submitTasks`), counted at once after the commit."""

    def record() -> None:
        labelled(TASKS_SUBMITTED, job).inc(count)

    return record


@dataclass(frozen=True, slots=True)
class TaskMove:
    """A task's committed move, with the timestamps its durations need (UTC)."""

    job: str
    status: TaskStatus
    attempt: int
    created_at: datetime
    claimed_at: datetime | None
    completed_at: datetime | None
    available_at: datetime | None

    @classmethod
    def of(cls, row: Any) -> TaskMove:
        """From a task row (a mapping with the task table's columns)."""
        return cls(
            job=row["job_name"],
            status=row["status"],
            attempt=row["attempt"],
            created_at=row["created_at"],
            claimed_at=row["claimed_at"],
            completed_at=row["completed_at"],
            available_at=row["available_at"],
        )

    def record(self) -> None:
        """Count the move: pending is a submission (first attempt) or a retry; claimed observes the
        wait; an end observes the run when the task had been claimed."""
        job = self.job
        if self.status is TaskStatus.pending:
            labelled(TASKS_SUBMITTED if self.attempt <= 1 else TASKS_RETRIED, job).inc()
        elif self.status is TaskStatus.claimed:
            labelled(TASKS_CLAIMED, job).inc()
            if self.claimed_at is not None:
                queued = self.available_at if self.attempt > 1 and self.available_at is not None else self.created_at
                labelled(TASK_WAIT, job).observe(max(0.0, (self.claimed_at - queued).total_seconds()))
        elif self.status in ENDED:
            labelled(ENDED[self.status], job).inc()
            if self.claimed_at is not None and self.completed_at is not None:
                labelled(TASK_RUN, job).observe(max(0.0, (self.completed_at - self.claimed_at).total_seconds()))
