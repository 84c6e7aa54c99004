"""Workers: create, list (with job counts), heartbeat, delete with cleanup."""

from __future__ import annotations

import httpx
from actors import ClientFactory, User
from calls import JOBS, claim, register_job, set_status, submit

from zndraw_joblib.realtime.emit import RecordingEmitter


async def test_create_list_and_heartbeat_a_worker(api: httpx.AsyncClient) -> None:
    created = await api.post(f"{JOBS}/workers")
    assert created.status_code == 201
    worker = created.json()
    page = (await api.get(f"{JOBS}/workers")).json()
    assert page["items"] == [{**worker, "job_count": 0}]
    beat = (await api.patch(f"{JOBS}/workers/{worker['id']}")).json()
    assert beat["last_heartbeat"] > worker["last_heartbeat"]


async def test_job_counts_and_room_workers(api: httpx.AsyncClient, client_for: ClientFactory, admin: User) -> None:
    job = await register_job(api, name="A")
    await register_job(api, name="B", worker_id=job["worker_id"])
    await register_job(api, room="room2", name="C")
    glob = await register_job(client_for(admin), "@global", "G")
    workers = {w["id"]: w["job_count"] for w in (await api.get(f"{JOBS}/workers")).json()["items"]}
    assert workers[job["worker_id"]] == 2
    room1 = {w["id"] for w in (await api.get(f"{JOBS}/rooms/room1/workers")).json()["items"]}
    assert room1 == {job["worker_id"], glob["worker_id"]}


async def test_deleting_a_worker_fails_its_tasks_and_deletes_its_providers(
    api: httpx.AsyncClient, emitter: RecordingEmitter
) -> None:
    job = await register_job(api)
    tasks = [await submit(api, job["full_name"]) for _ in range(3)]
    await claim(api, job["worker_id"])
    await claim(api, job["worker_id"])
    await set_status(api, tasks[1]["id"], "running")
    await api.put(f"{JOBS}/rooms/room1/providers", json={"category": "fs", "name": "p", "worker_id": job["worker_id"]})
    emitter.clear()
    assert (await api.delete(f"{JOBS}/workers/{job['worker_id']}")).status_code == 204
    statuses = [(await api.get(f"{JOBS}/tasks/{t['id']}")).json()["status"] for t in tasks]
    assert statuses == ["failed", "failed", "pending"]  # the pending one stays claimable by others
    assert (await api.get(f"{JOBS}/rooms/room1/providers")).json()["total"] == 0
    names = emitter.names()
    assert names.count(("task_status_event", "room:room1")) == 2
    assert ("jobs_invalidate", "room:room1") in names
    assert ("providers_invalidate", "room:room1") in names
    assert len(names) == len(set(names)) + 1  # only the two task events share (event, room)
    assert (await api.delete(f"{JOBS}/workers/{job['worker_id']}")).status_code == 404
    assert (await api.get(f"{JOBS}/rooms/room1/jobs")).json()["total"] == 1  # a pending task keeps the job


async def test_heartbeating_an_unknown_worker_is_404(api: httpx.AsyncClient) -> None:
    response = await api.patch(f"{JOBS}/workers/01a20e6f-4702-7e77-bd89-f68e6e038779")
    assert response.status_code == 404
    assert response.json()["type"] == "/v1/problems/worker-not-found"
