"""Idempotency keys of submissions: which task a (user, key) made, kept for the retention window."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import RowMapping, delete, select

from .engine import affected, insert_ignoring_conflicts
from .sessions import DbSession
from .tables import idempotency_table

k = idempotency_table


async def idempotency_get(session: DbSession, *, user_id: UUID, key: str, since: datetime) -> RowMapping | None:
    """The key's record if it was made after `since` (older ones are as good as gone)."""
    stmt = select(k).where(k.c.user_id == user_id, k.c.key == key, k.c.created_at > since)
    return (await session.execute(stmt)).mappings().one_or_none()


async def idempotency_insert_if_absent(
    session: DbSession,
    *,
    user_id: UUID,
    key: str,
    fingerprint: str,
    task_ids: Sequence[UUID],
    batch: bool = False,
    now: datetime,
) -> bool:
    """Record the key for these tasks (one, or a `batch`); False when one is recorded already (a
    concurrent submission won: its transaction commits first, and this one must roll back and
    read it)."""
    stmt = insert_ignoring_conflicts(session, k).values(
        user_id=user_id,
        key=key,
        fingerprint=fingerprint,
        task_id=task_ids[0],
        task_ids=[str(task_id) for task_id in task_ids] if batch else None,
        created_at=now,
    )
    return affected(await session.execute(stmt)) == 1


async def idempotency_replace_expired(session: DbSession, *, user_id: UUID, key: str, since: datetime) -> None:
    """Forget the key's record if it is older than `since`, so the key can be used again."""
    await session.execute(delete(k).where(k.c.user_id == user_id, k.c.key == key, k.c.created_at <= since))


async def idempotency_purge(session: DbSession, *, before: datetime) -> int:
    """Forget keys older than the retention window (the sweeper)."""
    return affected(await session.execute(delete(k).where(k.c.created_at < before)))
