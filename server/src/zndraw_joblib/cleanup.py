"""Worker cleanup (SPEC §8): one code path for DELETE, socket disconnect and the sweeper.

In one transaction: the worker row is locked (PostgreSQL `SKIP LOCKED`, so two replicas never
clean the same worker and never wait on each other); each of its claimed and running tasks goes
back to the queue for another attempt when it has attempts left (`transitions.retry`), else
fails with "Worker disconnected"; its providers are deleted; its links and the row go; each of
its former jobs is then checked for orphan-hood (`transitions.soft_delete_orphans`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from . import announce, task_states
from ._generated.models import TaskStatus
from .realtime.emit import Outbox
from .store import jobs as job_store
from .store import providers as provider_store
from .store import tasks as task_store
from .store import workers as worker_store
from .store.sessions import DbSession
from .transitions import retry, soft_delete_orphans

WORKER_DISCONNECTED = "Worker disconnected"


@dataclass(frozen=True, slots=True)
class CleanupResult:
    failed_tasks: int
    deleted_providers: int
    hidden_jobs: int


async def clean_up_worker(
    session: DbSession,
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
    failed = 0
    for task in await task_store.tasks_active_of_worker(session, worker_id=worker_id):
        if task_states.has_attempts_left(task["attempt"], task["max_attempts"]):
            await retry(session, outbox, row=task, now=now, error=reason)
            continue
        ended = await task_store.task_set_status_if(
            session,
            task_id=task["id"],
            expected=task["status"],
            status=TaskStatus.failed,
            values={"error": reason, "completed_at": now},
        )
        if ended is not None:
            announce.announce_task(outbox, ended)
            failed += 1
    jobs = await job_store.links_of_worker(session, worker_id=worker_id)
    for job in jobs:
        announce.jobs_changed(outbox, job["room_id"])
    providers = await provider_store.providers_delete_of_worker(session, worker_id=worker_id)
    for provider in providers:
        announce.providers_changed(outbox, provider["room_id"])
    await job_store.links_delete_of_worker(session, worker_id=worker_id)
    await worker_store.worker_delete(session, worker_id=worker_id)
    hidden = await soft_delete_orphans(session, outbox, job_ids=[job["id"] for job in jobs], now=now)
    return CleanupResult(failed_tasks=failed, deleted_providers=len(providers), hidden_jobs=hidden)
