"""store/tasks.py on its own, on every database: each statement, its guard and its order."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from store_factories import Factory

from zndraw_joblib._generated.models import TaskStatus
from zndraw_joblib.context import Runtime
from zndraw_joblib.store import tasks as task_store
from zndraw_joblib.store.types import new_id


@pytest.fixture
async def session(runtime: Runtime) -> AsyncIterator[AsyncSession]:
    async with runtime.session() as session:
        yield session
        await session.rollback()


@pytest.fixture
def make(session: AsyncSession) -> Factory:
    return Factory(session)


async def test_an_inserted_task_is_pending_with_its_status_as_the_enum(session: AsyncSession, make: Factory) -> None:
    task = await make.task(await make.job(), angle=3)
    assert task["status"] is TaskStatus.pending
    again = await task_store.task_get(session, task_id=task["id"])
    assert again is not None
    assert again["status"] is TaskStatus.pending
    assert again["payload"] == {"angle": 3}
    assert await task_store.task_get(session, task_id=new_id()) is None


async def test_the_claim_takes_the_oldest_pending_task_across_the_workers_jobs(
    session: AsyncSession, make: Factory
) -> None:
    worker = await make.worker()
    a, b = await make.job(worker=worker), await make.job(worker=worker)
    other = await make.job()  # not the worker's
    first, _ = await make.task(b), await make.task(other)
    second = await make.task(a)
    claimed = await task_store.task_claim_next_pending(
        session, worker_id=worker["id"], owner_id=worker["user_id"], now=make.tick()
    )
    assert claimed is not None
    assert (claimed["id"], claimed["status"], claimed["worker_id"]) == (first["id"], TaskStatus.claimed, worker["id"])
    assert claimed["claimed_at"] == make.now
    following = await task_store.task_claim_next_pending(
        session, worker_id=worker["id"], owner_id=worker["user_id"], now=make.tick()
    )
    assert following is not None
    assert following["id"] == second["id"]
    assert (
        await task_store.task_claim_next_pending(
            session, worker_id=worker["id"], owner_id=worker["user_id"], now=make.tick()
        )
        is None
    )
    assert not await task_store.task_claimable_exists_for_worker(session, worker_id=worker["id"], now=make.tick())


async def test_the_claim_is_refused_to_whoever_does_not_own_the_worker(session: AsyncSession, make: Factory) -> None:
    worker = await make.worker()
    task = await make.task(await make.job(worker=worker))
    stranger = new_id()
    assert (
        await task_store.task_claim_next_pending(session, worker_id=worker["id"], owner_id=stranger, now=make.tick())
        is None
    )
    assert (await task_store.task_get(session, task_id=task["id"]))["status"] is TaskStatus.pending
    claimed = await task_store.task_claim_next_pending(
        session, worker_id=worker["id"], owner_id=worker["user_id"], now=make.tick()
    )
    assert claimed is not None
    assert claimed["id"] == task["id"]


async def test_a_worker_without_jobs_claims_nothing(session: AsyncSession, make: Factory) -> None:
    await make.task(await make.job())
    idle = await make.worker()
    assert (
        await task_store.task_claim_next_pending(
            session, worker_id=idle["id"], owner_id=idle["user_id"], now=make.tick()
        )
        is None
    )
    assert not await task_store.task_claimable_exists_for_worker(session, worker_id=idle["id"], now=make.tick())


async def test_a_guarded_move_happens_only_from_the_expected_status(session: AsyncSession, make: Factory) -> None:
    task = await make.task(await make.job())
    moved = await task_store.task_set_status_if(
        session, task_id=task["id"], expected=TaskStatus.pending, status=TaskStatus.cancelled, values={"error": "x"}
    )
    assert moved is not None
    assert (moved["status"], moved["error"]) == (TaskStatus.cancelled, "x")
    again = await task_store.task_set_status_if(
        session, task_id=task["id"], expected=TaskStatus.pending, status=TaskStatus.claimed, values={}
    )
    assert again is None


async def test_the_claimer_owner_is_read_with_the_task_and_is_none_once_the_worker_is_gone(
    session: AsyncSession, make: Factory
) -> None:
    worker = await make.worker()
    task = await make.task(await make.job(worker=worker))
    await task_store.task_claim_next_pending(
        session, worker_id=worker["id"], owner_id=worker["user_id"], now=make.tick()
    )
    row = await task_store.task_get_with_claimer_owner(session, task_id=task["id"])
    assert row is not None
    assert row["claimer_owner"] == make.user_id
    pending = await make.task(await make.job())
    row = await task_store.task_get_with_claimer_owner(session, task_id=pending["id"])
    assert row is not None
    assert row["claimer_owner"] is None


async def test_a_workers_active_tasks_fail_together_and_nothing_else_moves(
    session: AsyncSession, make: Factory
) -> None:
    worker = await make.worker()
    job = await make.job(worker=worker)
    claimed, running, waiting = await make.task(job), await make.task(job), await make.task(job)
    for _ in range(2):
        await task_store.task_claim_next_pending(
            session, worker_id=worker["id"], owner_id=worker["user_id"], now=make.tick()
        )
    await task_store.task_set_status_if(
        session, task_id=running["id"], expected=TaskStatus.claimed, status=TaskStatus.running, values={}
    )
    failed = await task_store.tasks_fail_active_of_worker(
        session, worker_id=worker["id"], error="gone", now=make.tick()
    )
    assert {r["id"] for r in failed} == {claimed["id"], running["id"]}
    assert all(r["status"] is TaskStatus.failed and r["error"] == "gone" for r in failed)
    untouched = await task_store.task_get(session, task_id=waiting["id"])
    assert untouched is not None
    assert untouched["status"] is TaskStatus.pending


async def test_stuck_tasks_fail_only_past_the_cutoff_and_only_in_the_given_jobs(
    session: AsyncSession, make: Factory
) -> None:
    worker = await make.worker()
    job, elsewhere = await make.job(worker=worker), await make.job(worker=worker)
    old = await make.task(job)
    await task_store.task_claim_next_pending(
        session, worker_id=worker["id"], owner_id=worker["user_id"], now=make.tick()
    )
    cutoff = make.tick()
    await make.task(elsewhere)
    await task_store.task_claim_next_pending(
        session, worker_id=worker["id"], owner_id=worker["user_id"], now=make.tick() + timedelta(seconds=1)
    )
    stuck = await task_store.tasks_fail_stuck_in_rooms(
        session, job_ids=[job["id"], elsewhere["id"]], claimed_before=cutoff, error="timeout", now=make.tick()
    )
    assert [r["id"] for r in stuck] == [old["id"]]
    assert (
        await task_store.tasks_fail_stuck_in_rooms(
            session, job_ids=[], claimed_before=cutoff, error="timeout", now=make.tick()
        )
        == []
    )


async def test_queue_positions_count_the_pending_tasks_ahead_in_the_same_job(
    session: AsyncSession, make: Factory
) -> None:
    job, other = await make.job(), await make.job()
    tasks = [await make.task(job) for _ in range(3)]
    await make.task(other)
    positions = await task_store.task_queue_positions(session, rows=tasks)
    assert [positions[t["id"]] for t in tasks] == [1, 2, 3]
    cancelled = await task_store.task_set_status_if(
        session, task_id=tasks[0]["id"], expected=TaskStatus.pending, status=TaskStatus.cancelled, values={}
    )
    assert cancelled is not None
    positions = await task_store.task_queue_positions(session, rows=[cancelled, tasks[1], tasks[2]])
    assert positions == {tasks[1]["id"]: 1, tasks[2]["id"]: 2}


async def test_a_bulk_insert_keeps_the_order_given_and_positions_stop_counting_at_the_cap(
    session: AsyncSession, make: Factory
) -> None:
    job = await make.job()
    cap = task_store.QUEUE_POSITION_COUNTED
    ids = sorted(new_id() for _ in range(cap + 5))
    await task_store.tasks_insert_many(
        session,
        task_ids=ids,
        job_id=job["id"],
        job_name=job["full_name"],
        room_id="lab",
        tasks=[({"n": n}, 0) for n in range(cap + 5)],
        submitted_by=make.user_id,
        now=make.tick(),
    )
    rows = [
        await task_store.task_get(session, task_id=task_id) for task_id in (ids[0], ids[cap - 1], ids[cap], ids[-1])
    ]
    assert [r["payload"]["n"] for r in rows if r is not None] == [0, cap - 1, cap, cap + 4]
    positions = await task_store.task_queue_positions(session, rows=[r for r in rows if r is not None])
    assert [positions[task_id] for task_id in (ids[0], ids[cap - 1], ids[cap], ids[-1])] == [1, cap, cap + 1, cap + 1]
    urgent = await make.task(job)
    urgent_row = await task_store.task_set_status_if(
        session, task_id=urgent["id"], expected=TaskStatus.pending, status=TaskStatus.pending, values={"priority": 5}
    )
    assert urgent_row is not None
    assert (await task_store.task_queue_positions(session, rows=[urgent_row]))[urgent["id"]] == 1


async def test_a_page_is_newest_first_filtered_and_counted(session: AsyncSession, make: Factory) -> None:
    job, other = await make.job(), await make.job()
    made = [await make.task(job) for _ in range(5)]
    await make.task(other, room_id="elsewhere")
    rows, total = await task_store.tasks_page(session, room_id="lab", limit=2, offset=1)
    assert total == 5
    assert [r["id"] for r in rows] == [made[3]["id"], made[2]["id"]]
    await task_store.task_set_status_if(
        session, task_id=made[0]["id"], expected=TaskStatus.pending, status=TaskStatus.cancelled, values={}
    )
    rows, total = await task_store.tasks_page(
        session, room_id="lab", job_id=job["id"], status=TaskStatus.cancelled, limit=10, offset=0
    )
    assert (total, [r["id"] for r in rows]) == (1, [made[0]["id"]])
    empty, total = await task_store.tasks_page(session, room_id="lab", limit=0, offset=0)
    assert (list(empty), total) == ([], 5)
    past, total = await task_store.tasks_page(session, room_id="lab", limit=10, offset=50)
    assert (list(past), total) == ([], 5)
