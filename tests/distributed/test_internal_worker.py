"""Internal jobs in the distributed deployment: enqueued through Redis by the replicas, run by a
separate `taskiq worker zndraw_joblib.internal_worker:broker` process, announced to sockets on
any replica."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
import socketio
from deployment import Deployment

SLEEP = "@internal:analysis:Sleep"


async def test_an_internal_task_runs_in_the_taskiq_worker_process(deployment: Deployment) -> None:
    room = f"dist-{uuid.uuid4().hex[:8]}"
    a, b = deployment.replicas
    statuses: list[str] = []
    frontend = socketio.AsyncClient(reconnection=False)

    @frontend.on("task_status_event")
    async def _status(data: Any) -> None:
        statuses.append(data["status"])

    await frontend.connect(a.url, auth={"token": deployment.token}, transports=["websocket"], wait_timeout=10)
    try:
        assert await frontend.call("join_room", {"room_id": room}, timeout=10) == {"ok": True}
        async with httpx.AsyncClient(base_url=b.url, headers=deployment.headers, timeout=30) as http:
            results = {}
            for payload in ({"seconds": 0.1}, {"seconds": 0, "fail_with": "nope"}):
                response = await http.post(f"/v1/joblib/rooms/{room}/tasks/{SLEEP}", json={"payload": payload})
                assert response.status_code == 202, response.text
                task_id = response.json()["id"]
                for _ in range(30):
                    task = (await http.get(f"/v1/joblib/tasks/{task_id}", headers={"Prefer": "wait=5"})).json()
                    if task["status"] in ("completed", "failed"):
                        break
                results[payload.get("fail_with", "ok")] = (task["status"], task["error"])
        assert results == {"ok": ("completed", None), "nope": ("failed", "RuntimeError: nope")}
        for _ in range(50):
            if statuses.count("completed") + statuses.count("failed") == 2:
                break
            await asyncio.sleep(0.1)
        assert statuses.count("running") == 2  # emitted by the worker process, received on replica a
    finally:
        await frontend.disconnect()
