"""The one shape of every list endpoint: a count, then a newest-first page (SPEC §4).

`created_at DESC, id DESC`: ids are UUIDv7, so the tie-breaker follows creation too, and paging
never repeats or skips a row. An empty page (`limit` 0, or an offset past the end) costs only
the count.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, RowMapping, Table, func, select

from .sessions import DbSession


async def newest_first(
    session: DbSession,
    table: Table,
    *,
    where: Sequence[ColumnElement[bool]] = (),
    columns: Sequence[Any] | None = None,
    limit: int,
    offset: int,
) -> tuple[Sequence[RowMapping], int]:
    """(the page's rows, the total count) of `table` rows matching `where`."""
    total = int((await session.execute(select(func.count()).select_from(table).where(*where))).scalar_one())
    if limit == 0 or offset >= total:
        return [], total
    stmt = (
        select(*(columns or (table,)))
        .where(*where)
        .order_by(table.c.created_at.desc(), table.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return (await session.execute(stmt)).mappings().all(), total
