"""Internal jobs: registered at start, dispatched on submit, run by the server's taskiq broker."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from actors import ClientFactory, User
from calls import JOBS

from zndraw_joblib.app import create_app
from zndraw_joblib.internal import DISPATCH_FAILED, InternalExecutor, load_extensions, make_broker
from zndraw_joblib.internal_jobs import Sleep
from zndraw_joblib.realtime.emit import RecordingEmitter
from zndraw_joblib.settings import Settings

SLEEP = "@internal:analysis:Sleep"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    # in-process broker on both backends; the Redis broker runs with a real `taskiq worker`
    # process in tests/distributed
    return settings.model_copy(
        update={"internal_extensions": ("zndraw_joblib.internal_jobs:Sleep",), "internal_broker": "memory"}
    )


async def wait_terminal(api: httpx.AsyncClient, task_id: str) -> dict:
    for _ in range(20):
        task = (await api.get(f"{JOBS}/tasks/{task_id}", headers={"Prefer": "wait=5"})).json()
        if task["status"] in ("completed", "failed", "cancelled"):
            return task
    raise AssertionError("the internal task did not finish")


async def test_internal_jobs_are_registered_at_start_and_visible_from_rooms(api: httpx.AsyncClient) -> None:
    job = (await api.get(f"{JOBS}/rooms/room1/jobs/{SLEEP}")).json()
    assert job["schema"] == Sleep.model_json_schema()
    assert job["workers"] == []
    assert SLEEP in {j["full_name"] for j in (await api.get(f"{JOBS}/rooms/@internal/jobs")).json()["items"]}


async def test_a_submitted_internal_task_is_claimed_run_and_completed(
    api: httpx.AsyncClient, emitter: RecordingEmitter
) -> None:
    response = await api.post(f"{JOBS}/rooms/room1/tasks/{SLEEP}", json={"payload": {"seconds": 0.05}})
    assert response.status_code == 202
    task = response.json()
    assert task["status"] in ("claimed", "running", "completed")  # dispatched before the answer
    done = await wait_terminal(api, task["id"])
    assert (done["status"], done["error"], done["worker_id"]) == ("completed", None, None)
    assert done["started_at"] is not None
    # The long-poll and the room's events travel apart (the answer may come first, with Redis).
    for _ in range(200):
        statuses = [e.payload()["status"] for e in emitter.sent if e.name == "task_status_event"]
        if statuses[-1:] == ["completed"]:
            break
        await asyncio.sleep(0.05)
    assert statuses == ["pending", "claimed", "running", "completed"]
    assert not any(e.name == "task_available" for e in emitter.sent)  # nobody else claims internal tasks


async def test_an_extension_that_raises_fails_its_task_with_the_error(api: httpx.AsyncClient) -> None:
    task = (
        await api.post(f"{JOBS}/rooms/room1/tasks/{SLEEP}", json={"payload": {"seconds": 0, "fail_with": "boom"}})
    ).json()
    done = await wait_terminal(api, task["id"])
    assert (done["status"], done["error"]) == ("failed", "RuntimeError: boom")


async def test_payloads_are_checked_against_the_extension_schema(api: httpx.AsyncClient) -> None:
    response = await api.post(f"{JOBS}/rooms/room1/tasks/{SLEEP}", json={"payload": {"seconds": 600}})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "payload", "seconds"]


async def test_a_task_cancelled_before_it_runs_is_not_run(
    api: httpx.AsyncClient, client_for: ClientFactory, admin: User
) -> None:
    task = (await api.post(f"{JOBS}/rooms/room1/tasks/{SLEEP}", json={"payload": {"seconds": 2}})).json()
    await asyncio.sleep(0.1)
    cancelled = await client_for(admin).patch(f"{JOBS}/tasks/{task['id']}", json={"status": "cancelled"})
    assert cancelled.status_code == 200
    await asyncio.sleep(2.2)
    assert (await api.get(f"{JOBS}/tasks/{task['id']}")).json()["status"] == "cancelled"


async def test_a_failed_dispatch_fails_the_task(settings: Settings, alice: User, tmp_path: Path) -> None:
    """A real broker that cannot reach its queue: Redis on a port nobody listens on."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        runtime = app.state.zndraw_joblib
        assert isinstance(runtime.executor, InternalExecutor)
        broken = make_broker("redis", "redis://127.0.0.1:1/0")
        runtime.executor = InternalExecutor(runtime, runtime.executor.extensions, broker=broken)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t", headers=alice.headers) as api:
            response = await api.post(f"{JOBS}/rooms/room1/tasks/{SLEEP}", json={"payload": {"seconds": 0}})
            assert response.status_code == 202
            task = (await api.get(f"{JOBS}/tasks/{response.json()['id']}")).json()
            assert (task["status"], task["error"]) == ("failed", DISPATCH_FAILED)


def test_an_extension_without_run_is_refused_at_load() -> None:
    with pytest.raises(TypeError, match="does not implement run"):
        load_extensions(["zndraw_joblib.internal:InternalExtension"])
