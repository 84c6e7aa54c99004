"""Job and worker↔job link queries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import RowMapping, delete, func, select, update

from zndraw_joblib._generated.models import TaskStatus

from .engine import affected, insert_ignoring_conflicts
from .paging import newest_first
from .sessions import DbSession
from .tables import job_table, link_table, task_table

j = job_table
link = link_table


async def job_get_by_full_name(
    session: DbSession, *, full_name: str, active_only: bool = True, for_update: bool = False
) -> RowMapping | None:
    stmt = select(j).where(j.c.full_name == full_name)
    if active_only:
        stmt = stmt.where(j.c.deleted_at.is_(None))
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).mappings().one_or_none()


async def job_get_for_share(session: DbSession, *, full_name: str) -> RowMapping | None:
    """The active job, share-locked on PostgreSQL so an orphan check cannot hide it meanwhile,
    with `served`: whether a worker serves it (a submission's one read)."""
    served = select(link.c.job_id).where(link.c.job_id == j.c.id).exists().label("served")
    stmt = (
        select(j, served).where(j.c.full_name == full_name, j.c.deleted_at.is_(None)).with_for_update(read=True, of=j)
    )
    return (await session.execute(stmt)).mappings().one_or_none()


async def job_insert_if_absent(
    session: DbSession,
    *,
    job_id: UUID,
    room_id: str,
    category: str,
    name: str,
    full_name: str,
    schema: dict[str, Any],
    now: datetime,
    owner_id: UUID | None = None,
    max_attempts: int = 1,
    retry_backoff_seconds: float = 1.0,
) -> bool:
    """Insert the job unless one with that full name exists; True when this call inserted it."""
    stmt = insert_ignoring_conflicts(session, j).values(
        id=job_id,
        room_id=room_id,
        category=category,
        name=name,
        full_name=full_name,
        schema=schema,
        created_at=now,
        owner_id=owner_id,
        max_attempts=max_attempts,
        retry_backoff_seconds=retry_backoff_seconds,
    )
    return affected(await session.execute(stmt)) == 1


async def job_reactivate(
    session: DbSession, *, job_id: UUID, schema: dict[str, Any], owner_id: UUID | None = None
) -> None:
    """Show a soft-deleted job again with `schema`; with `owner_id`, it changes hands."""
    values: dict[str, Any] = {"deleted_at": None, "schema": schema}
    if owner_id is not None:
        values["owner_id"] = owner_id
    await session.execute(update(j).where(j.c.id == job_id).values(**values))


async def job_set_retry_policy(
    session: DbSession, *, job_id: UUID, max_attempts: int, retry_backoff_seconds: float
) -> None:
    stmt = (
        update(j).where(j.c.id == job_id).values(max_attempts=max_attempts, retry_backoff_seconds=retry_backoff_seconds)
    )
    await session.execute(stmt)


async def job_set_owner(session: DbSession, *, job_id: UUID, owner_id: UUID) -> None:
    await session.execute(update(j).where(j.c.id == job_id).values(owner_id=owner_id))


async def link_exists(session: DbSession, *, worker_id: UUID, job_id: UUID) -> bool:
    stmt = select(select(link.c.job_id).where(link.c.worker_id == worker_id, link.c.job_id == job_id).exists())
    return bool((await session.execute(stmt)).scalar())


async def job_soft_delete_if_active(session: DbSession, *, job_id: UUID, now: datetime) -> bool:
    stmt = update(j).where(j.c.id == job_id, j.c.deleted_at.is_(None)).values(deleted_at=now)
    return affected(await session.execute(stmt)) == 1


async def job_lock(session: DbSession, *, job_id: UUID) -> RowMapping | None:
    return (await session.execute(select(j).where(j.c.id == job_id).with_for_update())).mappings().one_or_none()


async def job_worker_count(session: DbSession, *, job_id: UUID) -> int:
    stmt = select(func.count()).select_from(link).where(link.c.job_id == job_id)
    return int((await session.execute(stmt)).scalar_one())


async def jobs_in_rooms(session: DbSession, *, rooms: Iterable[str]) -> Sequence[RowMapping]:
    stmt = select(j.c.id, j.c.room_id).where(j.c.room_id.in_(list(rooms)), j.c.deleted_at.is_(None))
    return (await session.execute(stmt)).mappings().all()


async def jobs_page(
    session: DbSession, *, rooms: Iterable[str], limit: int, offset: int
) -> tuple[Sequence[RowMapping], int]:
    where = (j.c.room_id.in_(list(rooms)), j.c.deleted_at.is_(None))
    return await newest_first(session, j, where=where, limit=limit, offset=offset)


async def job_workers(session: DbSession, *, job_ids: Iterable[UUID]) -> dict[UUID, list[UUID]]:
    """Worker ids per job, for a page of jobs in one query."""
    ids = list(job_ids)
    result: dict[UUID, list[UUID]] = {job_id: [] for job_id in ids}
    if not ids:
        return result
    stmt = select(link.c.job_id, link.c.worker_id).where(link.c.job_id.in_(ids)).order_by(link.c.worker_id)
    for job_id, worker_id in (await session.execute(stmt)).all():
        result[job_id].append(worker_id)
    return result


async def link_ensure(session: DbSession, *, worker_id: UUID, job_id: UUID) -> bool:
    """Link the worker to the job; True when the link is new."""
    stmt = insert_ignoring_conflicts(session, link).values(worker_id=worker_id, job_id=job_id)
    return affected(await session.execute(stmt)) == 1


async def links_of_worker(session: DbSession, *, worker_id: UUID) -> Sequence[RowMapping]:
    """The worker's jobs (id, room) — also soft-deleted ones, which cleanup re-checks anyway."""
    stmt = (
        select(j.c.id, j.c.room_id, j.c.full_name)
        .join(link, link.c.job_id == j.c.id)
        .where(link.c.worker_id == worker_id)
        .order_by(j.c.id)
    )
    return (await session.execute(stmt)).mappings().all()


async def links_delete_of_worker(session: DbSession, *, worker_id: UUID) -> None:
    await session.execute(delete(link).where(link.c.worker_id == worker_id))


async def job_has_pending_task(session: DbSession, *, job_id: UUID) -> bool:
    stmt = select(
        select(task_table.c.id).where(task_table.c.job_id == job_id, task_table.c.status == TaskStatus.pending).exists()
    )
    return bool((await session.execute(stmt)).scalar())
