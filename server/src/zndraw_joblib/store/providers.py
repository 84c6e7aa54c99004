"""Provider queries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import RowMapping, delete, select, update

from .engine import affected, insert_ignoring_conflicts
from .paging import newest_first
from .sessions import DbSession
from .tables import provider_table

p = provider_table


async def provider_get(session: DbSession, *, provider_id: UUID) -> RowMapping | None:
    return (await session.execute(select(p).where(p.c.id == provider_id))).mappings().one_or_none()


async def provider_get_by_full_name(
    session: DbSession, *, full_name: str, for_update: bool = False
) -> RowMapping | None:
    stmt = select(p).where(p.c.full_name == full_name)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).mappings().one_or_none()


async def provider_insert_if_absent(session: DbSession, **values: Any) -> bool:
    """Insert unless a provider with that full name exists; True when this call inserted it."""
    return affected(await session.execute(insert_ignoring_conflicts(session, p).values(**values))) == 1


async def provider_overwrite(session: DbSession, *, provider_id: UUID, **values: Any) -> RowMapping:
    stmt = update(p).where(p.c.id == provider_id).values(**values).returning(p)
    return (await session.execute(stmt)).mappings().one()


async def provider_delete(session: DbSession, *, provider_id: UUID) -> RowMapping | None:
    stmt = delete(p).where(p.c.id == provider_id).returning(p)
    return (await session.execute(stmt)).mappings().one_or_none()


async def providers_delete_of_worker(session: DbSession, *, worker_id: UUID) -> Sequence[RowMapping]:
    stmt = delete(p).where(p.c.worker_id == worker_id).returning(p)
    return (await session.execute(stmt)).mappings().all()


async def providers_page(
    session: DbSession, *, rooms: Iterable[str], limit: int, offset: int
) -> tuple[Sequence[RowMapping], int]:
    return await newest_first(session, p, where=[p.c.room_id.in_(list(rooms))], limit=limit, offset=offset)
