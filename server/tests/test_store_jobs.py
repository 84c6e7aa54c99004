"""store/jobs.py, store/workers.py and store/providers.py on their own, on every database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from store_factories import Factory

from zndraw_joblib.context import Runtime
from zndraw_joblib.store import jobs as job_store
from zndraw_joblib.store import providers as provider_store
from zndraw_joblib.store import workers as worker_store
from zndraw_joblib.store.types import new_id


@pytest.fixture
async def session(runtime: Runtime) -> AsyncIterator[AsyncSession]:
    async with runtime.session() as session:
        yield session
        await session.rollback()


@pytest.fixture
def make(session: AsyncSession) -> Factory:
    return Factory(session)


# -- jobs --


async def test_a_job_is_inserted_once_and_carries_its_owner(session: AsyncSession, make: Factory) -> None:
    job = await make.job(name="Rotate")
    assert job["owner_id"] == make.user_id
    again = await job_store.job_insert_if_absent(
        session,
        job_id=new_id(),
        room_id="lab",
        category="modifiers",
        name="Rotate",
        full_name="lab:modifiers:Rotate",
        schema={"type": "object"},
        now=make.tick(),
        owner_id=new_id(),
    )
    assert again is False
    kept = await job_store.job_get_by_full_name(session, full_name="lab:modifiers:Rotate")
    assert kept is not None
    assert (kept["id"], kept["schema"], kept["owner_id"]) == (job["id"], {}, make.user_id)


async def test_a_soft_deleted_job_is_hidden_until_reactivated_by_a_new_owner(
    session: AsyncSession, make: Factory
) -> None:
    job = await make.job(name="Scan")
    assert await job_store.job_soft_delete_if_active(session, job_id=job["id"], now=make.tick())
    assert not await job_store.job_soft_delete_if_active(session, job_id=job["id"], now=make.tick())
    assert await job_store.job_get_by_full_name(session, full_name=job["full_name"]) is None
    hidden = await job_store.job_get_by_full_name(session, full_name=job["full_name"], active_only=False)
    assert hidden is not None
    assert hidden["deleted_at"] is not None
    newcomer = new_id()
    await job_store.job_reactivate(session, job_id=job["id"], schema={"type": "object"}, owner_id=newcomer)
    revived = await job_store.job_get_by_full_name(session, full_name=job["full_name"])
    assert revived is not None
    assert (revived["schema"], revived["owner_id"]) == ({"type": "object"}, newcomer)
    await job_store.job_set_owner(session, job_id=job["id"], owner_id=make.user_id)
    assert (await job_store.job_lock(session, job_id=job["id"]) or {})["owner_id"] == make.user_id


async def test_links_connect_workers_and_jobs_once(session: AsyncSession, make: Factory) -> None:
    worker, other = await make.worker(), await make.worker()
    job = await make.job(worker=worker)
    assert not await job_store.link_ensure(session, worker_id=worker["id"], job_id=job["id"])
    assert await job_store.link_ensure(session, worker_id=other["id"], job_id=job["id"])
    assert await job_store.link_exists(session, worker_id=other["id"], job_id=job["id"])
    assert await job_store.job_worker_count(session, job_id=job["id"]) == 2
    assert (await job_store.job_workers(session, job_ids=[job["id"]]))[job["id"]] == sorted([worker["id"], other["id"]])
    assert await job_store.job_workers(session, job_ids=[]) == {}
    assert [r["id"] for r in await job_store.links_of_worker(session, worker_id=other["id"])] == [job["id"]]
    await job_store.links_delete_of_worker(session, worker_id=other["id"])
    assert not await job_store.link_exists(session, worker_id=other["id"], job_id=job["id"])
    assert await job_store.job_worker_count(session, job_id=job["id"]) == 1


async def test_a_job_knows_whether_a_task_waits_for_it(session: AsyncSession, make: Factory) -> None:
    job = await make.job()
    assert not await job_store.job_has_pending_task(session, job_id=job["id"])
    await make.task(job)
    assert await job_store.job_has_pending_task(session, job_id=job["id"])


async def test_jobs_are_listed_by_room_newest_first_without_hidden_ones(session: AsyncSession, make: Factory) -> None:
    a, b = await make.job("lab"), await make.job("lab")
    g = await make.job("@global")
    await make.job("elsewhere")
    rows, total = await job_store.jobs_page(session, rooms=["lab", "@global"], limit=10, offset=0)
    assert (total, [r["id"] for r in rows]) == (3, [g["id"], b["id"], a["id"]])
    await job_store.job_soft_delete_if_active(session, job_id=b["id"], now=make.tick())
    rows, total = await job_store.jobs_page(session, rooms=["lab"], limit=10, offset=0)
    assert (total, [r["id"] for r in rows]) == (1, [a["id"]])
    assert {r["id"] for r in await job_store.jobs_in_rooms(session, rooms=["lab", "@global"])} == {a["id"], g["id"]}


# -- workers --


async def test_a_worker_is_touched_locked_and_deleted(session: AsyncSession, make: Factory) -> None:
    worker = await make.worker()
    later = make.tick() + timedelta(seconds=5)
    touched = await worker_store.worker_touch(session, worker_id=worker["id"], now=later)
    assert touched is not None
    assert touched["last_heartbeat"] == later
    assert (await worker_store.worker_lock_skip_locked(session, worker_id=worker["id"]) or {})["id"] == worker["id"]
    await worker_store.worker_delete(session, worker_id=worker["id"])
    assert await worker_store.worker_get(session, worker_id=worker["id"]) is None
    assert await worker_store.worker_touch(session, worker_id=worker["id"], now=later) is None


async def test_silent_workers_are_found_oldest_first_up_to_the_limit(session: AsyncSession, make: Factory) -> None:
    first, second = await make.worker(), await make.worker()
    cutoff = make.tick()
    await make.worker()
    assert list(await worker_store.workers_silent_since(session, cutoff=cutoff, limit=10)) == [
        first["id"],
        second["id"],
    ]
    assert list(await worker_store.workers_silent_since(session, cutoff=cutoff, limit=1)) == [first["id"]]


async def test_workers_are_listed_with_their_job_count_and_by_the_rooms_they_serve(
    session: AsyncSession, make: Factory
) -> None:
    serving, idle = await make.worker(), await make.worker()
    await make.job("lab", worker=serving)
    await make.job("@global", worker=serving)
    rows, total = await worker_store.workers_page(session, limit=10, offset=0)
    assert (total, [(r["id"], r["job_count"]) for r in rows]) == (2, [(idle["id"], 0), (serving["id"], 2)])
    rows, total = await worker_store.workers_page(session, limit=10, offset=0, rooms=["lab"])
    assert (total, [r["id"] for r in rows]) == (1, [serving["id"]])


# -- providers --


async def test_a_provider_is_inserted_once_overwritten_and_deleted_with_its_worker(
    session: AsyncSession, make: Factory
) -> None:
    worker = await make.worker()
    values = {
        "room_id": "lab",
        "category": "fs",
        "name": "files",
        "full_name": "lab:fs:files",
        "schema": {},
        "content_type": "application/json",
        "worker_id": worker["id"],
        "user_id": make.user_id,
        "created_at": make.tick(),
    }
    assert await provider_store.provider_insert_if_absent(session, id=new_id(), **values)
    assert not await provider_store.provider_insert_if_absent(session, id=new_id(), **values)
    row = await provider_store.provider_get_by_full_name(session, full_name="lab:fs:files")
    assert row is not None
    assert (await provider_store.provider_get(session, provider_id=row["id"]) or {})["name"] == "files"
    overwritten = await provider_store.provider_overwrite(session, provider_id=row["id"], content_type="text/plain")
    assert overwritten["content_type"] == "text/plain"
    rows, total = await provider_store.providers_page(session, rooms=["lab"], limit=10, offset=0)
    assert (total, [r["id"] for r in rows]) == (1, [row["id"]])
    deleted = await provider_store.providers_delete_of_worker(session, worker_id=worker["id"])
    assert [r["id"] for r in deleted] == [row["id"]]
    assert await provider_store.provider_delete(session, provider_id=row["id"]) is None
