"""Real time, part (a): submit → `task_available` on the worker's socket → claim returned.

An event-driven worker does not poll: it keeps a Socket.IO connection in its job's room
(`join_job_room`) and claims when `task_available` arrives. A submitter process sends one task
every `interval` seconds (open loop, well below capacity, so the samples do not queue behind
each other) with its send time in the payload. The worker process timestamps the event's
arrival and the claim's answer, so each sample splits into submit → event and the claim round
trip; the figure with the target is the total, from sending the submit until the claim
response has arrived. The two processes compare `time.perf_counter()` (CLOCK_MONOTONIC).

With several replicas the worker (its socket and its REST calls) uses the first replica and
the submitter the last, so the event crosses replicas through Redis. Part (b), the fan-out
to many frontend sockets, is in `fanout.py`; `run` runs both.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from . import fanout, sockets
from .api import Api, BenchError
from .common import Setup, cpu_rows
from .procs import Gate, Role, run_roles
from .stats import Row, summary_ms

NAME = "realtime"
P50_TARGET_MS = 10.0  # issue 4: submit → task_available → claim returned
LEAD_SECONDS = 0.2  # between the barrier and the first submission: every socket is idle by then


async def sample_submitter(
    gate: Gate, *, url: str, token: str, room: str, job: str, count: int, interval: float
) -> dict[str, Any]:
    """Submit `count` tasks, one every `interval` seconds, each carrying its send time."""
    async with Api(url, token) as api:
        await api.warm_up()
        start = await gate.open()
        cpu0 = time.process_time()
        next_at, rtt = start + LEAD_SECONDS, []
        for _ in range(count):
            delay = next_at - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            t0 = time.perf_counter()
            await api.submit(room, job, {"t0": t0})
            rtt.append(time.perf_counter() - t0)
            next_at += interval
        end = time.perf_counter()
    return {"start": start, "end": end, "count": count, "submit_rtt": rtt, "cpu": time.process_time() - cpu0}


async def event_worker(
    gate: Gate, *, url: str, token: str, room: str, job_name: str, count: int, limit: float
) -> dict[str, Any]:
    """Register, join the job room, then claim on every `task_available` until `count` tasks are claimed.

    Per claimed task: (sent, event received, claim sent, claim answered). The claimed tasks are
    completed after the measured loop, so the run leaves none claimed.
    """
    events: asyncio.Queue[tuple[str, float]] = asyncio.Queue()
    client = sockets.new_client()
    client.on("task_available", lambda data: events.put_nowait((data["task_id"], time.perf_counter())))
    async with Api(url, token) as api:
        registered = await api.register_job(room, job_name)
        worker_id = registered["worker_id"]
        await sockets.connect(client, url, token)
        try:
            await sockets.join(client, "join_job_room", {"job_name": registered["full_name"], "worker_id": worker_id})
            await api.warm_up()
            start = await gate.open()
            cpu0 = time.process_time()
            arrived: dict[str, float] = {}
            claimed: list[str] = []
            samples: list[tuple[float, float, float, float]] = []
            empty = 0
            deadline = start + limit
            while len(samples) < count:
                try:
                    task_id, at = await asyncio.wait_for(events.get(), max(0.0, deadline - time.perf_counter()))
                except TimeoutError:
                    raise BenchError(f"the worker saw {len(samples)} of {count} tasks within {limit:.0f} s") from None
                arrived[task_id] = at
                sent = time.perf_counter()
                task = await api.claim(worker_id)
                answered = time.perf_counter()
                if task is None:
                    empty += 1  # an earlier claim took this event's task already
                    continue
                if task["id"] not in arrived:
                    raise BenchError(f"claimed {task['id']} before its task_available arrived")
                claimed.append(task["id"])
                samples.append((float(task["payload"]["t0"]), arrived[task["id"]], sent, answered))
            end = time.perf_counter()
            cpu = time.process_time() - cpu0
            for task_id in claimed:  # untimed: leave nothing claimed
                await api.update(task_id, "running")
                await api.update(task_id, "completed")
        finally:
            await client.disconnect()
    return {"start": start, "end": end, "count": len(samples), "samples": samples, "empty": empty, "cpu": cpu}


def run_latency(setup: Setup, *, samples: int, interval: float) -> tuple[list[Row], dict[str, Any]]:
    job = setup.create_job(NAME)
    server = setup.server
    worker = {**setup.role_kwargs(0), "job_name": NAME, "count": samples, "limit": samples * interval + 60.0}
    submitter = {**setup.role_kwargs(server.replicas - 1), "job": job, "count": samples, "interval": interval}
    outcome = run_roles(
        [Role(sample_submitter, submitter), Role(event_worker, worker)], server, timeout=samples * interval + 120.0
    )
    sent, worked = outcome.results
    rows_ = worked["samples"]
    total = summary_ms([claimed - t0 for t0, _, _, claimed in rows_])
    to_event = summary_ms([at - t0 for t0, at, _, _ in rows_])
    claim = summary_ms([claimed - asked for _, _, asked, claimed in rows_])
    submit_rtt = summary_ms(sent["submit_rtt"])
    note = f"{samples} samples, 1 every {interval * 1000:.0f} ms"
    if server.replicas > 1:
        note += f"; worker on replica 1, submitter on replica {server.replicas}"
    rows = [
        Row(NAME, "submit → task_available → claim returned p50", total["p50"], "ms", P50_TARGET_MS, "<=", note=note),
        Row(NAME, "submit → task_available → claim returned p99", total["p99"], "ms"),
        Row(NAME, "submit → task_available received p50", to_event["p50"], "ms"),
        Row(NAME, "claim round trip p50", claim["p50"], "ms"),
        Row(NAME, "submit round trip p50", submit_rtt["p50"], "ms"),
    ]
    if worked["empty"]:
        rows.append(Row(NAME, "empty claims after task_available", worked["empty"], "claims"))
    rows += cpu_rows(NAME, "submit → claim", outcome, server)
    details = {
        "samples": samples,
        "interval_s": interval,
        "total_ms": total,
        "to_event_ms": to_event,
        "claim_ms": claim,
        "submit_rtt_ms": submit_rtt,
        "empty_claims": worked["empty"],
        "cpu_s": outcome.cpu,
    }
    return rows, details


def run(
    setup: Setup,
    *,
    samples: int,
    interval: float,
    sockets_total: int,
    processes: int,
    stages: list[float | None],
    stage_seconds: float,
    concurrency: int,
) -> tuple[list[Row], dict[str, Any]]:
    """Part (a), then part (b)."""
    rows, latency = run_latency(setup, samples=samples, interval=interval)
    more, spread = fanout.run(
        setup,
        sockets_total=sockets_total,
        processes=processes,
        stages=stages,
        stage_seconds=stage_seconds,
        concurrency=concurrency,
    )
    return rows + more, {"latency": latency, "fanout": spread}
