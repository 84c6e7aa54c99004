"""The permission matrix: every operation x (no token, another user, the owner, a superuser).

Reads are open to every authenticated user (the default room policy); ownership applies to
workers, jobs, task updates and providers; reserved rooms and account creation (with
self-registration closed, the default) need a superuser. Each row states the expected status per actor.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from actors import ClientFactory, User, UserFactory
from calls import JOBS, claim, register_job, submit

from zndraw_joblib._generated.api import OPERATIONS


@dataclass
class World:
    """Alice owns a worker, a job with a running task, a pending task and a provider."""

    worker_id: str
    job_name: str
    running_task: str
    pending_task: str
    provider_id: str
    provider_name: str


async def build_world(alice: httpx.AsyncClient) -> World:
    job = await register_job(alice)
    running = await submit(alice, job["full_name"])
    await claim(alice, job["worker_id"])
    await alice.patch(f"{JOBS}/tasks/{running['id']}", json={"status": "running"})
    pending = await submit(alice, job["full_name"])
    provider = await alice.put(
        f"{JOBS}/rooms/room1/providers",
        json={"category": "filesystem", "name": "local", "worker_id": job["worker_id"]},
    )
    assert provider.status_code == 201
    return World(
        job["worker_id"],
        job["full_name"],
        running["id"],
        pending["id"],
        provider.json()["id"],
        provider.json()["full_name"],
    )


Call = Callable[[httpx.AsyncClient, World], Awaitable[httpx.Response]]
H64 = "0" * 64

# operationId → (call, expected status for: anonymous, other user, owner, superuser)
MATRIX: dict[str, tuple[Call, tuple[int, int, int, int]]] = {
    "getHealth": (lambda c, w: c.get("/healthz"), (200, 200, 200, 200)),
    "getReadiness": (lambda c, w: c.get("/readyz"), (200, 200, 200, 200)),
    "getMetrics": (lambda c, w: c.get("/metrics"), (200, 200, 200, 200)),  # open by default (no metrics_token)
    "getCurrentUser": (lambda c, w: c.get("/v1/users/me"), (401, 200, 200, 200)),
    "login": (lambda c, w: c.post("/v1/auth/jwt/login", data={"username": "nobody@example.com", "password": "x"}), (400, 400, 400, 400)),
    "registerUser": (lambda c, w: c.post("/v1/auth/register", json={"email": "alice@example.com", "password": "long-enough"}), (403, 403, 403, 409)),
    "createWorker": (lambda c, w: c.post(f"{JOBS}/workers"), (401, 201, 201, 201)),
    "listWorkers": (lambda c, w: c.get(f"{JOBS}/workers"), (401, 200, 200, 200)),
    "heartbeatWorker": (lambda c, w: c.patch(f"{JOBS}/workers/{w.worker_id}"), (401, 403, 200, 403)),
    "listRoomWorkers": (lambda c, w: c.get(f"{JOBS}/rooms/room1/workers"), (401, 200, 200, 200)),
    "registerJob": (lambda c, w: c.put(f"{JOBS}/rooms/room1/jobs", json={"category": "modifiers", "name": "N", "worker_id": w.worker_id}), (401, 403, 201, 403)),
    "listJobs": (lambda c, w: c.get(f"{JOBS}/rooms/room1/jobs"), (401, 200, 200, 200)),
    "getJob": (lambda c, w: c.get(f"{JOBS}/rooms/room1/jobs/{w.job_name}"), (401, 200, 200, 200)),
    "listJobTasks": (lambda c, w: c.get(f"{JOBS}/rooms/room1/jobs/{w.job_name}/tasks"), (401, 200, 200, 200)),
    "listRoomTasks": (lambda c, w: c.get(f"{JOBS}/rooms/room1/tasks"), (401, 200, 200, 200)),
    "submitTask": (lambda c, w: c.post(f"{JOBS}/rooms/room1/tasks/{w.job_name}", json={}), (401, 202, 202, 202)),
    "submitTasks": (lambda c, w: c.post(f"{JOBS}/rooms/room1/task-batches/{w.job_name}", json={"tasks": [{}]}), (401, 202, 202, 202)),
    "claimTask": (lambda c, w: c.post(f"{JOBS}/tasks/claim", json={"worker_id": w.worker_id}), (401, 403, 200, 403)),
    "getTask": (lambda c, w: c.get(f"{JOBS}/tasks/{w.running_task}"), (401, 200, 200, 200)),
    "updateTask": (lambda c, w: c.patch(f"{JOBS}/tasks/{w.running_task}", json={"status": "completed"}), (401, 403, 200, 200)),
    "registerProvider": (lambda c, w: c.put(f"{JOBS}/rooms/room1/providers", json={"category": "filesystem", "name": "local"}), (401, 403, 200, 200)),
    "listProviders": (lambda c, w: c.get(f"{JOBS}/rooms/room1/providers"), (401, 200, 200, 200)),
    "getProviderInfo": (lambda c, w: c.get(f"{JOBS}/rooms/room1/providers/{w.provider_name}/info"), (401, 200, 200, 200)),
    "readProvider": (lambda c, w: c.get(f"{JOBS}/rooms/room1/providers/{w.provider_name}", headers={"Prefer": "wait=0"}), (401, 504, 504, 504)),
    "uploadProviderResult": (lambda c, w: c.post(f"{JOBS}/providers/{w.provider_id}/results", content=b"{}", headers={"X-Request-Hash": H64}), (401, 403, 204, 204)),
    "deleteProvider": (lambda c, w: c.delete(f"{JOBS}/providers/{w.provider_id}"), (401, 403, 204, 204)),
    "deleteWorker": (lambda c, w: c.delete(f"{JOBS}/workers/{w.worker_id}"), (401, 403, 204, 204)),
    "reportTaskProgress": (lambda c, w: c.put(f"{JOBS}/tasks/{w.running_task}/progress", json={"fraction": 0.5}), (401, 403, 204, 204)),
    "listTasks": (lambda c, w: c.get(f"{JOBS}/tasks"), (401, 403, 403, 200)),
    "listRooms": (lambda c, w: c.get(f"{JOBS}/rooms"), (401, 403, 403, 200)),
    "getStats": (lambda c, w: c.get(f"{JOBS}/stats"), (401, 403, 403, 200)),
    "getRoomStats": (lambda c, w: c.get(f"{JOBS}/rooms/room1/stats"), (401, 200, 200, 200)),
}  # fmt: skip
ACTORS = ("anonymous", "other", "owner", "superuser")


def test_the_matrix_covers_every_operation() -> None:
    assert set(MATRIX) == {op.operation_id for op in OPERATIONS}


@pytest.mark.parametrize("operation", sorted(MATRIX))
@pytest.mark.parametrize("actor", ACTORS)
async def test_permission(
    operation: str, actor: str, client_for: ClientFactory, alice: User, bob: User, admin: User, make_user: UserFactory
) -> None:
    world = await build_world(client_for(alice))
    users: dict[str, Any] = {"anonymous": None, "other": bob, "owner": alice, "superuser": admin}
    call, expected = MATRIX[operation]
    response = await call(client_for(users[actor]), world)
    want = expected[ACTORS.index(actor)]
    assert response.status_code == want, response.text
    if want >= 400:
        assert response.headers["content-type"] == "application/problem+json"
    if want == 401:
        assert response.headers["www-authenticate"] == "Bearer"


async def test_superusers_may_cancel_any_pending_task_and_strangers_may_not(
    client_for: ClientFactory, alice: User, bob: User, admin: User
) -> None:
    world = await build_world(client_for(alice))
    stranger = await client_for(bob).patch(f"{JOBS}/tasks/{world.pending_task}", json={"status": "cancelled"})
    assert stranger.status_code == 403
    superuser = await client_for(admin).patch(f"{JOBS}/tasks/{world.pending_task}", json={"status": "cancelled"})
    assert superuser.status_code == 200


async def test_a_superuser_overwriting_a_provider_takes_ownership(
    client_for: ClientFactory, alice: User, bob: User, admin: User
) -> None:
    world = await build_world(client_for(alice))
    await client_for(admin).put(f"{JOBS}/rooms/room1/providers", json={"category": "filesystem", "name": "local"})
    alice_delete = await client_for(alice).delete(f"{JOBS}/providers/{world.provider_id}")
    assert alice_delete.status_code == 403
