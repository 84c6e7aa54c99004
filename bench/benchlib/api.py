"""The few REST calls the benchmarks make, over one keep-alive HTTP/1.1 connection pool.

Deliberately not the generated client: the benchmarks measure the server as seen on the wire,
and a thin httpx wrapper keeps the client's own cost per request small and easy to reason
about (httpx still costs ~0.5-1 ms of client CPU per request; see README, "How load is made").
"""

from __future__ import annotations

from typing import Any, Self

import httpx

API = "/v1/joblib"
JOB_CATEGORY = "modifiers"


class BenchError(RuntimeError):
    """The server answered something a benchmark did not expect; the run is not valid."""


def full_job_name(room: str, name: str) -> str:
    return f"{room}:{JOB_CATEGORY}:{name}"


class Api:
    """A submitter's or worker's view of the API: one client, `connections` keep-alive sockets."""

    def __init__(self, base_url: str, token: str, *, connections: int = 1, timeout: float = 120.0) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {token}"},
            http1=True,
            http2=False,
            timeout=timeout,
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
        )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    async def _call(self, method: str, path: str, expect: tuple[int, ...], **kwargs: Any) -> httpx.Response:
        response = await self._client.request(method, path, **kwargs)
        if response.status_code not in expect:
            raise BenchError(f"{method} {path} answered {response.status_code}: {response.text[:400]}")
        return response

    async def raw(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """A request whose answer the caller judges (any status)."""
        return await self._client.request(method, path, **kwargs)

    async def warm_up(self) -> None:
        """Open the connection before the clock starts (readiness needs no token)."""
        await self._call("GET", "/readyz", (200,))

    async def open_connection(self) -> None:
        """Open one more pooled connection (GET /healthz, any answer): many of them at once."""
        await self._client.get("/healthz")

    async def register_job(self, room: str, name: str, worker_id: str | None = None) -> dict[str, Any]:
        """PUT the job; without `worker_id` the server creates a worker for this caller."""
        body: dict[str, Any] = {"category": JOB_CATEGORY, "name": name, "schema": {}}
        if worker_id is not None:
            body["worker_id"] = worker_id
        return (await self._call("PUT", f"{API}/rooms/{room}/jobs", (200, 201), json=body)).json()

    async def submit(self, room: str, job: str, payload: dict[str, Any], priority: int | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"payload": payload}
        if priority is not None:
            body["priority"] = priority
        return (await self._call("POST", f"{API}/rooms/{room}/tasks/{job}", (202,), json=body)).json()

    async def submit_batch(self, room: str, job: str, tasks: list[dict[str, Any]]) -> list[str]:
        """Bulk submit (`submitTasks`): `tasks` are `{"payload": …, "priority": …}`, at most 1,000."""
        path = f"{API}/rooms/{room}/task-batches/{job}"
        return list((await self._call("POST", path, (202,), json={"tasks": tasks})).json()["task_ids"])

    async def progress(self, task_id: str, report: dict[str, Any]) -> None:
        await self._call("PUT", f"{API}/tasks/{task_id}/progress", (204,), json=report)

    async def claim(self, worker_id: str) -> dict[str, Any] | None:
        return (await self._call("POST", f"{API}/tasks/claim", (200,), json={"worker_id": worker_id})).json()["task"]

    async def update(self, task_id: str, status: str) -> dict[str, Any]:
        return (await self._call("PATCH", f"{API}/tasks/{task_id}", (200,), json={"status": status})).json()

    async def get_task(self, task_id: str, *, wait: int | None = None) -> httpx.Response:
        headers = {"Prefer": f"wait={wait}"} if wait is not None else None
        return await self._call("GET", f"{API}/tasks/{task_id}", (200,), headers=headers)

    async def run_one(self, worker_id: str) -> dict[str, Any] | None:
        """A worker's cycle: claim, running, completed. The claimed task, or None if none was pending."""
        task = await self.claim(worker_id)
        if task is None:
            return None
        await self.update(task["id"], "running")
        await self.update(task["id"], "completed")
        return task


async def login(base_url: str, email: str, password: str) -> str:
    """A bearer token from the OAuth2 password form, as any client would get one."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30.0) as client:
        response = await client.post("/v1/auth/jwt/login", data={"username": email, "password": password})
        if response.status_code != 200:
            raise BenchError(f"login as {email} answered {response.status_code}: {response.text[:400]}")
        return str(response.json()["access_token"])
