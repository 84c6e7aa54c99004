"""Task and job transitions: the one module that moves a task after its submission.

Everything that changes a task's status goes through here — a worker's or a submitter's PATCH
(`TasksService.update_task`), the internal executor reporting running / completed / failed, its
dispatch — with the same rules (`task_states`: who may, which moves), the same guarded
statement (`task_set_status_if`: nothing moves a task that moved meanwhile), the same
announcement (`announce.announce_task`) and the same orphan check after a terminal move. Worker
cleanup (`cleanup`) fails many tasks at once and checks their jobs here too.

The decisions are pure functions in `task_states` and `is_orphan`; this module adds the
statements and the outbox around them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import RowMapping

from . import announce, problems, task_states
from ._generated.models import TaskStatus
from .context import Context
from .names import INTERNAL_ROOM
from .realtime.emit import Outbox
from .store import jobs as job_store
from .store import tasks as task_store
from .store.sessions import DbSession

MOVE_ATTEMPTS = 3
"""A move that found the task changed under it (another request won) reads it again this often."""

NO_ERROR = object()
"""`move_task(error=NO_ERROR)`: the request gave no error (a terminal move then stores null)."""
NO_RESULT = object()
"""`move_task(result=NO_RESULT)`: the request gave no result (the task keeps none)."""


def is_orphan(*, room_id: str, worker_count: int, has_pending_task: bool) -> bool:
    """A job nobody serves and nobody waits on; internal jobs never are (the server serves them)."""
    return room_id != INTERNAL_ROOM and worker_count == 0 and not has_pending_task


async def soft_delete_orphans(session: DbSession, outbox: Outbox, *, job_ids: Iterable[UUID], now: datetime) -> int:
    """Hide each job that became an orphan; returns how many were hidden."""
    hidden = 0
    for job_id in sorted(set(job_ids)):  # a fixed lock order: no deadlock between replicas
        job = await job_store.job_lock(session, job_id=job_id)
        if job is None or job["deleted_at"] is not None:
            continue
        orphan = is_orphan(
            room_id=job["room_id"],
            worker_count=await job_store.job_worker_count(session, job_id=job_id),
            has_pending_task=await job_store.job_has_pending_task(session, job_id=job_id),
        )
        if orphan and await job_store.job_soft_delete_if_active(session, job_id=job_id, now=now):
            announce.jobs_changed(outbox, job["room_id"])
            hidden += 1
    return hidden


def _values(target: TaskStatus, now: datetime, error: Any, result: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if target is TaskStatus.running:
        values["started_at"] = now
    if task_states.is_terminal(target):
        values["completed_at"] = now
        values["error"] = None if error is NO_ERROR else error
    if result is not NO_RESULT:
        values["result"] = result
    return values


async def move_task(
    ctx: Context,
    *,
    task_id: UUID,
    target: TaskStatus,
    error: Any = NO_ERROR,
    result: Any = NO_RESULT,
    retryable: bool = False,
) -> RowMapping:
    """Move a task to `target` if the actor may and the state machine allows; the moved row.

    A `retryable` failure of a task with attempts left moves it back to `pending` instead (a
    retry, announced and woken after its backoff). Cancelling a claimed or running task tells
    its worker. Raises 404 `task-not-found`, 403 `forbidden`, 409 `invalid-task-transition`
    (also when the task kept changing under the move).
    """
    if task_states.owner_moves_in_one_statement(target, retryable=retryable):
        async with ctx.transaction() as outbox:
            moved = await task_store.task_set_status_if_claimed_by(
                ctx.session,
                task_id=task_id,
                owner_id=ctx.actor.user_id,
                sources=task_states.sources_of(target),
                status=target,
                values=_values(target, ctx.now(), error, result),
            )
            if moved is not None:  # a live claiming worker: its job cannot be an orphan
                announce.announce_task(outbox, moved)
                return moved
    for _ in range(MOVE_ATTEMPTS):  # not the claimer's owner, a cancel, a retry, or an error to explain
        async with ctx.transaction() as outbox:
            row = await task_store.task_get_with_claimer_owner(ctx.session, task_id=task_id)
            if row is None:
                raise problems.TaskNotFound(f"No task {task_id}.")
            current: TaskStatus = row["status"]
            owner = row["claimer_owner"]
            allowed = task_states.may_update(
                ctx.actor, current=current, target=target, submitter_id=row["submitted_by"], worker_owner_id=owner
            )
            if not allowed:
                raise problems.Forbidden(
                    "Only the owner of the worker that claimed the task, a superuser, or (to cancel it) its "
                    "submitter may update it."
                )
            if not task_states.can_move(current, target):
                raise problems.InvalidTaskTransition(f"Cannot move a task from {current} to {target}.")
            now = ctx.now()
            if (
                retryable
                and target is TaskStatus.failed
                and task_states.has_attempts_left(row["attempt"], row["max_attempts"])
            ):
                retried = await retry(ctx.session, outbox, row=row, now=now, error=None if error is NO_ERROR else error)
                if retried is not None:
                    return retried
                continue
            moved = await task_store.task_set_status_if(
                ctx.session,
                task_id=task_id,
                expected=current,
                status=target,
                values=_values(target, now, error, result),
            )
            if moved is not None:
                announce.announce_task(outbox, moved)
                if target is TaskStatus.cancelled and row["worker_id"] is not None:
                    announce.task_cancelled(outbox, worker_id=row["worker_id"], row=moved)
                if task_states.is_terminal(target) and owner is None:
                    # A live claiming worker is linked to the job, so the job cannot be an orphan;
                    # without one (cancelled while pending, or the worker is gone) it may be.
                    await soft_delete_orphans(ctx.session, outbox, job_ids=[moved["job_id"]], now=now)
                return moved
    raise problems.InvalidTaskTransition("The task changed status concurrently; read it and try again.")


async def retry(
    session: DbSession, outbox: Outbox, *, row: RowMapping, now: datetime, error: str | None
) -> RowMapping | None:
    """Put a claimed or running task back in the queue for its next attempt (announced, its
    workers woken after the backoff); None when it moved meanwhile."""
    delay = task_states.retry_delay(row["retry_backoff_seconds"], row["attempt"])
    retried = await task_store.task_retry_if(
        session,
        task_id=row["id"],
        expected=row["status"],
        available_at=now + timedelta(seconds=delay),
        error=error,
    )
    if retried is not None:
        announce.task_retried(outbox, retried, after_seconds=delay)
    return retried


async def move_task_if(
    ctx: Context, *, task_id: UUID, expected: TaskStatus, target: TaskStatus, values: dict[str, Any]
) -> RowMapping | None:
    """A server-side move (internal dispatch): `expected` → `target` with `values`, announced;
    None when the task was no longer `expected` (cancelled meanwhile). No permission check."""
    async with ctx.transaction() as outbox:
        moved = await task_store.task_set_status_if(
            ctx.session, task_id=task_id, expected=expected, status=target, values=values
        )
        if moved is not None:
            announce.announce_task(outbox, moved)
    return moved
