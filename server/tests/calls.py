"""The queue's HTTP calls that most tests make, asserting the happy status on the way."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import httpx

JOBS = "/v1/joblib"


async def register_job(
    client: httpx.AsyncClient,
    room: str = "room1",
    name: str = "Rotate",
    *,
    category: str = "modifiers",
    schema: dict[str, Any] | None = None,
    worker_id: UUID | str | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {"category": category, "name": name, "schema": schema or {}}
    if worker_id is not None:
        body["worker_id"] = str(worker_id)
    response = await client.put(f"{JOBS}/rooms/{room}/jobs", json=body)
    assert response.status_code in (200, 201), response.text
    return response.json()


async def submit(
    client: httpx.AsyncClient, job_name: str, room: str = "room1", payload: dict[str, Any] | None = None
) -> dict[str, Any]:
    response = await client.post(f"{JOBS}/rooms/{room}/tasks/{job_name}", json={"payload": payload or {}})
    assert response.status_code == 202, response.text
    return response.json()


async def claim(client: httpx.AsyncClient, worker_id: UUID | str) -> dict[str, Any] | None:
    response = await client.post(f"{JOBS}/tasks/claim", json={"worker_id": str(worker_id)})
    assert response.status_code == 200, response.text
    return response.json()["task"]


async def set_status(client: httpx.AsyncClient, task_id: str, status: str, error: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {"status": status}
    if error is not None:
        body["error"] = error
    return await client.patch(f"{JOBS}/tasks/{task_id}", json=body)
