"""Long-poll wake latency: how soon a `Prefer: wait=30` reader learns that its task completed.

Per sample: submit, claim, PATCH running; a waiter sends `GET /tasks/{id}` with
`Prefer: wait=30` on its own connection; after a short settle (so the server is parked on the
bus, not still reading the row), the worker sends PATCH completed. The latency is from just
before that PATCH is sent until the waiter's response has arrived, i.e. it includes the PATCH's
own transaction, the bus wake-up and the waiter's re-read. Both sides run in one event loop,
so one clock times them. Plain GET and PATCH round trips are reported next to it as the floor.

With several replicas the waiter talks to the first and the worker to the last: the wake-up
has to cross from one process to the other through the shared bus (Redis).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from . import cpu
from .api import API, Api, BenchError
from .common import Setup
from .stats import Row, summary_ms
from .wire import Wire

NAME = "longpoll"
WAIT_SECONDS = 30
P50_TARGET_MS = 5.0
P99_TARGET_MS = 20.0
DISTRIBUTED_P50_TARGET_MS = 10.0  # issue 6: across replicas


async def _measure(setup: Setup, job: str, samples: int, settle: float) -> dict[str, Any]:
    """The timed requests (the plain GET, the parked GET, PATCH completed) go through `Wire`, the
    bare client, so the latency is the server's and not httpx's (~1 ms a request here)."""
    server, room = setup.server, setup.room
    async with (
        Api(server.urls[-1], server.token) as worker,
        Wire(server.urls[-1], server.token) as completer,
        Wire(server.urls[0], server.token) as waiter,
    ):
        worker_id = (await worker.register_job(room, NAME))["worker_id"]
        await waiter.request("GET", "/readyz")
        await completer.request("GET", "/readyz")
        wake: list[float] = []
        patch_rtt: list[float] = []
        get_rtt: list[float] = []
        not_parked = 0
        for _ in range(samples):
            submitted = await worker.submit(room, job, {})
            task = await worker.claim(worker_id)
            if task is None or task["id"] != submitted["id"]:
                raise BenchError(f"claimed {task and task['id']}, expected the task just submitted")
            await worker.update(task["id"], "running")
            path = f"{API}/tasks/{task['id']}"
            t = time.perf_counter()
            await waiter.call("GET", path, 200)
            get_rtt.append(time.perf_counter() - t)

            parked = asyncio.create_task(waiter.request("GET", path, headers={"Prefer": f"wait={WAIT_SECONDS}"}))
            await asyncio.sleep(settle)
            t0 = time.perf_counter()
            await completer.call("PATCH", path, 200, {"status": "completed"})
            patch_rtt.append(time.perf_counter() - t0)
            response = await parked
            wake.append(time.perf_counter() - t0)

            if response.status != 200 or response.json()["status"] != "completed":
                raise BenchError(f"the long-poll answered {response.status} {response.body[:200]!r}, not 'completed'")
            if "preference-applied" not in response.headers:
                not_parked += 1  # it answered at once: the PATCH beat the waiter's first read
    return {
        "wake_ms": summary_ms(wake),
        "patch_rtt_ms": summary_ms(patch_rtt),
        "get_rtt_ms": summary_ms(get_rtt),
        "not_parked": not_parked,
        "settle_s": settle,
    }


def run(setup: Setup, *, samples: int, settle: float = 0.02) -> tuple[list[Row], dict[str, Any]]:
    job = setup.create_job(NAME)
    cpu0 = setup.server.cpu_snapshot()
    details = asyncio.run(_measure(setup, job, samples, settle))
    spent = cpu.delta(cpu0, setup.server.cpu_snapshot())
    wake = details["wake_ms"]
    note = f"{samples} samples"
    if setup.server.replicas > 1:
        note += f", waiter on replica 1, PATCH on replica {setup.server.replicas}"
    p50_target, p99_target = (
        (DISTRIBUTED_P50_TARGET_MS, None) if setup.server.distributed else (P50_TARGET_MS, P99_TARGET_MS)
    )
    if setup.server.reference:  # a comparison server: context for the ratios, not a check
        p50_target = p99_target = None
    rows = [
        Row(NAME, "wake latency p50", wake["p50"], "ms", p50_target, "<=" if p50_target else None, note=note),
        Row(NAME, "wake latency p99", wake["p99"], "ms", p99_target, "<=" if p99_target else None),
        Row(NAME, "PATCH completed round trip p50", details["patch_rtt_ms"]["p50"], "ms"),
        Row(NAME, "plain GET /tasks/{id} round trip p50", details["get_rtt_ms"]["p50"], "ms"),
    ]
    if details["not_parked"]:
        rows.append(Row(NAME, "waiters that answered before parking", details["not_parked"], "samples"))
    details["cpu_s"] = spent
    return rows, details
