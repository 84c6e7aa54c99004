"""The claim uses the pending index on both databases, never a scan of the queue.

performance.md: on a freshly loaded table PostgreSQL's planner once chose a primary-key scan
and claims fell fivefold. The plan is checked after loading 2,000 pending tasks and ANALYZE.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import literal, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.visitors import replacement_traverse

from zndraw_joblib.context import Runtime
from zndraw_joblib.store import tasks as task_store
from zndraw_joblib.store.engine import dialect_name
from zndraw_joblib.store.tables import job_table, link_table, task_table, worker_table
from zndraw_joblib.store.types import new_id, utcnow


async def test_the_claim_seeks_the_pending_index(runtime: Runtime) -> None:
    now = utcnow()
    worker_id, owner_id, jobs = new_id(), new_id(), [new_id() for _ in range(3)]
    async with runtime.session() as session:
        await session.execute(
            worker_table.insert().values(id=worker_id, user_id=owner_id, created_at=now, last_heartbeat=now)
        )
        for i, job_id in enumerate(jobs):
            full_name = f"room1:modifiers:J{i}"
            await session.execute(
                job_table.insert().values(
                    id=job_id,
                    room_id="room1",
                    category="modifiers",
                    name=f"J{i}",
                    full_name=full_name,
                    schema={},
                    created_at=now,
                )
            )
            await session.execute(link_table.insert().values(worker_id=worker_id, job_id=job_id))
        rows = [
            {
                "id": new_id(), "job_id": jobs[n % 3], "job_name": "x:y:z", "room_id": "room1",
                "status": "pending" if n % 4 else "completed", "payload": {}, "submitted_by": worker_id,
                "created_at": now + timedelta(microseconds=n),
            }
            for n in range(2000)
        ]  # fmt: skip
        await session.execute(task_table.insert(), rows)
        await session.commit()
        dialect = dialect_name(session)
        values = {"worker_id": worker_id, "claimer": worker_id, "owner": owner_id, "now": now}
        statement = replacement_traverse(
            task_store.claim_statement(dialect),
            {},
            lambda e: literal(values[e.key], e.type) if isinstance(e, BindParameter) and e.key in values else None,
        )
        compiled = statement.compile(
            dialect=postgresql.dialect() if dialect == "postgresql" else sqlite.dialect(),
            compile_kwargs={"literal_binds": True},
        )
        if dialect == "postgresql":
            await session.execute(text("ANALYZE"))
            plan = "\n".join(r[0] for r in await session.execute(text(f"EXPLAIN {compiled}")))
            assert "ix_task_pending_claim" in plan, plan
            assert "Seq Scan on joblib_task" not in plan, plan
        else:
            plan = "\n".join(str(r[-1]) for r in await session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
            assert "ix_task_pending_claim" in plan, plan
            assert "SCAN joblib_task" not in plan, plan  # SQLite says SEARCH for an index seek
            assert "SCAN h" not in plan, plan
        await session.rollback()
        claimed = await task_store.task_claim_next_pending(session, worker_id=worker_id, owner_id=owner_id, now=now)
        assert claimed is not None
        assert claimed["created_at"] == now + timedelta(microseconds=1)  # the oldest pending one


async def test_the_queue_position_reads_index_ranges_only(runtime: Runtime) -> None:
    """Both counts of `queue_position` are index ranges (a higher priority; the same priority,
    submitted earlier), never a scan of the job's queue."""
    async with runtime.session() as session:
        dialect = dialect_name(session)
        now = utcnow()
        values = {"job_id": new_id(), "priority": 0, "created_at": now, "task_id": new_id()}
        statement = replacement_traverse(
            task_store._TASKS_AHEAD,
            {},
            lambda e: literal(values[e.key], e.type) if isinstance(e, BindParameter) and e.key in values else None,
        )
        compiled = statement.compile(
            dialect=postgresql.dialect() if dialect == "postgresql" else sqlite.dialect(),
            compile_kwargs={"literal_binds": True},
        )
        if dialect == "postgresql":
            await session.execute(text("SET enable_seqscan = off"))  # an empty table: ask for the index plan
            plan = "\n".join(r[0] for r in await session.execute(text(f"EXPLAIN {compiled}")))
            assert plan.count("ix_task_pending_claim") == 2, plan
        else:
            plan = "\n".join(str(r[-1]) for r in await session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
            searches = [line for line in plan.splitlines() if "ix_task_pending_claim" in line]
            assert len(searches) == 2, plan
            assert all(("SEARCH" in line and "priority>?" in line) or "created_at" in line for line in searches), plan
            assert not [line for line in plan.splitlines() if "SCAN joblib_task" in line], (
                plan
            )  # only the LIMITed sub-results are scanned
        await session.rollback()
