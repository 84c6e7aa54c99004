"""The REST steps behaviour checks are made of (register, submit, claim, update …).

Each step asserts the documented success status and raises a `Violation` with the curl line of
the request otherwise, so a check that cannot even set up says exactly which request failed.
"""

from __future__ import annotations

from typing import Any

import httpx

from zndraw_joblib_conformance.checks import J, Violation
from zndraw_joblib_conformance.traffic import Http


def body_of(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text[:300]


def expect(http: Http, response: httpx.Response, *statuses: int, what: str) -> Any:
    """The JSON body of `response` when its status is one of `statuses`; else a `Violation`."""
    if response.status_code not in statuses:
        shown = " or ".join(map(str, statuses))
        raise Violation(
            f"{what}: expected {shown}, got {response.status_code} {str(body_of(response))[:300]}",
            http.curl(response),
        )
    return body_of(response) if response.content else None


def expect_problem(http: Http, response: httpx.Response, status: int, slug: str, *, what: str) -> None:
    """`response` is the problem `slug` with `status`."""
    body = expect(http, response, status, what=what)
    kind = body.get("type") if isinstance(body, dict) else None
    media = response.headers.get("content-type", "")
    if kind != f"/v1/problems/{slug}" or not media.startswith("application/problem+json"):
        raise Violation(
            f"{what}: expected a /v1/problems/{slug} problem, got {media or 'no content type'} {str(body)[:300]}",
            http.curl(response),
        )


async def register_job(
    http: Http,
    room: str,
    *,
    name: str = "Rotate",
    category: str = "modifiers",
    schema: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {"category": category, "name": name, **extra}
    if schema is not None:
        body["schema"] = schema
    response = await http.put(f"{J}/rooms/{room}/jobs", json=body)
    job: dict[str, Any] = expect(http, response, 200, 201, what=f"registering {room}:{category}:{name}")
    return job


async def create_worker(http: Http) -> dict[str, Any]:
    worker: dict[str, Any] = expect(http, await http.post(f"{J}/workers"), 201, what="creating a worker")
    return worker


async def submit(http: Http, room: str, job_name: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
    response = await http.post(f"{J}/rooms/{room}/tasks/{job_name}", json={"payload": payload or {}})
    task: dict[str, Any] = expect(http, response, 202, what=f"submitting a task of {job_name} in {room}")
    return task


async def claim(http: Http, worker_id: str) -> dict[str, Any] | None:
    response = await http.post(f"{J}/tasks/claim", json={"worker_id": worker_id})
    body = expect(http, response, 200, what="claiming")
    if not isinstance(body, dict) or "task" not in body:
        raise Violation(f"a claim answered {str(body)[:300]}, not {{task: …}}", http.curl(response))
    task: dict[str, Any] | None = body["task"]
    return task


async def update(http: Http, task_id: str, status: str, error: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status, **({"error": error} if error is not None else {})}
    response = await http.patch(f"{J}/tasks/{task_id}", json=body)
    task: dict[str, Any] = expect(http, response, 200, what=f"moving a task to {status}")
    return task


async def get_task(http: Http, task_id: str, **kwargs: Any) -> dict[str, Any]:
    task: dict[str, Any] = expect(http, await http.get(f"{J}/tasks/{task_id}", **kwargs), 200, what="reading a task")
    return task


async def register_provider(
    http: Http, room: str, *, name: str, worker_id: str | None = None, **extra: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {"category": "filesystem", "name": name, **extra}
    if worker_id is not None:
        body["worker_id"] = worker_id
    response = await http.put(f"{J}/rooms/{room}/providers", json=body)
    provider: dict[str, Any] = expect(http, response, 200, 201, what=f"registering provider {room}:filesystem:{name}")
    return provider
