"""Tasks: submission, claim, transitions, listings, and the events each step emits."""

from __future__ import annotations

import httpx
import pytest
from actors import ClientFactory, User
from calls import JOBS, claim, register_job, set_status, submit

from zndraw_joblib.realtime.emit import RecordingEmitter

SCHEMA = {"type": "object", "properties": {"angle": {"type": "number"}}, "required": ["angle"]}


async def test_a_task_goes_pending_claimed_running_completed(api: httpx.AsyncClient) -> None:
    job = await register_job(api, schema=SCHEMA)
    response = await api.post(f"{JOBS}/rooms/room1/tasks/{job['full_name']}", json={"payload": {"angle": 45}})
    assert response.status_code == 202
    task = response.json()
    assert response.headers["location"] == f"/v1/joblib/tasks/{task['id']}"
    assert response.headers["retry-after"] == "1"
    assert (task["status"], task["queue_position"], task["payload"]) == ("pending", 1, {"angle": 45})
    assert task["created_at"].endswith("Z")

    claimed = await claim(api, job["worker_id"])
    assert claimed is not None
    assert (claimed["id"], claimed["status"], claimed["worker_id"]) == (task["id"], "claimed", job["worker_id"])
    assert claimed["queue_position"] is None

    running = (await set_status(api, task["id"], "running")).json()
    assert running["started_at"] is not None
    assert running["completed_at"] is None
    completed = (await set_status(api, task["id"], "completed")).json()
    assert completed["status"] == "completed"
    assert completed["completed_at"] >= completed["started_at"]
    assert await claim(api, job["worker_id"]) is None


async def test_each_step_emits_its_events_to_the_documented_rooms(
    api: httpx.AsyncClient, emitter: RecordingEmitter
) -> None:
    job = await register_job(api)
    emitter.clear()
    task = await submit(api, job["full_name"], room="room1")
    assert emitter.names() == [("task_status_event", "room:room1"), ("task_available", f"jobs:{job['full_name']}")]
    available = emitter.sent[1].payload()
    assert available == {"job_name": job["full_name"], "room_id": "room1", "task_id": task["id"]}
    emitter.clear()
    await claim(api, job["worker_id"])
    await set_status(api, task["id"], "running")
    await set_status(api, task["id"], "failed", error="boom")
    statuses = [e.payload()["status"] for e in emitter.sent]
    assert statuses == ["claimed", "running", "failed"]
    assert {e.room for e in emitter.sent} == {"room:room1"}
    assert emitter.sent[-1].payload()["error"] == "boom"


async def test_task_status_events_go_to_the_submission_room(
    client_for: ClientFactory, admin: User, emitter: RecordingEmitter
) -> None:
    api = client_for(admin)
    job = await register_job(api, "@global", "G")
    emitter.clear()
    await submit(api, job["full_name"], room="lab")
    assert emitter.names() == [("task_status_event", "room:lab"), ("task_available", "jobs:@global:modifiers:G")]


async def test_an_invalid_payload_is_422_and_stores_nothing(api: httpx.AsyncClient, emitter: RecordingEmitter) -> None:
    job = await register_job(api, schema=SCHEMA)
    emitter.clear()
    response = await api.post(f"{JOBS}/rooms/room1/tasks/{job['full_name']}", json={"payload": {"angle": "x"}})
    assert response.status_code == 422
    problem = response.json()
    assert problem["errors"] == [
        {"loc": ["body", "payload", "angle"], "msg": "'x' is not of type 'number'", "type": "json_schema"}
    ]
    missing = await api.post(f"{JOBS}/rooms/room1/tasks/{job['full_name']}", json={})
    assert missing.status_code == 422
    assert (await api.get(f"{JOBS}/rooms/room1/tasks")).json()["total"] == 0
    assert emitter.sent == []


async def test_claim_is_fifo_across_rooms(client_for: ClientFactory, admin: User) -> None:
    api = client_for(admin)
    job = await register_job(api, "@global", "G")
    ids = [(await submit(api, job["full_name"], room=f"r{i % 3}"))["id"] for i in range(6)]
    assert [(await claim(api, job["worker_id"]))["id"] for _ in ids] == ids  # type: ignore[index]


async def test_queue_positions_count_pending_tasks_of_the_job(api: httpx.AsyncClient) -> None:
    job = await register_job(api)
    tasks = [await submit(api, job["full_name"]) for _ in range(3)]
    assert [t["queue_position"] for t in tasks] == [1, 2, 3]
    await claim(api, job["worker_id"])
    third = (await api.get(f"{JOBS}/tasks/{tasks[2]['id']}")).json()
    assert third["queue_position"] == 2
    page = (await api.get(f"{JOBS}/rooms/room1/tasks", params={"status": "pending"})).json()
    assert [t["queue_position"] for t in page["items"]] == [2, 1]


async def test_a_worker_claims_only_tasks_of_its_own_jobs(api: httpx.AsyncClient) -> None:
    a = await register_job(api, name="A")
    b = await register_job(api, name="B")
    await submit(api, a["full_name"])
    assert await claim(api, b["worker_id"]) is None
    assert (await claim(api, a["worker_id"])) is not None


async def test_invalid_transitions_are_409(api: httpx.AsyncClient) -> None:
    job = await register_job(api)
    task = await submit(api, job["full_name"])
    for status in ("running", "completed", "claimed", "pending"):
        response = await set_status(api, task["id"], status)
        assert response.status_code in (403, 409), status
    await claim(api, job["worker_id"])
    assert (await set_status(api, task["id"], "completed")).status_code == 409
    assert (await set_status(api, task["id"], "failed", error="cannot start")).status_code == 200
    after = await set_status(api, task["id"], "running")
    assert after.status_code == 409
    assert after.json()["type"] == "/v1/problems/invalid-task-transition"


async def test_the_error_is_stored_only_with_a_terminal_status(api: httpx.AsyncClient) -> None:
    job = await register_job(api)
    task = await submit(api, job["full_name"])
    await claim(api, job["worker_id"])
    assert (await set_status(api, task["id"], "running", error="ignored")).json()["error"] is None
    assert (await set_status(api, task["id"], "failed", error="ValueError: x")).json()["error"] == "ValueError: x"


async def test_the_submitter_may_cancel_a_pending_task(client_for: ClientFactory, alice: User, bob: User) -> None:
    job = await register_job(client_for(alice))
    task = await submit(client_for(bob), job["full_name"])
    response = await set_status(client_for(bob), task["id"], "cancelled")
    assert response.status_code == 200
    assert response.json()["completed_at"] is not None


async def test_cancelling_the_last_pending_task_of_an_unserved_job_hides_the_job(api: httpx.AsyncClient) -> None:
    job = await register_job(api)
    task = await submit(api, job["full_name"])
    await api.delete(f"{JOBS}/workers/{job['worker_id']}")
    assert (await api.get(f"{JOBS}/rooms/room1/jobs")).json()["total"] == 1  # a pending task keeps it
    await set_status(api, task["id"], "cancelled")
    assert (await api.get(f"{JOBS}/rooms/room1/jobs")).json()["total"] == 0


async def test_submitting_to_another_rooms_private_job_is_404(api: httpx.AsyncClient) -> None:
    job = await register_job(api, room="room2")
    response = await api.post(f"{JOBS}/rooms/room1/tasks/{job['full_name']}", json={})
    assert response.status_code == 404
    assert response.json()["type"] == "/v1/problems/job-not-found"


async def test_internal_jobs_without_an_executor_are_503(client_for: ClientFactory, admin: User) -> None:
    api = client_for(admin)
    job = await register_job(api, "@internal", "Center")
    response = await api.post(f"{JOBS}/rooms/room1/tasks/{job['full_name']}", json={})
    assert response.status_code == 503
    assert response.json()["type"] == "/v1/problems/internal-job-not-configured"


@pytest.mark.parametrize("status", ["pending", "claimed", "completed"])
async def test_listings_filter_by_status(api: httpx.AsyncClient, status: str) -> None:
    job = await register_job(api)
    tasks = [await submit(api, job["full_name"]) for _ in range(3)]
    await claim(api, job["worker_id"])
    await claim(api, job["worker_id"])
    await set_status(api, tasks[0]["id"], "running")
    await set_status(api, tasks[0]["id"], "completed")
    expected = {"pending": [tasks[2]], "claimed": [tasks[1]], "completed": [tasks[0]]}[status]
    for url in (f"{JOBS}/rooms/room1/tasks", f"{JOBS}/rooms/room1/jobs/{job['full_name']}/tasks"):
        page = (await api.get(url, params={"status": status})).json()
        assert [t["id"] for t in page["items"]] == [t["id"] for t in expected]


async def test_unknown_tasks_are_404(api: httpx.AsyncClient) -> None:
    response = await api.get(f"{JOBS}/tasks/00000000-0000-7000-8000-000000000000")
    assert response.status_code == 404
    assert response.json()["type"] == "/v1/problems/task-not-found"
