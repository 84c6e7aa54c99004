"""The sweeper: silent workers are cleaned up, stuck internal tasks fail, fresh ones survive."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import httpx
import pytest
from actors import ClientFactory, User
from calls import JOBS, claim, register_job, set_status, submit

from zndraw_joblib.context import Runtime
from zndraw_joblib.realtime.emit import RecordingEmitter
from zndraw_joblib.store.types import utcnow
from zndraw_joblib.sweeper import Sweeper, SweeperConfig


def sweeper_at(runtime: Runtime, *, seconds_later: float, worker_timeout: float = 60) -> Sweeper:
    """A sweeper whose clock runs `seconds_later` ahead of the real one."""
    runtime.clock = lambda: utcnow() + timedelta(seconds=seconds_later)
    return Sweeper(SweeperConfig(worker_timeout, internal_task_timeout_seconds=3600, interval_seconds=30), runtime)


async def test_a_silent_worker_is_cleaned_up_and_its_running_task_fails(
    api: httpx.AsyncClient, runtime: Runtime, emitter: RecordingEmitter
) -> None:
    job = await register_job(api)
    task = await submit(api, job["full_name"])
    await claim(api, job["worker_id"])
    await set_status(api, task["id"], "running")
    emitter.clear()
    result = await sweeper_at(runtime, seconds_later=61).run_once()
    assert (result.workers_removed, result.tasks_failed, result.jobs_hidden) == (1, 1, 1)
    runtime.clock = utcnow
    after = (await api.get(f"{JOBS}/tasks/{task['id']}")).json()
    assert (after["status"], after["error"]) == ("failed", "Worker disconnected")
    assert set(emitter.names()) == {("task_status_event", "room:room1"), ("jobs_invalidate", "room:room1")}


async def test_a_worker_that_heartbeats_survives(api: httpx.AsyncClient, runtime: Runtime) -> None:
    job = await register_job(api)
    result = await sweeper_at(runtime, seconds_later=30).run_once()
    assert not result
    runtime.clock = utcnow
    assert (await api.patch(f"{JOBS}/workers/{job['worker_id']}")).status_code == 200


async def test_sweeping_twice_does_nothing_the_second_time(api: httpx.AsyncClient, runtime: Runtime) -> None:
    await register_job(api)
    sweeper = sweeper_at(runtime, seconds_later=120)
    assert (await sweeper.run_once()).workers_removed == 1
    assert not await sweeper.run_once()


async def test_stuck_internal_tasks_fail_with_internal_worker_timeout(
    client_for: ClientFactory, admin: User, runtime: Runtime
) -> None:
    api = client_for(admin)
    job = await register_job(api, "@internal", "Center")
    # an internal task claimed long ago (as if dispatched to an executor that died)
    from zndraw_joblib.store import tasks as task_store  # noqa: PLC0415
    from zndraw_joblib.store.types import new_id  # noqa: PLC0415

    async with runtime.session() as session:
        row = await task_store.task_insert(
            session, task_id=new_id(), job_id=UUID(job["id"]), job_name=job["full_name"], room_id="room1",
            payload={}, submitted_by=admin.id, now=utcnow(),
        )  # fmt: skip
        await task_store.task_set_status_if(
            session, task_id=row["id"], expected="pending", status="claimed", values={"claimed_at": utcnow()}
        )
        await session.commit()
    runtime.clock = lambda: utcnow() + timedelta(seconds=3601)
    sweeper = Sweeper(SweeperConfig(1e9, internal_task_timeout_seconds=3600, interval_seconds=30), runtime)
    assert (await sweeper.run_once()).internal_tasks_timed_out == 1
    runtime.clock = utcnow
    task = (await api.get(f"{JOBS}/tasks/{row['id']}")).json()
    assert (task["status"], task["error"]) == ("failed", "Internal worker timeout")
    assert (await api.get(f"{JOBS}/rooms/@internal/jobs")).json()["total"] == 1  # internal jobs are never hidden


def test_the_config_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="positive"):
        SweeperConfig(0, 1, 1)
