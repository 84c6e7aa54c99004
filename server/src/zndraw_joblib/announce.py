"""Every event the server sends, built in one place and put into an outbox.

A service records what happened (`announce_task`, `jobs_changed`, …) in the `Outbox` of its
unit of work; the outbox is delivered once the change is committed (`context.unit_of_work`),
or, for the operations that commit nothing to the database (a provider read or upload), right
after the result store took the change (`Runtime.deliver`). So "where is an event emitted?" has
one answer: here, through an outbox, after the state it describes is readable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from . import metrics, views
from ._generated import events
from ._generated.models import TaskStatus
from .realtime.bus import provider_result_channel, task_channel
from .realtime.emit import Outbox, event_name
from .realtime.rooms import frontend_room, job_room, provider_room, worker_room
from .task_states import TERMINAL


def announce_task(outbox: Outbox, row: views.Row, queue_position: int | None = None) -> None:
    """The task-status event to the task's room, a bus wake-up when the task is terminal, and the
    move counted in the metrics (after the commit, like everything in the outbox). The wake-up
    carries the terminal task's view, what its long-polls answer: it never changes again."""
    outbox.emit(views.task_status_event(row, queue_position), frontend_room(row["room_id"]))
    status: TaskStatus = row["status"]
    move = metrics.TaskMove.of(row)
    outbox.after_commit(("task", row["id"], status, move.attempt), move.record)
    if status in TERMINAL:
        outbox.notify(task_channel(row["id"]), status.value, lambda: views.task_json(row))


def announce_tasks(outbox: Outbox, rows: Iterable[views.Row]) -> None:
    for row in rows:
        announce_task(outbox, row)


def task_available(outbox: Outbox, *, job_name: str, room_id: str, task_id: UUID, after_seconds: float = 0.0) -> None:
    """Wake the workers of a job: a task of it waits in `room_id` (claimable in `after_seconds`)."""
    available = events.TaskAvailable(job_name=job_name, room_id=room_id, task_id=task_id)
    if after_seconds > 0:
        outbox.emit_later(available, job_room(job_name), after_seconds)
    else:
        outbox.emit(available, job_room(job_name))


def tasks_submitted(
    outbox: Outbox, *, job_name: str, room_id: str, task_ids: Sequence[UUID], wake_workers: bool
) -> None:
    """A batch: one event to the room for all its tasks and, unless the server runs them itself
    (`@internal`), one wake-up for the job's workers."""
    outbox.emit(events.TasksSubmitted(name=job_name, room_id=room_id, task_ids=list(task_ids)), frontend_room(room_id))
    outbox.after_commit(("batch", task_ids[0]), metrics.count_submitted(job_name, len(task_ids)))
    if wake_workers:
        task_available(outbox, job_name=job_name, room_id=room_id, task_id=task_ids[0])


def task_cancelled(outbox: Outbox, *, worker_id: UUID, row: views.Row) -> None:
    """Tell the worker that claimed a task (only that one) that it was cancelled."""
    cancelled = events.TaskCancelled(id=row["id"], name=row["job_name"], room_id=row["room_id"])
    outbox.emit(cancelled, worker_room(worker_id))


def task_progress(outbox: Outbox, *, task_id: UUID, job_name: str, room_id: str, progress: dict[str, Any]) -> None:
    outbox.emit(views.task_progress_event(task_id, job_name, room_id, progress), frontend_room(room_id))


def task_retried(outbox: Outbox, row: views.Row, *, after_seconds: float) -> None:
    """A task back in the queue for another attempt: its room hears it, its job's workers are woken
    once its wait is over (by this process; the sweeper of any replica wakes them too)."""
    announce_task(outbox, row)
    task_available(
        outbox, job_name=row["job_name"], room_id=row["room_id"], task_id=row["id"], after_seconds=after_seconds
    )


def jobs_changed(outbox: Outbox, room_id: str) -> None:
    """The job list seen from `room_id` changed (registered, revived, hidden, lost a worker)."""
    outbox.emit(events.JobsInvalidate(), frontend_room(room_id))


def providers_changed(outbox: Outbox, room_id: str) -> None:
    outbox.emit(events.ProvidersInvalidate(), frontend_room(room_id))


def provider_request(outbox: Outbox, *, provider_name: str, request_hash: str, params: str) -> None:
    """Ask the provider's sockets for a read."""
    request = events.ProviderRequest(request_id=request_hash, provider_name=provider_name, params=params)
    outbox.emit(request, provider_room(provider_name))


def provider_result_ready(
    outbox: Outbox, *, provider_id: UUID, provider_name: str, room_id: str, request_hash: str
) -> None:
    """Wake the reads waiting for this result (every replica) and tell the room it is there."""
    outbox.notify(provider_result_channel(provider_id, request_hash), "ready")
    ready = events.ProviderResultReady(provider_name=provider_name, request_hash=request_hash)
    outbox.emit(ready, frontend_room(room_id))


def provider_error_reported(outbox: Outbox, *, provider_id: UUID, request_hash: str) -> None:
    """Wake the reads waiting for this result: the provider reported an error instead."""
    outbox.notify(provider_result_channel(provider_id, request_hash), "error")


def provider_request_payload(*, provider_name: str, request_hash: str, params: str) -> tuple[str, dict[str, Any]]:
    """A `provider_request` as (event name, payload), for a reply to one socket."""
    request = events.ProviderRequest(request_id=request_hash, provider_name=provider_name, params=params)
    return event_name(events.ProviderRequest), request.model_dump(mode="json")
