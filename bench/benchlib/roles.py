"""The client roles, each run in a process of its own by `procs.run_roles`.

Every role: connect and register before `gate.open()`, then do its measured work, and return
plain data (timestamps from `time.perf_counter()`, counts, its own CPU seconds) for the parent
to combine. A role makes its requests one after another on one connection, as a real worker
does, unless it is a bulk loader given `concurrency`.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from .api import Api
from .common import split
from .procs import Gate

SETTLE_SECONDS = 0.5  # after the submitters stop, a steady worker leaves at its first empty claim


async def submit_burst(
    gate: Gate,
    *,
    url: str,
    token: str,
    room: str,
    job: str,
    count: int,
    concurrency: int = 1,
    counter: Any = None,
) -> dict[str, Any]:
    """Submit `count` empty-payload tasks as fast as the server accepts them (closed loop).

    `concurrency` > 1 keeps that many requests in flight on as many connections (bulk loading);
    `counter` (a shared `multiprocessing.Value`) lets the parent report progress.
    """
    async with Api(url, token, connections=concurrency) as api:
        await api.warm_up()
        start = await gate.open()
        cpu0 = time.process_time()

        async def lane(n: int) -> None:
            for _ in range(n):
                await api.submit(room, job, {})
                if counter is not None:
                    with counter.get_lock():
                        counter.value += 1

        await asyncio.gather(*(lane(n) for n in split(count, concurrency)))
        end = time.perf_counter()
    return {"start": start, "end": end, "count": count, "cpu": time.process_time() - cpu0}


async def drain_worker(
    gate: Gate, *, url: str, token: str, room: str, job_name: str, quota: int | None = None
) -> dict[str, Any]:
    """Register as a worker of the job, then claim → running → completed until the queue is
    empty or `quota` tasks are done. Returns the ids it ran, so the parent can check that no
    task was handed out twice."""
    async with Api(url, token) as api:
        worker_id = (await api.register_job(room, job_name))["worker_id"]
        await api.warm_up()
        start = await gate.open()
        cpu0 = time.process_time()
        ids: list[str] = []
        while quota is None or len(ids) < quota:
            task = await api.run_one(worker_id)
            if task is None:
                break
            ids.append(task["id"])
        end = time.perf_counter()
    return {"start": start, "end": end, "count": len(ids), "ids": ids, "cpu": time.process_time() - cpu0}


async def paced_submitter(
    gate: Gate,
    *,
    url: str,
    token: str,
    room: str,
    job: str,
    rate: float,
    duration: float,
    offset: float = 0.0,
) -> dict[str, Any]:
    """Submit at a fixed `rate` (open loop, on a schedule) for `duration` seconds.

    The payload carries the send time, so the worker that completes the task can compute the
    submit → completed latency without any matching. If the server answers too slowly the
    schedule slips; `lag` (how late the last send was) shows that the offered rate was not met.
    """
    interval = 1.0 / rate
    async with Api(url, token) as api:
        await api.warm_up()
        start = await gate.open()
        cpu0 = time.process_time()
        next_at, stop_at, sent, lag = start + offset, start + duration, 0, 0.0
        while next_at < stop_at:
            delay = next_at - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            sent_at = time.perf_counter()
            lag = max(0.0, sent_at - next_at)
            await api.submit(room, job, {"t0": sent_at})
            sent += 1
            next_at += interval
        end = time.perf_counter()
    return {"start": start, "end": end, "count": sent, "lag": lag, "cpu": time.process_time() - cpu0}


async def polling_worker(
    gate: Gate,
    *,
    url: str,
    token: str,
    room: str,
    job_name: str,
    duration: float,
    poll: float,
    grace: float,
) -> dict[str, Any]:
    """A worker that polls: on an empty claim it sleeps `poll` seconds (the HTTP-only way to wait).

    Runs until the submitters have stopped and the queue is empty, or `grace` seconds after
    they stopped. Returns (sent, completed) time pairs for every task it ran.
    """
    async with Api(url, token) as api:
        worker_id = (await api.register_job(room, job_name))["worker_id"]
        await api.warm_up()
        start = await gate.open()
        cpu0 = time.process_time()
        settle_at, stop_at = start + duration + SETTLE_SECONDS, start + duration + grace
        samples: list[tuple[float, float]] = []
        empty = 0
        while time.perf_counter() < stop_at:
            task = await api.run_one(worker_id)
            if task is None:
                empty += 1
                if time.perf_counter() > settle_at:
                    break
                await asyncio.sleep(poll)
                continue
            samples.append((float(task["payload"]["t0"]), time.perf_counter()))
        end = time.perf_counter()
    return {
        "start": start,
        "end": end,
        "count": len(samples),
        "samples": samples,
        "empty_claims": empty,
        "cpu": time.process_time() - cpu0,
    }
