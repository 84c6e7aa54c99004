"""Worker queries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import RowMapping, delete, func, select, update

from .paging import newest_first
from .sessions import DbSession
from .tables import job_table, link_table, worker_table

w = worker_table
link = link_table


async def worker_insert(session: DbSession, *, worker_id: UUID, user_id: UUID, now: datetime) -> RowMapping:
    stmt = w.insert().values(id=worker_id, user_id=user_id, created_at=now, last_heartbeat=now).returning(w)
    return (await session.execute(stmt)).mappings().one()


async def worker_get(session: DbSession, *, worker_id: UUID) -> RowMapping | None:
    return (await session.execute(select(w).where(w.c.id == worker_id))).mappings().one_or_none()


async def worker_lock_skip_locked(session: DbSession, *, worker_id: UUID) -> RowMapping | None:
    """The worker row, locked for cleanup; None if absent or (PostgreSQL) another replica holds it."""
    stmt = select(w).where(w.c.id == worker_id).with_for_update(skip_locked=True)
    return (await session.execute(stmt)).mappings().one_or_none()


async def worker_touch(session: DbSession, *, worker_id: UUID, now: datetime) -> RowMapping | None:
    stmt = update(w).where(w.c.id == worker_id).values(last_heartbeat=now).returning(w)
    return (await session.execute(stmt)).mappings().one_or_none()


async def worker_delete(session: DbSession, *, worker_id: UUID) -> None:
    await session.execute(delete(w).where(w.c.id == worker_id))


async def workers_silent_since(session: DbSession, *, cutoff: datetime, limit: int) -> Sequence[UUID]:
    stmt = select(w.c.id).where(w.c.last_heartbeat < cutoff).order_by(w.c.last_heartbeat).limit(limit)
    return (await session.execute(stmt)).scalars().all()


def _job_count() -> object:
    return select(func.count()).select_from(link).where(link.c.worker_id == w.c.id).scalar_subquery()


async def workers_page(
    session: DbSession, *, limit: int, offset: int, rooms: Iterable[str] | None = None
) -> tuple[Sequence[RowMapping], int]:
    """Workers newest first with their job count; with `rooms`, only those linked to an active job there."""
    where = []
    if rooms is not None:
        serving = (
            select(link.c.worker_id)
            .join(job_table, job_table.c.id == link.c.job_id)
            .where(job_table.c.room_id.in_(list(rooms)), job_table.c.deleted_at.is_(None))
        )
        where.append(w.c.id.in_(serving))
    columns = (w.c.id, w.c.last_heartbeat, _job_count().label("job_count"))  # type: ignore[attr-defined]
    return await newest_first(session, w, where=where, columns=columns, limit=limit, offset=offset)
