"""The task lifecycle (openapi.yaml "Task lifecycle"): cancel, progress, results, retries,
priorities, idempotent submit, no workers, provider errors — on every backend."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from actors import ClientFactory, User
from calls import JOBS, claim, register_job, set_status, submit

from zndraw_joblib.context import Runtime
from zndraw_joblib.realtime.emit import RecordingEmitter
from zndraw_joblib.sweeper import Sweeper


async def running_task(
    api: httpx.AsyncClient, submitter: httpx.AsyncClient | None = None, **job: Any
) -> dict[str, Any]:
    registered = await register_job(api, **job)
    task = await submit(submitter or api, registered["full_name"])
    claimed = await claim(api, registered["worker_id"])
    assert claimed is not None
    assert claimed["id"] == task["id"]
    assert (await set_status(api, task["id"], "running")).status_code == 200
    return {**task, "worker_id": registered["worker_id"], "job": registered}


# -- cancel --


async def test_the_submitter_cancels_a_running_task_and_only_its_worker_is_told(
    client_for: ClientFactory, alice: User, bob: User, emitter: RecordingEmitter
) -> None:
    worker_side, submitter = client_for(alice), client_for(bob)
    task = await running_task(worker_side, submitter)
    emitter.clear()
    cancelled = await submitter.patch(f"{JOBS}/tasks/{task['id']}", json={"status": "cancelled"})
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["completed_at"] is not None
    told = [e for e in emitter.sent if e.name == "task_cancelled"]
    assert [(e.room, e.payload()["id"]) for e in told] == [(f"workers:{task['worker_id']}", task["id"])]
    late = await worker_side.patch(f"{JOBS}/tasks/{task['id']}", json={"status": "completed"})
    assert late.status_code == 409
    assert late.json()["type"] == "/v1/problems/invalid-task-transition"


async def test_a_stranger_cannot_cancel_and_a_pending_cancel_tells_no_worker(
    client_for: ClientFactory, alice: User, bob: User, emitter: RecordingEmitter
) -> None:
    api = client_for(alice)
    task = await running_task(api)
    assert (await client_for(bob).patch(f"{JOBS}/tasks/{task['id']}", json={"status": "cancelled"})).status_code == 403
    pending = await submit(api, task["job"]["full_name"])
    emitter.clear()
    assert (await set_status(api, pending["id"], "cancelled")).status_code == 200
    assert [e for e in emitter.sent if e.name == "task_cancelled"] == []


# -- progress --


async def test_progress_of_a_running_task_is_kept_and_announced_at_most_once_per_window(
    api: httpx.AsyncClient, emitter: RecordingEmitter, runtime: Runtime
) -> None:
    task = await running_task(api)
    emitter.clear()
    started = time.monotonic()
    for step in range(1, 201):
        reported = await api.put(f"{JOBS}/tasks/{task['id']}/progress", json={"current": step, "total": 200})
        assert reported.status_code == 204, reported.text
    took = time.monotonic() - started
    await asyncio.sleep(runtime.settings.progress_window_seconds * 3)
    events = [e.payload() for e in emitter.sent if e.name == "task_progress"]
    windows = took / runtime.settings.progress_window_seconds
    assert 1 <= len(events) <= windows + 2  # coalesced: not one per report
    assert events[-1]["progress"]["current"] == 200  # the last report is never lost
    assert events[-1]["room_id"] == "room1"
    stored = (await api.get(f"{JOBS}/tasks/{task['id']}")).json()["progress"]
    assert (stored["current"], stored["total"], stored["fraction"]) == (200, 200, None)


async def test_progress_is_for_running_tasks_and_their_workers(
    client_for: ClientFactory, alice: User, bob: User
) -> None:
    api = client_for(alice)
    registered = await register_job(api)
    pending = await submit(api, registered["full_name"])
    not_running = await api.put(f"{JOBS}/tasks/{pending['id']}/progress", json={"fraction": 0.1})
    assert not_running.status_code == 409
    task = await running_task(api, name="Other")
    assert (await client_for(bob).put(f"{JOBS}/tasks/{task['id']}/progress", json={"fraction": 0.1})).status_code == 403
    assert (await api.put(f"{JOBS}/tasks/{task['id']}/progress", json={})).status_code == 422
    assert (await api.put(f"{JOBS}/tasks/{task['id']}/progress", json={"fraction": 1.5})).status_code == 422


# -- results --


async def test_a_result_round_trips_and_only_with_completed(api: httpx.AsyncClient) -> None:
    task = await running_task(api)
    wrong = await api.patch(f"{JOBS}/tasks/{task['id']}", json={"status": "failed", "result": 1})
    assert wrong.status_code == 422
    result = {"rmsd": 0.42, "frames": [1, 2, 3], "label": "ok"}
    done = await api.patch(f"{JOBS}/tasks/{task['id']}", json={"status": "completed", "result": result})
    assert done.json()["result"] == result
    polled = await api.get(f"{JOBS}/tasks/{task['id']}", headers={"Prefer": "wait=5"})
    assert polled.json()["result"] == result


@pytest.mark.settings(max_result_bytes=100)
async def test_a_result_over_the_limit_is_413_and_the_task_keeps_running(api: httpx.AsyncClient) -> None:
    task = await running_task(api)
    big = await api.patch(f"{JOBS}/tasks/{task['id']}", json={"status": "completed", "result": "x" * 200})
    assert big.status_code == 413
    assert (await api.get(f"{JOBS}/tasks/{task['id']}")).json()["status"] == "running"


# -- retries --


async def test_retries_use_attempts_then_fail(api: httpx.AsyncClient, emitter: RecordingEmitter) -> None:
    registered = await register_job(api, name="Retried")
    job = await api.put(
        f"{JOBS}/rooms/room1/jobs",
        json={"category": "modifiers", "name": "Retried", "max_attempts": 2, "retry_backoff_seconds": 0.5},
    )
    assert (job.json()["max_attempts"], job.json()["retry_backoff_seconds"]) == (2, 0.5)
    task = await submit(api, registered["full_name"])
    assert (task["attempt"], task["max_attempts"]) == (1, 2)
    assert (await claim(api, registered["worker_id"]))["id"] == task["id"]
    emitter.clear()
    retried = await api.patch(
        f"{JOBS}/tasks/{task['id']}", json={"status": "failed", "error": "flaky", "retryable": True}
    )
    body = retried.json()
    assert (body["status"], body["attempt"], body["worker_id"], body["error"]) == ("pending", 2, None, "flaky")
    assert body["available_at"] is not None
    assert body["queue_position"] == 1
    assert await claim(api, registered["worker_id"]) is None  # not before its backoff
    await asyncio.sleep(0.7)
    assert [e.name for e in emitter.sent].count("task_available") == 1  # woken when it became claimable
    again = await claim(api, registered["worker_id"])
    assert again is not None
    assert (again["id"], again["attempt"]) == (task["id"], 2)
    final = await api.patch(f"{JOBS}/tasks/{task['id']}", json={"status": "failed", "retryable": True})
    assert (final.json()["status"], final.json()["attempt"]) == ("failed", 2)  # no attempts left


async def test_a_task_whose_worker_dies_is_retried_by_another_worker_when_attempts_remain(
    api: httpx.AsyncClient,
) -> None:
    policy = {"category": "modifiers", "name": "Long", "max_attempts": 2, "retry_backoff_seconds": 0}
    first = await api.put(f"{JOBS}/rooms/room1/jobs", json=policy)
    second = await api.put(f"{JOBS}/rooms/room1/jobs", json=policy)  # a second worker of the job
    task = await submit(api, first.json()["full_name"])
    assert (await claim(api, first.json()["worker_id"]))["id"] == task["id"]
    assert (await api.delete(f"{JOBS}/workers/{first.json()['worker_id']}")).status_code == 204
    back = (await api.get(f"{JOBS}/tasks/{task['id']}")).json()
    assert (back["status"], back["attempt"], back["error"]) == ("pending", 2, "Worker disconnected")
    rerun = await claim(api, second.json()["worker_id"])
    assert rerun is not None
    assert rerun["id"] == task["id"]
    assert (await api.delete(f"{JOBS}/workers/{second.json()['worker_id']}")).status_code == 204
    assert (await api.get(f"{JOBS}/tasks/{task['id']}")).json()["status"] == "failed"  # no attempts left


async def test_the_sweeper_wakes_the_workers_of_retries_that_became_claimable(
    api: httpx.AsyncClient, runtime: Runtime, emitter: RecordingEmitter
) -> None:
    job = await api.put(
        f"{JOBS}/rooms/room1/jobs",
        json={"category": "modifiers", "name": "Woken", "max_attempts": 3, "retry_backoff_seconds": 0.2},
    )
    task = await submit(api, job.json()["full_name"])
    await claim(api, job.json()["worker_id"])
    sweeper = Sweeper.from_runtime(runtime)
    await sweeper.run_once()
    await api.patch(f"{JOBS}/tasks/{task['id']}", json={"status": "failed", "retryable": True})
    runtime.cancel_timers()  # as if the replica that scheduled the wake-up went away
    await asyncio.sleep(0.3)
    emitter.clear()
    assert (await sweeper.run_once()).retries_woken == 1
    assert [e.payload()["task_id"] for e in emitter.sent if e.name == "task_available"] == [task["id"]]


# -- priorities --


async def test_a_higher_priority_task_submitted_last_is_claimed_first(api: httpx.AsyncClient) -> None:
    job = await register_job(api)
    low = [await submit(api, job["full_name"]) for _ in range(3)]
    high = await api.post(f"{JOBS}/rooms/room1/tasks/{job['full_name']}", json={"payload": {}, "priority": 10})
    assert high.json()["queue_position"] == 1
    assert (await api.get(f"{JOBS}/tasks/{low[0]['id']}")).json()["queue_position"] == 2
    order = [(await claim(api, job["worker_id"]))["id"] for _ in range(4)]
    assert order == [high.json()["id"], *(t["id"] for t in low)]


# -- idempotent submit --


async def test_a_repeated_idempotency_key_answers_the_first_task(
    client_for: ClientFactory, alice: User, bob: User
) -> None:
    api = client_for(alice)
    job = await register_job(api)
    url = f"{JOBS}/rooms/room1/tasks/{job['full_name']}"
    key = {"Idempotency-Key": "submit-0001"}
    first = await api.post(url, json={"payload": {"angle": 1}}, headers=key)
    again = await api.post(url, json={"payload": {"angle": 1}}, headers=key)
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["Location"] == first.headers["Location"]
    other_body = await api.post(url, json={"payload": {"angle": 2}}, headers=key)
    assert other_body.status_code == 422
    assert other_body.json()["type"] == "/v1/problems/idempotency-key-reused"
    bobs = await client_for(bob).post(url, json={"payload": {"angle": 1}}, headers=key)  # keys are per user
    assert bobs.json()["id"] != first.json()["id"]
    assert (await api.get(f"{JOBS}/rooms/room1/tasks")).json()["total"] == 2


async def test_concurrent_submissions_with_one_key_make_one_task(api: httpx.AsyncClient) -> None:
    job = await register_job(api)
    url = f"{JOBS}/rooms/room1/tasks/{job['full_name']}"
    answers = await asyncio.gather(*(api.post(url, json={}, headers={"Idempotency-Key": "same"}) for _ in range(8)))
    assert {a.status_code for a in answers} == {202}
    assert len({a.json()["id"] for a in answers}) == 1
    assert (await api.get(f"{JOBS}/rooms/room1/tasks")).json()["total"] == 1


# -- no workers --


async def test_a_job_no_worker_serves_refuses_submissions(api: httpx.AsyncClient) -> None:
    job = await register_job(api)
    await submit(api, job["full_name"])  # keeps the job from being hidden as an orphan
    assert (await api.delete(f"{JOBS}/workers/{job['worker_id']}")).status_code == 204
    refused = await api.post(f"{JOBS}/rooms/room1/tasks/{job['full_name']}", json={})
    assert refused.status_code == 409
    assert refused.json()["type"] == "/v1/problems/no-workers-available"


@pytest.mark.settings(require_workers=False)
async def test_a_server_may_accept_work_ahead_of_its_workers(api: httpx.AsyncClient) -> None:
    job = await register_job(api)
    await submit(api, job["full_name"])
    await api.delete(f"{JOBS}/workers/{job['worker_id']}")
    assert (await api.post(f"{JOBS}/rooms/room1/tasks/{job['full_name']}", json={})).status_code == 202


# -- provider errors --


async def test_a_provider_error_reaches_the_waiting_reads_at_once(
    api: httpx.AsyncClient, emitter: RecordingEmitter
) -> None:
    job = await register_job(api)
    provider = (
        await api.put(
            f"{JOBS}/rooms/room1/providers", json={"category": "fs", "name": "files", "worker_id": job["worker_id"]}
        )
    ).json()
    url = f"{JOBS}/rooms/room1/providers/{provider['full_name']}"
    reading = asyncio.create_task(api.get(url, params={"path": "/missing"}, headers={"Prefer": "wait=2"}))
    await asyncio.sleep(0.2)
    request = next(e.payload() for e in emitter.sent if e.name == "provider_request")
    started = time.monotonic()
    upload = await api.post(
        f"{JOBS}/providers/{provider['id']}/results",
        content=b'{"title": "No such file", "detail": "/missing"}',
        headers={"X-Request-Hash": request["request_id"], "X-Result-Status": "error"},
    )
    assert upload.status_code == 204
    answer = await reading
    assert time.monotonic() - started < 1.5  # not the whole wait
    assert answer.status_code == 502
    assert answer.json()["type"] == "/v1/problems/provider-error"
    assert answer.json()["provider_problem"] == {"title": "No such file", "detail": "/missing"}
    again = await api.get(url, params={"path": "/missing"})
    assert again.status_code == 502
    bad = await api.post(
        f"{JOBS}/providers/{provider['id']}/results",
        content=b"not json",
        headers={"X-Request-Hash": request["request_id"], "X-Result-Status": "error"},
    )
    assert bad.status_code == 422


# -- the operator's view --


async def test_stats_count_tasks_per_job_and_list_rooms_and_tasks(
    client_for: ClientFactory, alice: User, admin: User
) -> None:
    api, root = client_for(alice), client_for(admin)
    shared = await register_job(root, room="@global", name="Shared")
    done = await running_task(api, name="Done")
    await api.patch(f"{JOBS}/tasks/{done['id']}", json={"status": "completed"})
    await submit(api, shared["full_name"])
    await submit(api, shared["full_name"], room="room2")
    room = (await api.get(f"{JOBS}/rooms/room1/stats")).json()
    by_name = {j["full_name"]: j for j in room["jobs"]}
    assert by_name[shared["full_name"]]["counts"]["pending"] == 1  # only the tasks submitted to room1
    assert by_name[shared["full_name"]]["oldest_pending_at"] is not None
    assert by_name[shared["full_name"]]["workers"] == 1
    assert by_name[done["job"]["full_name"]]["counts"]["completed"] == 1
    assert room["workers_alive"] >= 2
    assert len(room["ended_per_minute"]) == 60
    assert sum(m["completed"] for m in room["ended_per_minute"]) == 1
    everything = (await root.get(f"{JOBS}/stats")).json()
    assert {j["full_name"]: j for j in everything["jobs"]}[shared["full_name"]]["counts"]["pending"] == 2
    rooms = (await root.get(f"{JOBS}/rooms")).json()
    assert {r["room_id"]: r["pending"] for r in rooms["items"]} == {"room1": 1, "room2": 1, "@global": 0}
    listed = (await root.get(f"{JOBS}/tasks", params={"status": "pending"})).json()
    assert listed["total"] == 2
    in_room2 = (await root.get(f"{JOBS}/tasks", params={"room_id": "room2", "job_name": shared["full_name"]})).json()
    assert in_room2["total"] == 1
