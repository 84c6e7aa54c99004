"""Progress coalescing: a worker reports progress far faster than anyone should be told.

One task is submitted, claimed and set running; a frontend socket has joined the task's room.
The worker then sends `reports` progress reports (`PUT /tasks/{id}/progress`, `current` =
1..reports) back to back on one connection. The server keeps the latest and announces
`task_progress` at most ten times a second per task (the last report of a 100 ms window wins).
Figures: reports/s, events received, events per second of reporting (target ≤ 11: ten windows
a second, plus one for the window that is open when reporting starts), and whether the last
event carries the last report (target: yes = 1).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from . import cpu, sockets
from .api import Api, BenchError
from .common import Setup
from .stats import Row, cpu_percent

NAME = "progress"
EVENTS_PER_SECOND_TARGET = 11.0
SETTLE_SECONDS = 0.5  # after the last report: its window closes within 100 ms


async def _measure(setup: Setup, job: str, reports: int) -> dict[str, Any]:
    server, room = setup.server, setup.room
    events: list[tuple[float, dict[str, Any]]] = []
    client = sockets.new_client()

    @client.on("task_progress")  # type: ignore[misc]
    async def on_progress(data: dict[str, Any]) -> None:
        events.append((time.perf_counter(), data))

    await sockets.connect(client, server.url, server.token)
    try:
        await sockets.join(client, "join_room", {"room_id": room})
        async with Api(server.url, server.token) as api:
            worker_id = (await api.register_job(room, NAME))["worker_id"]
            submitted = await api.submit(room, job, {})
            task = await api.claim(worker_id)
            if task is None or task["id"] != submitted["id"]:
                raise BenchError("the task just submitted was not the one claimed")
            task_id = task["id"]
            await api.update(task_id, "running")
            t0 = time.perf_counter()
            for i in range(1, reports + 1):
                await api.progress(task_id, {"current": i, "total": reports})
            t1 = time.perf_counter()
            await asyncio.sleep(SETTLE_SECONDS)
            stored = (await api.get_task(task_id)).json().get("progress") or {}
            await api.update(task_id, "completed")
    finally:
        await client.disconnect()
    mine = [(t, e) for t, e in events if e.get("id") == task_id]
    last = (mine[-1][1].get("progress") or {}).get("current") if mine else None
    return {
        "reports": reports,
        "report_seconds": t1 - t0,
        "events": len(mine),
        "last_event_current": last,
        "stored_current": stored.get("current"),
        "first_event_after_s": (mine[0][0] - t0) if mine else None,
    }


def run(setup: Setup, *, reports: int) -> tuple[list[Row], dict[str, Any]]:
    job = setup.create_job(NAME)
    cpu0 = setup.server.cpu_snapshot()
    details = asyncio.run(_measure(setup, job, reports))
    spent = cpu.delta(cpu0, setup.server.cpu_snapshot())
    seconds = details["report_seconds"]
    per_second = details["events"] / seconds
    last_ok = 1.0 if details["last_event_current"] == reports == details["stored_current"] else 0.0
    rows = [
        Row(NAME, f"progress reports, back to back ({reports:,})", reports / seconds, "reports/s"),
        Row(NAME, "task_progress events received", details["events"], "events", note=f"over {seconds:.1f} s"),
        Row(NAME, "events per second of reporting", per_second, "/s", EVENTS_PER_SECOND_TARGET, "<="),
        Row(NAME, "last event and stored progress = last report", last_ok, "(1 = yes)", 1.0, ">="),
    ]
    server_cpu = sum(spent.get(n, 0.0) for n in setup.server.server_names()) if spent else None
    value = cpu_percent(server_cpu, seconds + SETTLE_SECONDS)
    if value is not None:
        rows.append(Row(NAME, "server CPU, reporting", value, "% of a core"))
    details["cpu_s"] = spent
    return rows, details
