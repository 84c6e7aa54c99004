"""Internal jobs in the distributed deployment: enqueued through Redis by the replicas, run by a
separate `taskiq worker zndraw_joblib.internal_worker:broker` process, announced to sockets on
any replica."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import httpx
import socketio
from deployment import Deployment

SLEEP = "@internal:analysis:Sleep"
WITHIN = 60.0
"""Seconds a task or its events may take on a busy machine (normally well under one)."""


async def test_an_internal_task_runs_in_the_taskiq_worker_process(deployment: Deployment) -> None:
    room = f"dist-{uuid.uuid4().hex[:8]}"
    a, b = deployment.replicas
    statuses: list[str] = []
    both_ended = asyncio.Event()
    frontend = socketio.AsyncClient(reconnection=False)

    @frontend.on("task_status_event")
    async def _status(data: Any) -> None:
        statuses.append(data["status"])
        if statuses.count("completed") + statuses.count("failed") == 2:
            both_ended.set()

    await frontend.connect(a.url, auth={"token": deployment.token}, transports=["websocket"], wait_timeout=WITHIN)
    try:
        assert await frontend.call("join_room", {"room_id": room}, timeout=WITHIN) == {"ok": True}
        async with httpx.AsyncClient(base_url=b.url, headers=deployment.headers, timeout=WITHIN) as http:
            results = {}
            for payload in ({"seconds": 0.1}, {"seconds": 0, "fail_with": "nope"}):
                response = await http.post(f"/v1/joblib/rooms/{room}/tasks/{SLEEP}", json={"payload": payload})
                assert response.status_code == 202, response.text
                task_id = response.json()["id"]
                deadline = time.monotonic() + WITHIN
                while True:
                    task = (await http.get(f"/v1/joblib/tasks/{task_id}", headers={"Prefer": "wait=5"})).json()
                    if task["status"] in ("completed", "failed") or time.monotonic() > deadline:
                        break
                results[payload.get("fail_with", "ok")] = (task["status"], task["error"])
        assert results == {"ok": ("completed", None), "nope": ("failed", "RuntimeError: nope")}
        await asyncio.wait_for(both_ended.wait(), WITHIN)
        assert statuses.count("running") == 2  # emitted by the worker process, received on replica a
    finally:
        await frontend.disconnect()
