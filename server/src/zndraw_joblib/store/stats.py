"""Counts for the operator's view: tasks per job and status, ended tasks per minute, rooms.

Known limit: these are aggregate queries. The current states (pending, claimed, running) and
the last 24 hours of ended tasks use indexes, but the room listing counts every task of every
room; the service caches every answer for a few seconds (`services/stats.py`), and on the
embedded SQLite default such a count holds the event loop while it runs.

Bucketing by minute is the one other dialect-specific statement of the store (besides the
claim): `date_trunc` on PostgreSQL, `strftime` on SQLite.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import RowMapping, case, func, select

from zndraw_joblib._generated.models import TaskStatus

from .engine import dialect_name
from .sessions import DbSession
from .tables import job_table, link_table, task_table, worker_table

t = task_table
CURRENT = (TaskStatus.pending, TaskStatus.claimed, TaskStatus.running)
ENDED = (TaskStatus.completed, TaskStatus.failed, TaskStatus.cancelled)


async def status_counts(
    session: DbSession, *, room_id: str | None, ended_since: datetime
) -> dict[UUID, dict[TaskStatus, int]]:
    """Per job: tasks pending, claimed and running now, and tasks ended since `ended_since`."""
    counts: defaultdict[UUID, dict[TaskStatus, int]] = defaultdict(dict)
    room = [t.c.room_id == room_id] if room_id is not None else []
    current = (
        select(t.c.job_id, t.c.status, func.count())
        .where(t.c.status.in_(CURRENT), *room)
        .group_by(t.c.job_id, t.c.status)
    )
    ended = (
        select(t.c.job_id, t.c.status, func.count())
        .where(t.c.completed_at >= ended_since, t.c.status.in_(ENDED), *room)
        .group_by(t.c.job_id, t.c.status)
    )
    for stmt in (current, ended):
        for job_id, status, count in (await session.execute(stmt)).all():
            counts[job_id][status] = int(count)
    return dict(counts)


async def oldest_pending(session: DbSession, *, room_id: str | None) -> dict[UUID, datetime]:
    room = [t.c.room_id == room_id] if room_id is not None else []
    stmt = (
        select(t.c.job_id, func.min(t.c.created_at)).where(t.c.status == TaskStatus.pending, *room).group_by(t.c.job_id)
    )
    return {job_id: _aware(moment) for job_id, moment in (await session.execute(stmt)).all()}


async def jobs_by_id(
    session: DbSession, *, job_ids: Iterable[UUID], rooms: Sequence[str] | None, limit: int | None = None
) -> Sequence[RowMapping]:
    """The jobs named, and (with `rooms`) every active job of those rooms, by full name; the
    first `limit` of them when given."""
    ids = list(job_ids)
    condition = job_table.c.id.in_(ids)
    if rooms is not None:
        condition = condition | (job_table.c.room_id.in_(list(rooms)) & job_table.c.deleted_at.is_(None))
    elif not ids:
        condition = job_table.c.deleted_at.is_(None)
    else:
        condition = condition | job_table.c.deleted_at.is_(None)
    stmt = (
        select(job_table.c.id, job_table.c.full_name, job_table.c.room_id)
        .where(condition)
        .order_by(job_table.c.full_name)
        .limit(limit)
    )
    return (await session.execute(stmt)).mappings().all()


async def workers_per_job(session: DbSession, *, job_ids: Iterable[UUID]) -> dict[UUID, int]:
    ids = list(job_ids)
    if not ids:
        return {}
    stmt = select(link_table.c.job_id, func.count()).where(link_table.c.job_id.in_(ids)).group_by(link_table.c.job_id)
    return {job_id: int(count) for job_id, count in (await session.execute(stmt)).all()}


async def workers_alive(session: DbSession, *, since: datetime) -> int:
    stmt = select(func.count()).select_from(worker_table).where(worker_table.c.last_heartbeat >= since)
    return int((await session.execute(stmt)).scalar_one())


async def ended_per_minute(
    session: DbSession, *, room_id: str | None, since: datetime
) -> dict[tuple[datetime, TaskStatus], int]:
    """(minute, status) → tasks that ended in that minute since `since`."""
    minute: Any
    if dialect_name(session) == "postgresql":
        minute = func.date_trunc("minute", t.c.completed_at)
    else:
        minute = func.strftime("%Y-%m-%d %H:%M:00", t.c.completed_at)
    room = [t.c.room_id == room_id] if room_id is not None else []
    stmt = (
        select(minute.label("minute"), t.c.status, func.count())
        .where(t.c.completed_at >= since, t.c.status.in_(ENDED), *room)
        .group_by(minute, t.c.status)
    )
    found: dict[tuple[datetime, TaskStatus], int] = {}
    for bucket, status, count in (await session.execute(stmt)).all():
        found[(_aware(bucket), TaskStatus(status))] = int(count)
    return found


async def rooms(session: DbSession) -> list[dict[str, Any]]:
    """Every room with an active job or a task: its job and task counts and last activity."""
    found: dict[str, dict[str, Any]] = {}
    pending = func.sum(case((t.c.status == TaskStatus.pending, 1), else_=0))
    tasks = select(t.c.room_id, func.count(), pending, func.max(t.c.created_at)).group_by(t.c.room_id)
    for room_id, count, waiting, last in (await session.execute(tasks)).all():
        found[room_id] = {
            "room_id": room_id,
            "jobs": 0,
            "tasks": int(count),
            "pending": int(waiting or 0),
            "last": last,
        }
    jobs = (
        select(job_table.c.room_id, func.count(), func.max(job_table.c.created_at))
        .where(job_table.c.deleted_at.is_(None))
        .group_by(job_table.c.room_id)
    )
    for room_id, count, last in (await session.execute(jobs)).all():
        entry = found.setdefault(room_id, {"room_id": room_id, "jobs": 0, "tasks": 0, "pending": 0, "last": None})
        entry["jobs"] = int(count)
        entry["last"] = max((m for m in (entry["last"], last) if m is not None), default=None)
    for entry in found.values():
        entry["last"] = _aware(entry["last"]) if entry["last"] is not None else None
    return sorted(
        found.values(), key=lambda e: (e["last"] or datetime.min.replace(tzinfo=UTC), e["room_id"]), reverse=True
    )


def _aware(moment: Any) -> datetime:
    """Aggregates bypass the column type: SQLite hands back text, both may be naive UTC."""
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
