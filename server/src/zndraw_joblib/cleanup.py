"""Worker cleanup and orphan jobs (SPEC §8): one code path for DELETE, socket disconnect and the sweeper.

Worker cleanup, in one transaction: the worker row is locked (PostgreSQL `SKIP LOCKED`, so two
replicas never clean the same worker and never wait on each other); its claimed and running
tasks fail with "Worker disconnected"; its providers are deleted; its links and the row go;
each of its former jobs is then checked for orphan-hood under a row lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from . import views
from ._generated import events
from .names import INTERNAL_ROOM
from .realtime.bus import task_channel
from .realtime.emit import Outbox
from .realtime.rooms import frontend_room
from .store import jobs as job_store
from .store import providers as provider_store
from .store import tasks as task_store
from .store import workers as worker_store
from .task_states import TERMINAL

WORKER_DISCONNECTED = "Worker disconnected"
TERMINAL_NAMES = frozenset(status.value for status in TERMINAL)


def is_orphan(*, room_id: str, worker_count: int, has_pending_task: bool) -> bool:
    """A job nobody serves and nobody waits on; internal jobs never are (the server serves them)."""
    return room_id != INTERNAL_ROOM and worker_count == 0 and not has_pending_task


def announce_task(outbox: Outbox, row: views.Row, queue_position: int | None = None) -> None:
    """The task-status event, and a bus wake-up when the task is terminal."""
    outbox.emit(views.task_status_event(row, queue_position), frontend_room(row["room_id"]))
    if row["status"] in TERMINAL_NAMES:
        outbox.notify(task_channel(row["id"]), row["status"])


async def soft_delete_orphans(session: AsyncSession, outbox: Outbox, *, job_ids: Iterable[UUID], now: datetime) -> int:
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
            outbox.emit(events.JobsInvalidate(), frontend_room(job["room_id"]))
            hidden += 1
    return hidden


@dataclass(frozen=True, slots=True)
class CleanupResult:
    failed_tasks: int
    deleted_providers: int
    hidden_jobs: int


async def clean_up_worker(
    session: AsyncSession,
    outbox: Outbox,
    *,
    worker_id: UUID,
    now: datetime,
    silent_since: datetime | None = None,
    reason: str = WORKER_DISCONNECTED,
) -> CleanupResult | None:
    """Remove the worker and everything that depends on it.

    None if the worker is gone, another replica is cleaning it, or (with `silent_since`) it
    heartbeated after that time: the sweeper re-checks under the lock, so a worker that
    answered between the scan and the lock survives.
    """
    worker = await worker_store.worker_lock_skip_locked(session, worker_id=worker_id)
    if worker is None or (silent_since is not None and worker["last_heartbeat"] >= silent_since):
        return None
    failed = await task_store.tasks_fail_active_of_worker(session, worker_id=worker_id, error=reason, now=now)
    for row in failed:
        announce_task(outbox, row)
    jobs = await job_store.links_of_worker(session, worker_id=worker_id)
    for job in jobs:
        outbox.emit(events.JobsInvalidate(), frontend_room(job["room_id"]))
    providers = await provider_store.providers_delete_of_worker(session, worker_id=worker_id)
    for provider in providers:
        outbox.emit(events.ProvidersInvalidate(), frontend_room(provider["room_id"]))
    await job_store.links_delete_of_worker(session, worker_id=worker_id)
    await worker_store.worker_delete(session, worker_id=worker_id)
    hidden = await soft_delete_orphans(session, outbox, job_ids=[job["id"] for job in jobs], now=now)
    return CleanupResult(failed_tasks=len(failed), deleted_providers=len(providers), hidden_jobs=hidden)
