"""The client roles, each run in a process of its own by `procs.run_roles`.

Every role: connect and register before `gate.open()`, then do its measured work, and return
plain data (timestamps from `time.perf_counter()`, counts, its own CPU seconds) for the parent
to combine. A role makes its requests one after another on one connection, as a real worker
does, unless it is a bulk loader given `concurrency`.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from typing import Any

import httpx

from . import cpu, sockets
from .api import API, Api
from .common import split
from .procs import Gate
from .wire import Wire

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
    async with Wire(url, token) as wire:  # the least client CPU per request (wire.py)
        await wire.request("GET", "/readyz")
        start = await gate.open()
        cpu0 = time.process_time()
        ids: list[str] = []
        while quota is None or len(ids) < quota:
            task = await wire.run_one(worker_id)
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


async def bulk_burst(
    gate: Gate,
    *,
    url: str,
    token: str,
    room: str,
    job: str,
    count: int,
    batch: int = 1000,
    concurrency: int = 1,
    priorities: tuple[int, int] | None = None,
    seed: int = 0,
    counter: Any = None,
) -> dict[str, Any]:
    """Bulk-submit `count` tasks in batches of `batch` (`submitTasks`), `concurrency` batches in flight.

    `priorities` (low, high) gives each task a random priority in that range (seeded), else 0.
    """
    rng = random.Random(seed)
    async with Api(url, token, connections=concurrency) as api:
        await api.warm_up()
        start = await gate.open()
        cpu0 = time.process_time()

        async def lane(n: int) -> None:
            while n > 0:
                size = min(batch, n)
                tasks = [
                    {"payload": {}, "priority": rng.randint(*priorities) if priorities else 0} for _ in range(size)
                ]
                await api.submit_batch(room, job, tasks)
                n -= size
                if counter is not None:
                    with counter.get_lock():
                        counter.value += size

        await asyncio.gather(*(lane(n) for n in split(count, concurrency)))
        end = time.perf_counter()
    return {"start": start, "end": end, "count": count, "cpu": time.process_time() - cpu0}


async def claim_worker(gate: Gate, *, url: str, token: str, room: str, job_name: str, quota: int) -> dict[str, Any]:
    """Claim (only: the tasks stay claimed) `quota` tasks one after another; the ids it got."""
    async with Api(url, token) as api:
        worker_id = (await api.register_job(room, job_name))["worker_id"]
        await api.warm_up()
        start = await gate.open()
        cpu0 = time.process_time()
        ids: list[str] = []
        while len(ids) < quota:
            task = await api.claim(worker_id)
            if task is None:
                break
            ids.append(task["id"])
        end = time.perf_counter()
    return {"start": start, "end": end, "count": len(ids), "ids": ids, "cpu": time.process_time() - cpu0}


async def _raw_get(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 request on an open keep-alive connection: (status, headers, body)."""
    writer.write(request)
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    headers: dict[str, str] = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers, body


async def longpoll_waiters(
    gate: Gate, *, url: str, token: str, task_id: str, count: int, wait: int, ramp: float
) -> dict[str, Any]:
    """`count` concurrent `GET /tasks/{id}` with `Prefer: wait`, each on its own connection.

    A bare HTTP/1.1 client on asyncio streams, one connection per waiter, opened before the gate:
    httpx's pool costs O(requests x connections) per event, which with hundreds of requests in
    flight on one client takes seconds of client CPU and would be measured as server latency.
    The requests are sent evenly over `ramp` seconds (frontends do not all arrive in the same
    millisecond). Returns when each answer arrived, how many answered without parking (no
    `Preference-Applied`: the task was already terminal when they read it), and the status
    codes of the answers that were not 200 (those are not retried).
    """
    parsed = httpx.URL(url)
    host, port = parsed.host, parsed.port or 80
    request = (
        f"GET {API}/tasks/{task_id} HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {token}\r\n"
        f"Prefer: wait={wait}\r\nAccept: application/json\r\n\r\n"
    ).encode()
    probe = f"GET /healthz HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
    streams = [await asyncio.open_connection(host, port) for _ in range(count)]
    for reader, writer in streams:  # one request each: the server has accepted and set up every connection
        await _raw_get(reader, writer, probe)
    start = await gate.open()
    cpu0 = time.process_time()

    async def one(i: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> tuple[float, int, bool, str]:
        await asyncio.sleep(ramp * i / count)
        status, headers, body = await _raw_get(reader, writer, request)
        arrived = time.perf_counter()
        state = json.loads(body)["status"] if status == 200 else ""
        return arrived, status, "preference-applied" in headers, state

    answers = await asyncio.gather(*(one(i, r, w) for i, (r, w) in enumerate(streams)))
    end = time.perf_counter()
    for _, writer in streams:
        writer.close()
    return {
        "start": start,
        "end": end,
        "count": count,
        "arrivals": [a[0] for a in answers if a[1] == 200],
        "refused": [a[1] for a in answers if a[1] != 200],
        "not_parked": sum(1 for a in answers if a[1] == 200 and not a[2]),
        "statuses": sorted({a[3] for a in answers if a[1] == 200}),
        "cpu": time.process_time() - cpu0,
    }


async def longpoll_completer(
    gate: Gate, *, url: str, token: str, task_id: str, park: float, server_pid: int | None
) -> dict[str, Any]:
    """Wait until the waiters are parked, read the server's RSS, then PATCH completed.

    Parked means: at least `park` seconds after the gate, and the server idle (under 10 % of a
    core over 0.2 s: it has read and parked every request), or 30 s at most.
    """
    async with Api(url, token) as api:
        await api.warm_up()
        start = await gate.open()
        cpu0 = time.process_time()
        await asyncio.sleep(park)
        deadline = start + 30.0
        while server_pid and time.perf_counter() < deadline:
            before = cpu.process_seconds(server_pid) or 0.0
            await asyncio.sleep(0.2)
            if (cpu.process_seconds(server_pid) or 0.0) - before < 0.02:
                break
        waited = time.perf_counter() - start
        rss = cpu.rss_kb(server_pid) if server_pid else None
        t0 = time.perf_counter()
        await api.update(task_id, "completed")
        patched = time.perf_counter()
    return {
        "start": start,
        "end": patched,
        "t0": t0,
        "parked_after_s": waited,
        "patch_s": patched - t0,
        "rss_kb": rss,
        "cpu": time.process_time() - cpu0,
    }


async def socket_holders(gate: Gate, *, url: str, token: str, count: int, hold: float) -> dict[str, Any]:
    """Connect `count` idle Socket.IO clients before the gate, hold them `hold` seconds, disconnect."""
    clients = [sockets.new_client() for _ in range(count)]
    for client in clients:
        await sockets.connect(client, url, token)
    start = await gate.open()
    cpu0 = time.process_time()
    await asyncio.sleep(hold)
    connected = sum(1 for c in clients if c.connected)
    end = time.perf_counter()
    await asyncio.gather(*(c.disconnect() for c in clients))
    return {"start": start, "end": end, "count": connected, "cpu": time.process_time() - cpu0}


async def rss_probe(gate: Gate, *, server_pid: int | None, delay: float) -> dict[str, Any]:
    """The server's RSS `delay` seconds after the gate opened (while the other roles hold their state)."""
    start = await gate.open()
    await asyncio.sleep(delay)
    rss = cpu.rss_kb(server_pid) if server_pid else None
    return {"start": start, "end": time.perf_counter(), "count": 0, "rss_kb": rss, "cpu": 0.0}
