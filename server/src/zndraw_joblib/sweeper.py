"""The sweeper: workers that went silent get worker cleanup; stuck internal tasks fail.

Safe on every replica at once: each worker is cleaned in its own short transaction under a
`SKIP LOCKED` row lock (a replica skips what another is cleaning, nobody waits), and the stuck
internal tasks fail through one guarded `UPDATE … WHERE status IN (claimed, running)`.

Time in which the database could not be reached does not count as a worker's silence (its
heartbeats could not be recorded): the cutoff moves back by the outages this process saw
(`faults.Outages`), and nothing is swept while the database is down.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import text

from . import announce, faults
from .announce import announce_tasks
from .cleanup import clean_up_worker
from .context import Runtime, unit_of_work
from .names import INTERNAL_ROOM
from .realtime.emit import Outbox
from .store import idempotency as idempotency_store
from .store import jobs as job_store
from .store import tasks as task_store
from .store import workers as worker_store

log = logging.getLogger(__name__)

BATCH_SIZE_DEFAULT = 200
INTERNAL_TIMEOUT_ERROR = "Internal worker timeout"


@dataclass(frozen=True, slots=True)
class SweeperConfig:
    worker_timeout_seconds: float
    internal_task_timeout_seconds: float
    interval_seconds: float
    batch_size: int = BATCH_SIZE_DEFAULT

    def __post_init__(self) -> None:
        if min(self.worker_timeout_seconds, self.internal_task_timeout_seconds, self.interval_seconds) <= 0:
            raise ValueError("sweeper timeouts and interval must be positive seconds")
        if self.batch_size < 1:
            raise ValueError("batch_size must be at least 1")


@dataclass(frozen=True, slots=True)
class SweepResult:
    workers_removed: int = 0
    tasks_failed: int = 0
    internal_tasks_timed_out: int = 0
    jobs_hidden: int = 0
    retries_woken: int = 0

    def __bool__(self) -> bool:
        counts = (self.workers_removed, self.tasks_failed, self.internal_tasks_timed_out, self.jobs_hidden)
        return any(counts) or bool(self.retries_woken)


class Sweeper:
    def __init__(self, config: SweeperConfig, runtime: Runtime) -> None:
        self.config = config
        self.runtime = runtime
        self._last_wake: datetime | None = None

    @classmethod
    def from_runtime(cls, runtime: Runtime) -> Sweeper:
        s = runtime.settings
        return cls(
            SweeperConfig(
                worker_timeout_seconds=s.worker_timeout_seconds,
                internal_task_timeout_seconds=s.internal_task_timeout_seconds,
                interval_seconds=s.sweeper_interval_seconds,
            ),
            runtime,
        )

    async def run_once(self) -> SweepResult:
        now = self.runtime.clock()
        outages = self.runtime.outages
        removed = failed = hidden = 0
        async with self.runtime.session() as session:
            await session.execute(text("SELECT 1"))  # reachable again? then the outage has ended
            outages.succeeded()
            cutoff = outages.silence_cutoff(now, self.config.worker_timeout_seconds)
            if cutoff is None:
                return SweepResult()
            silent = await worker_store.workers_silent_since(session, cutoff=cutoff, limit=self.config.batch_size)
        for worker_id in silent:
            async with self.runtime.session() as session, unit_of_work(session, self.runtime) as outbox:
                result = await clean_up_worker(session, outbox, worker_id=worker_id, now=now, silent_since=cutoff)
            if result is not None:
                removed += 1
                failed += result.failed_tasks
                hidden += result.hidden_jobs
        timed_out = await self._fail_stuck_internal_tasks()
        woken = await self._wake_due_retries(now)
        await self._purge_idempotency_keys(now)
        return SweepResult(removed, failed, timed_out, hidden, woken)

    async def _wake_due_retries(self, now: datetime) -> int:
        """`task_available` for retries whose wait ended since the last sweep: the replica that
        scheduled the wake-up may have stopped meanwhile (a duplicate wake is harmless)."""
        after = (
            self._last_wake if self._last_wake is not None else now - timedelta(seconds=self.config.interval_seconds)
        )
        self._last_wake = now
        async with self.runtime.session() as session:
            due = await task_store.tasks_due_between(session, after=after, until=now, limit=self.config.batch_size)
        if due:
            outbox = Outbox()
            for row in due:
                announce.task_available(outbox, job_name=row["job_name"], room_id=row["room_id"], task_id=row["id"])
            await self.runtime.deliver(outbox)
        return len(due)

    async def _purge_idempotency_keys(self, now: datetime) -> None:
        before = now - timedelta(seconds=self.runtime.settings.idempotency_retention_seconds)
        async with self.runtime.session() as session, unit_of_work(session, self.runtime):
            await idempotency_store.idempotency_purge(session, before=before)

    async def _fail_stuck_internal_tasks(self) -> int:
        now = self.runtime.clock()
        cutoff = now - timedelta(seconds=self.config.internal_task_timeout_seconds)
        async with self.runtime.session() as session, unit_of_work(session, self.runtime) as outbox:
            jobs = await job_store.jobs_in_rooms(session, rooms=[INTERNAL_ROOM])
            rows = await task_store.tasks_fail_stuck_in_rooms(
                session,
                job_ids=[j["id"] for j in jobs],
                claimed_before=cutoff,
                error=INTERNAL_TIMEOUT_ERROR,
                now=now,
            )
            announce_tasks(outbox, rows)
        return len(rows)

    async def run_forever(self) -> None:
        while True:
            try:
                result = await self.run_once()
                if result:
                    log.info("sweep: %s", result)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if faults.is_unavailable(exc):
                    self.runtime.outages.failed(exc)  # logged once per outage, and its time is not silence
                else:
                    log.exception("sweep failed; trying again in %.1f s", self.config.interval_seconds)
            await asyncio.sleep(self.config.interval_seconds)
