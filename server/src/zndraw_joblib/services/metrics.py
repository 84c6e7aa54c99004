"""`GET /metrics` (openapi.yaml `getMetrics`): the process's families plus the queue as the
database sees it now.

A scrape reads the database once, with the same aggregate queries as `GET /v1/joblib/stats`
(`store/stats.py`: pending per job, oldest pending, workers alive), bounded by
`metrics_scrape_timeout_seconds`; a slow or unreachable database costs the scrape that bound,
never the event loop, and the answer then says `queue_scrape_success 0` instead of failing the
whole scrape. Rendering (which reads the per-process files in multiprocess mode) runs in a thread.

Known limit: the per-job series are as many as the active jobs (at most `MAX_JOB_SERIES`, by full
name); a deployment with many private rooms has one series per room's job.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.metrics_core import GaugeMetricFamily, Metric
from sqlalchemy import RowMapping

from zndraw_joblib import metrics, problems
from zndraw_joblib._generated.api import MetricsApi, RawReply
from zndraw_joblib._generated.models import TaskStatus
from zndraw_joblib.context import Runtime
from zndraw_joblib.settings import Settings
from zndraw_joblib.store import stats as stats_store

log = logging.getLogger(__name__)
MAX_JOB_SERIES = 1000
"""Jobs reported per scrape (by full name): bounds the answer and Prometheus' series."""


def check_access(settings: Settings, authorization: str | None) -> None:
    """Open without `metrics_token`; with it, 401 without a bearer token and 403 with another."""
    if settings.metrics_token is None:
        return
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise problems.Unauthorized(
            "GET /metrics needs `Authorization: Bearer <metrics_token>`.", headers={"WWW-Authenticate": "Bearer"}
        )
    if not secrets.compare_digest(token.strip().encode(), settings.metrics_token.get_secret_value().encode()):
        raise problems.Forbidden("This token does not read the metrics (it is not the server's metrics_token).")


@dataclass
class QueueSnapshot:
    """What the database says now: per job (full name) pending tasks and the oldest one's age."""

    ok: bool = False
    depth: dict[str, int] = field(default_factory=dict)
    oldest_age: dict[str, float] = field(default_factory=dict)
    workers_alive: int = 0

    def families(self) -> Iterator[Metric]:
        depth = GaugeMetricFamily(
            f"{metrics.PREFIX}queue_depth",
            "Pending tasks per job (read from the database at scrape time).",
            labels=["job"],
        )
        oldest = GaugeMetricFamily(
            f"{metrics.PREFIX}queue_oldest_pending_age_seconds",
            "Age of the oldest pending task per job, seconds (0 when none waits).",
            labels=["job"],
        )
        for job, count in sorted(self.depth.items()):
            depth.add_metric([job], count)
            oldest.add_metric([job], self.oldest_age.get(job, 0.0))
        yield depth
        yield oldest
        yield GaugeMetricFamily(
            f"{metrics.PREFIX}workers_alive",
            "Workers that heartbeated within worker_timeout_seconds.",
            value=self.workers_alive,
        )
        yield GaugeMetricFamily(
            f"{metrics.PREFIX}queue_scrape_success",
            "1 when this scrape could read the queue from the database in time, else 0.",
            value=1 if self.ok else 0,
        )


class _Snapshot:
    """A collector that yields a snapshot's families (prometheus-client's Collector protocol)."""

    def __init__(self, snapshot: QueueSnapshot) -> None:
        self.snapshot = snapshot

    def collect(self) -> Iterator[Metric]:
        return self.snapshot.families()


async def read_queue(runtime: Runtime) -> QueueSnapshot:
    """The queue's numbers, or an empty snapshot marked failed when the database is slow or down."""
    settings = runtime.settings
    try:
        async with asyncio.timeout(settings.metrics_scrape_timeout_seconds), runtime.session() as session:
            now = runtime.clock()
            counts = await stats_store.status_counts(session, room_id=None, ended_since=now)
            oldest = await stats_store.oldest_pending(session, room_id=None)
            jobs = await stats_store.jobs_by_id(session, job_ids=list(counts), rooms=None, limit=MAX_JOB_SERIES)
            alive = await stats_store.workers_alive(
                session, since=now - timedelta(seconds=settings.worker_timeout_seconds)
            )
            await session.rollback()
    except Exception as exc:  # a scrape reports the failure as a gauge; the process's families still answer
        log.warning("metrics: could not read the queue from the database: %s", exc)
        return QueueSnapshot()
    return _snapshot(jobs, counts, oldest, alive, now)


def _snapshot(
    jobs: Sequence[RowMapping],
    counts: dict[UUID, dict[TaskStatus, int]],
    oldest: dict[UUID, datetime],
    alive: int,
    now: datetime,
) -> QueueSnapshot:
    snapshot = QueueSnapshot(ok=True, workers_alive=alive)
    for job in jobs:
        job_id, name = job["id"], job["full_name"]
        snapshot.depth[name] = counts.get(job_id, {}).get(TaskStatus.pending, 0)
        since = oldest.get(job_id)
        snapshot.oldest_age[name] = max(0.0, (now - since).total_seconds()) if since is not None else 0.0
    return snapshot


def render(snapshot: QueueSnapshot) -> bytes:
    """The exposition: this process's (or, in multiprocess mode, every process's) families, then
    the snapshot's."""
    if os.environ.get(metrics.MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        own = generate_latest(registry)
    else:
        own = generate_latest(REGISTRY)
    scraped = CollectorRegistry(auto_describe=False)
    scraped.register(_Snapshot(snapshot))
    return own + generate_latest(scraped)


class MetricsService(MetricsApi):
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    async def get_metrics(self) -> RawReply:
        snapshot = await read_queue(self.runtime)
        body = await asyncio.to_thread(render, snapshot)
        return RawReply(content=body, media_type=CONTENT_TYPE_LATEST)
