"""Task queries. Every state change is one guarded statement named for its transition.

The claim is the only dialect-specific statement of the store:
- PostgreSQL: for each job the worker serves, a LATERAL `FOR UPDATE SKIP LOCKED LIMIT 1` seek
  on the pending index gives that job's head (highest priority, then oldest, and claimable now:
  a retry waiting for its `available_at` is passed over); the best head is updated in the same
  statement. Concurrent claimers skip each other's locked heads instead of waiting.
- SQLite: the same head-per-job seek as one correlated subquery per job, the best of those
  heads read by primary key, inside one conditional
  `UPDATE … WHERE id = (…) AND status = 'pending' RETURNING`; SQLite runs it under its single
  writer lock, so no host-side lock is needed.
Both check in the same statement that the caller owns the claiming worker.
Both are O(jobs of the worker * log(queue)), never a scan of the queue (see bench/).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import RowMapping, and_, bindparam, false, func, or_, select, true, tuple_, update

from zndraw_joblib._generated.models import TaskStatus

from .engine import dialect_name
from .paging import newest_first
from .sessions import DbSession
from .tables import link_table, task_table, worker_table

PENDING = TaskStatus.pending
ACTIVE = (TaskStatus.claimed, TaskStatus.running)

t = task_table


async def task_insert(
    session: DbSession,
    *,
    task_id: UUID,
    job_id: UUID,
    job_name: str,
    room_id: str,
    payload: dict[str, Any],
    submitted_by: UUID,
    now: datetime,
    priority: int = 0,
    max_attempts: int = 1,
    retry_backoff_seconds: float = 1.0,
) -> RowMapping:
    stmt = (
        t.insert()
        .values(
            id=task_id,
            job_id=job_id,
            job_name=job_name,
            room_id=room_id,
            status=PENDING,
            payload=payload,
            submitted_by=submitted_by,
            created_at=now,
            priority=priority,
            attempt=1,
            max_attempts=max_attempts,
            retry_backoff_seconds=retry_backoff_seconds,
        )
        .returning(t)
    )
    return (await session.execute(stmt)).mappings().one()


async def tasks_insert_many(
    session: DbSession,
    *,
    task_ids: Sequence[UUID],
    job_id: UUID,
    job_name: str,
    room_id: str,
    tasks: Sequence[tuple[dict[str, Any], int]],
    submitted_by: UUID,
    now: datetime,
    max_attempts: int = 1,
    retry_backoff_seconds: float = 1.0,
) -> None:
    """Insert pending tasks `(payload, priority)` in one executemany. They share `created_at`, so
    `task_ids` must ascend in the order given: (created_at, id) is their first-in, first-out."""
    common = {
        "job_id": job_id,
        "job_name": job_name,
        "room_id": room_id,
        "status": PENDING,
        "submitted_by": submitted_by,
        "created_at": now,
        "attempt": 1,
        "max_attempts": max_attempts,
        "retry_backoff_seconds": retry_backoff_seconds,
    }
    rows = [
        {**common, "id": task_id, "payload": payload, "priority": priority}
        for task_id, (payload, priority) in zip(task_ids, tasks, strict=True)
    ]
    await session.execute(t.insert(), rows)


async def task_get(session: DbSession, *, task_id: UUID) -> RowMapping | None:
    return (await session.execute(select(t).where(t.c.id == task_id))).mappings().one_or_none()


async def task_get_with_claimer_owner(session: DbSession, *, task_id: UUID) -> RowMapping | None:
    """The task and, as `claimer_owner`, the user owning the worker that claimed it (None if gone)."""
    stmt = (
        select(t, worker_table.c.user_id.label("claimer_owner"))
        .select_from(t.outerjoin(worker_table, worker_table.c.id == t.c.worker_id))
        .where(t.c.id == task_id)
    )
    return (await session.execute(stmt)).mappings().one_or_none()


def _claimable(h: Any) -> Any:
    """A pending task whose retry wait (if any) is over at `now`."""
    return and_(
        h.c.status == PENDING,
        or_(h.c.available_at.is_(None), h.c.available_at <= bindparam("now", type_=t.c.available_at.type)),
    )


def _owned_by_claimer() -> Any:
    """The claiming worker exists and belongs to the caller (`owner`): the claim's permission
    check, inside the statement (a refusal is explained by a read afterwards)."""
    return (
        select(worker_table.c.id)
        .where(worker_table.c.id == bindparam("worker_id"), worker_table.c.user_id == bindparam("owner"))
        .exists()
    )


def _claim_postgresql() -> Any:
    h = t.alias("h")
    link = link_table
    head = (
        select(h.c.id, h.c.priority, h.c.created_at)
        .where(h.c.job_id == link.c.job_id, _claimable(h))
        .order_by(h.c.priority.desc(), h.c.created_at, h.c.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .lateral("head")
    )
    candidate = (
        select(head.c.id)
        .select_from(link.join(head, true()))
        .where(link.c.worker_id == bindparam("worker_id"))
        .order_by(head.c.priority.desc(), head.c.created_at, head.c.id)
        .limit(1)
        .scalar_subquery()
    )
    return (
        update(t)
        .where(t.c.id == candidate, t.c.status == PENDING, _owned_by_claimer())
        .values(status=TaskStatus.claimed, worker_id=bindparam("claimer"), claimed_at=bindparam("now"))
        .returning(t)
    )


def _claim_sqlite() -> Any:
    h, x = t.alias("h"), t.alias("x")
    link = link_table
    head = (  # one index seek per job of the worker
        select(h.c.id)
        .where(h.c.job_id == link.c.job_id, _claimable(h))
        .order_by(h.c.priority.desc(), h.c.created_at, h.c.id)
        .limit(1)
        .correlate(link)
        .scalar_subquery()
    )
    heads = select(head).where(link.c.worker_id == bindparam("worker_id"))
    candidate = (  # the best of the heads, each read by its primary key
        select(x.c.id)
        .where(x.c.id.in_(heads))
        .order_by(x.c.priority.desc(), x.c.created_at, x.c.id)
        .limit(1)
        .scalar_subquery()
    )
    return (
        update(t)
        .where(t.c.id == candidate, t.c.status == PENDING, _owned_by_claimer())
        .values(status=TaskStatus.claimed, worker_id=bindparam("claimer"), claimed_at=bindparam("now"))
        .returning(t)
    )


# Built once: constructing the statement (aliases, subqueries, cache keys) cost more CPU per
# claim than running it. Parameters: worker_id, claimer (the same id), owner (the caller), now.
_CLAIMS = {"postgresql": _claim_postgresql(), "sqlite": _claim_sqlite()}


def claim_statement(dialect: str) -> Any:
    return _CLAIMS[dialect]


async def task_claim_next_pending(
    session: DbSession, *, worker_id: UUID, owner_id: UUID, now: datetime
) -> RowMapping | None:
    """Mark the best claimable task of the worker's jobs (highest priority, then oldest) claimed by
    it, if `owner_id` owns the worker; None when there is none or the worker is not theirs."""
    stmt = _CLAIMS[dialect_name(session)]
    params = {"worker_id": worker_id, "claimer": worker_id, "owner": owner_id, "now": now}
    return (await session.execute(stmt, params)).mappings().one_or_none()


async def task_claimable_exists_for_worker(session: DbSession, *, worker_id: UUID, now: datetime) -> bool:
    """Whether a task the worker may claim now exists (a claim that lost every race tries again)."""
    stmt = select(
        select(t.c.id)
        .join(link_table, link_table.c.job_id == t.c.job_id)
        .where(link_table.c.worker_id == worker_id, _claimable(t))
        .exists()
    )
    return bool((await session.execute(stmt, {"now": now})).scalar())


async def task_set_status_if(
    session: DbSession,
    *,
    task_id: UUID,
    expected: TaskStatus,
    status: TaskStatus,
    values: dict[str, Any],
) -> RowMapping | None:
    """Move the task to `status` only if it is still `expected`; None when it was not."""
    stmt = update(t).where(t.c.id == task_id, t.c.status == expected).values(status=status, **values).returning(t)
    return (await session.execute(stmt)).mappings().one_or_none()


async def task_set_status_if_claimed_by(
    session: DbSession,
    *,
    task_id: UUID,
    owner_id: UUID,
    sources: Iterable[TaskStatus],
    status: TaskStatus,
    values: dict[str, Any],
) -> RowMapping | None:
    """Move the task to `status` only if it is in one of `sources` and claimed by a worker that
    `owner_id` owns — the permission check and the guarded update of a worker's PATCH in one
    statement; None otherwise (the caller then reads the task to say why)."""
    stmt = _set_status_if_claimed_by(tuple(sources), status, tuple(values))
    params = {"task_id": task_id, "owner_id": owner_id, **{f"set_{column}": value for column, value in values.items()}}
    return (await session.execute(stmt, params)).mappings().one_or_none()


@functools.cache
def _set_status_if_claimed_by(sources: tuple[TaskStatus, ...], status: TaskStatus, columns: tuple[str, ...]) -> Any:
    """Built once per move (a worker's PATCH is the hottest statement): constructing it cost
    about as much CPU as running it. Parameters: task_id, owner_id, set_<column>."""
    claimer_owned = (
        select(worker_table.c.id)
        .where(worker_table.c.id == t.c.worker_id, worker_table.c.user_id == bindparam("owner_id"))
        .exists()
    )
    # Not `status IN (…)`: an expanding IN is rendered again on every execution.
    in_sources = or_(false(), *(t.c.status == source for source in sources))
    return (
        update(t)
        .where(t.c.id == bindparam("task_id"), in_sources, claimer_owned)
        .values(status=status, **{column: bindparam(f"set_{column}") for column in columns})
        .returning(t)
    )


async def tasks_active_of_worker(session: DbSession, *, worker_id: UUID) -> Sequence[RowMapping]:
    """The worker's claimed and running tasks, locked (worker cleanup decides retry or failure)."""
    stmt = select(t).where(t.c.worker_id == worker_id, t.c.status.in_(ACTIVE)).order_by(t.c.id).with_for_update()
    return (await session.execute(stmt)).mappings().all()


async def task_retry_if(
    session: DbSession,
    *,
    task_id: UUID,
    expected: TaskStatus,
    available_at: datetime,
    error: str | None,
) -> RowMapping | None:
    """Back to `pending` for another attempt, claimable from `available_at`, if still `expected`."""
    stmt = (
        update(t)
        .where(t.c.id == task_id, t.c.status == expected)
        .values(
            status=PENDING,
            attempt=t.c.attempt + 1,
            available_at=available_at,
            worker_id=None,
            claimed_at=None,
            started_at=None,
            progress=None,
            error=error,
        )
        .returning(t)
    )
    return (await session.execute(stmt)).mappings().one_or_none()


async def task_set_progress_if_running(
    session: DbSession, *, task_id: UUID, progress: dict[str, Any]
) -> RowMapping | None:
    """Store the latest progress of a running task; None when it is not running any more."""
    stmt = (
        update(t)
        .where(t.c.id == task_id, t.c.status == TaskStatus.running)
        .values(progress=progress)
        .returning(t.c.id, t.c.job_name, t.c.room_id)
    )
    return (await session.execute(stmt)).mappings().one_or_none()


async def tasks_due_between(
    session: DbSession, *, after: datetime, until: datetime, limit: int
) -> Sequence[RowMapping]:
    """Pending retries whose wait ended in (`after`, `until`]: their workers are woken again."""
    stmt = (
        select(t.c.id, t.c.job_name, t.c.room_id)
        .where(t.c.status == PENDING, t.c.available_at > after, t.c.available_at <= until)
        .order_by(t.c.available_at)
        .limit(limit)
    )
    return (await session.execute(stmt)).mappings().all()


async def tasks_fail_active_of_worker(
    session: DbSession, *, worker_id: UUID, error: str, now: datetime
) -> Sequence[RowMapping]:
    """Fail the worker's claimed and running tasks (worker cleanup)."""
    stmt = (
        update(t)
        .where(t.c.worker_id == worker_id, t.c.status.in_(ACTIVE))
        .values(status=TaskStatus.failed, error=error, completed_at=now)
        .returning(t)
    )
    return (await session.execute(stmt)).mappings().all()


async def tasks_fail_stuck_in_rooms(
    session: DbSession, *, job_ids: Iterable[UUID], claimed_before: datetime, error: str, now: datetime
) -> Sequence[RowMapping]:
    """Fail claimed/running tasks of these jobs claimed before the cutoff (stuck internal tasks)."""
    ids = list(job_ids)
    if not ids:
        return []
    stmt = (
        update(t)
        .where(t.c.job_id.in_(ids), t.c.status.in_(ACTIVE), t.c.claimed_at < claimed_before)
        .values(status=TaskStatus.failed, error=error, completed_at=now)
        .returning(t)
    )
    return (await session.execute(stmt)).mappings().all()


QUEUE_POSITION_COUNTED = 1000
"""Tasks ahead counted at most: positions go up to 1001 ("more than 1,000 ahead"), so a
submission costs the same with a thousand or a million pending (openapi.yaml, `queue_position`)."""


async def task_queue_positions(session: DbSession, *, rows: Iterable[RowMapping]) -> dict[UUID, int]:
    """1-based positions of the given pending tasks among their job's pending tasks, in claim
    order (higher priority first, then first in, first out), at most `QUEUE_POSITION_COUNTED` + 1."""
    positions: dict[UUID, int] = {}
    for row in rows:
        if row["status"] is not PENDING:
            continue
        params = {
            "job_id": row["job_id"],
            "priority": row["priority"],
            "created_at": row["created_at"],
            "task_id": row["id"],
        }
        ahead = int((await session.execute(_TASKS_AHEAD, params)).scalar_one())
        positions[row["id"]] = min(ahead, QUEUE_POSITION_COUNTED) + 1
    return positions


def _counted(conditions: Callable[[Any], list[Any]]) -> Any:
    """How many pending tasks of the job meet `conditions`, counting no further than the cap:
    one index range (ix_task_pending_claim) read for at most `QUEUE_POSITION_COUNTED` entries."""
    h = t.alias()
    ahead = (
        select(h.c.id)
        .where(h.c.job_id == bindparam("job_id"), h.c.status == PENDING, *conditions(h))
        .limit(QUEUE_POSITION_COUNTED)
        .subquery()
    )
    return select(func.count()).select_from(ahead).scalar_subquery()


_TASKS_AHEAD = select(
    _counted(lambda h: [h.c.priority > bindparam("priority")])  # a higher priority: a range on priority
    + _counted(  # the same priority, submitted earlier: a range on (created_at, id) within it
        lambda h: [
            h.c.priority == bindparam("priority"),
            tuple_(h.c.created_at, h.c.id)
            < tuple_(bindparam("created_at", type_=t.c.created_at.type), bindparam("task_id", type_=t.c.id.type)),
        ]
    )
)


async def tasks_page(
    session: DbSession,
    *,
    room_id: str | None,
    job_id: UUID | None = None,
    job_name: str | None = None,
    status: TaskStatus | None = None,
    limit: int,
    offset: int,
) -> tuple[Sequence[RowMapping], int]:
    """Tasks (of a room, of one job, in one status: each optional), newest first."""
    conditions = []
    if room_id is not None:
        conditions.append(t.c.room_id == room_id)
    if job_id is not None:
        conditions.append(t.c.job_id == job_id)
    if job_name is not None:
        conditions.append(t.c.job_name == job_name)
    if status is not None:
        conditions.append(t.c.status == status)
    return await newest_first(session, t, where=conditions, limit=limit, offset=offset)
