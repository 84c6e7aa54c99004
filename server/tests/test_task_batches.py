"""`submitTasks`: many tasks of one job in one request — all or nothing, in the order given,
one room event and one wake-up for the workers, idempotent like a single submit."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from actors import ClientFactory, User
from calls import JOBS, claim, register_job

from zndraw_joblib.realtime.emit import RecordingEmitter

SCHEMA = {"type": "object", "properties": {"angle": {"type": "integer"}}, "required": ["angle"]}


def batch_url(job_name: str, room: str = "room1") -> str:
    return f"{JOBS}/rooms/{room}/task-batches/{job_name}"


async def listed(api: httpx.AsyncClient, room: str = "room1") -> list[dict[str, Any]]:
    response = await api.get(f"{JOBS}/rooms/{room}/tasks", params={"limit": 500})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_a_batch_is_claimed_in_the_order_given_with_priorities_first(
    api: httpx.AsyncClient, emitter: RecordingEmitter
) -> None:
    job = await register_job(api, schema=SCHEMA)
    emitter.clear()
    tasks = [{"payload": {"angle": n}} for n in range(5)] + [{"payload": {"angle": 99}, "priority": 5}]
    response = await api.post(batch_url(job["full_name"]), json={"tasks": tasks})
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["status"] == "pending"
    assert len(body["task_ids"]) == 6
    announced = [e for e in emitter.sent if e.name == "tasks_submitted"]
    assert len(announced) == 1
    assert announced[0].room == "room:room1"
    assert announced[0].payload()["task_ids"] == body["task_ids"]
    assert announced[0].payload()["name"] == job["full_name"]
    assert len([e for e in emitter.sent if e.name == "task_available"]) == 1  # one wake-up, not six
    assert [e for e in emitter.sent if e.name == "task_status_event"] == []  # the batch event stands for them
    claimed = [(await claim(api, job["worker_id"])) for _ in range(6)]
    assert [task["payload"]["angle"] for task in claimed if task] == [99, 0, 1, 2, 3, 4]
    assert [task["id"] for task in claimed if task] == [body["task_ids"][5], *body["task_ids"][:5]]


async def test_one_invalid_payload_refuses_the_whole_batch_and_names_its_index(api: httpx.AsyncClient) -> None:
    job = await register_job(api, schema=SCHEMA)
    tasks = [{"payload": {"angle": 1}}, {"payload": {"angle": 2}}, {"payload": {"angle": "three"}}]
    response = await api.post(batch_url(job["full_name"]), json={"tasks": tasks})
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == "/v1/problems/validation-error"
    assert [error["loc"][:4] for error in problem["errors"]] == [["body", "tasks", 2, "payload"]]
    assert await listed(api) == []  # nothing submitted


@pytest.mark.parametrize("count", [0, 1001])
async def test_a_batch_holds_one_to_a_thousand_tasks(api: httpx.AsyncClient, count: int) -> None:
    job = await register_job(api)
    response = await api.post(batch_url(job["full_name"]), json={"tasks": [{"payload": {}}] * count})
    assert response.status_code == 422, response.text
    assert response.json()["type"] == "/v1/problems/validation-error"
    assert await listed(api) == []


async def test_a_repeated_key_answers_the_first_batch_and_a_reused_key_is_refused(
    client_for: ClientFactory, alice: User
) -> None:
    api = client_for(alice)
    job = await register_job(api)
    key = {"Idempotency-Key": "batch-0001"}
    tasks = {"tasks": [{"payload": {"angle": n}} for n in range(3)]}
    first = await api.post(batch_url(job["full_name"]), json=tasks, headers=key)
    again = await api.post(batch_url(job["full_name"]), json=tasks, headers=key)
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json() == first.json()
    assert len(await listed(api)) == 3
    other = await api.post(batch_url(job["full_name"]), json={"tasks": tasks["tasks"][:2]}, headers=key)
    assert other.status_code == 422
    assert other.json()["type"] == "/v1/problems/idempotency-key-reused"
    single = await api.post(f"{JOBS}/rooms/room1/tasks/{job['full_name']}", json={"payload": {}}, headers=key)
    assert single.status_code == 422  # a batch's key is not a single submission's
    assert single.json()["type"] == "/v1/problems/idempotency-key-reused"


async def test_a_batch_for_a_job_no_worker_serves_is_refused(api: httpx.AsyncClient) -> None:
    job = await register_job(api)
    await api.post(batch_url(job["full_name"]), json={"tasks": [{"payload": {}}]})  # keeps the job visible
    assert (await api.delete(f"{JOBS}/workers/{job['worker_id']}")).status_code == 204
    refused = await api.post(batch_url(job["full_name"]), json={"tasks": [{"payload": {}}]})
    assert refused.status_code == 409
    assert refused.json()["type"] == "/v1/problems/no-workers-available"
    assert len(await listed(api)) == 1


async def test_a_stranger_room_or_unknown_job_is_refused_like_a_single_submit(
    client_for: ClientFactory, alice: User
) -> None:
    api = client_for(alice)
    unknown = await api.post(batch_url("room1:modifiers:Nope"), json={"tasks": [{"payload": {}}]})
    assert unknown.status_code == 404
    assert unknown.json()["type"] == "/v1/problems/job-not-found"
