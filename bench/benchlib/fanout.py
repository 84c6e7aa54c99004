"""Real time, part (b): one room's events fanned out to many frontend sockets.

`--fanout-sockets` Socket.IO clients (100), spread over `--fanout-procs` listener processes so
the clients do not limit the figure, each `join_room` the same room. A driver process submits
tasks into that room in stages: open loop at each offered rate of `--fanout-rates`, then
closed loop ("max", `--fanout-concurrency` submissions in flight). Each submission emits one
`task_status_event` to the room, so each is one event for every socket.

Per stage: deliveries/s (events received, summed over the sockets, over the stage's window
from its first submission to the last delivery of its events) and the fan-out latency of each
event, from sending its submission until the *last* socket has received it (p50/p99). Every
socket must receive every event exactly once: a missed or duplicated delivery is reported
and fails its row. CPU per stage: the driver samples the server processes' CPU at its stage
boundaries (its start and the end of its submissions, so the pause after it does not dilute
the figure); the listeners note their own CPU when the driver signals those boundaries.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import time
from typing import Any

from . import cpu, sockets
from .api import Api
from .common import Setup, split
from .procs import Gate, Role, run_roles
from .stats import Row, summary_ms

NAME = "realtime"
LEAD_SECONDS = 0.3  # between the barrier and the first submission
PAUSE_SECONDS = 1.0  # after each stage, for its last deliveries, before the next stage starts
DRAIN_SECONDS = 15.0  # after the last stage, how long a listener waits for missing events
POLL_SECONDS = 0.01


async def fanout_listener(
    gate: Gate, *, url: str, token: str, room: str, count: int, total: Any, stage: Any, limit: float
) -> dict[str, Any]:
    """`count` sockets in the room; record when each socket first saw each task's event.

    Stops when every socket has seen `total` events (set by the driver at its end), or
    DRAIN_SECONDS after that, or `limit` seconds after the start if the driver never ends.
    Notes its own CPU each time the driver's `stage` changes (2i when stage i starts, 2i + 1
    when its submissions end).
    """
    seen: list[dict[str, float]] = [{} for _ in range(count)]
    duplicates = [0] * count
    clients = [sockets.new_client() for _ in range(count)]
    for k, client in enumerate(clients):

        def on_status(data: dict[str, Any], k: int = k) -> None:
            if data["id"] in seen[k]:
                duplicates[k] += 1
            else:
                seen[k][data["id"]] = time.perf_counter()

        client.on("task_status_event", on_status)
    await asyncio.gather(*(sockets.connect(c, url, token) for c in clients))
    try:
        await asyncio.gather(*(sockets.join(c, "join_room", {"room_id": room}) for c in clients))
        start = await gate.open()
        cpu0 = time.process_time()
        marks: list[tuple[int, float]] = []  # (the driver's boundary, this process's CPU then)
        current, deadline = -1, None
        while True:
            await asyncio.sleep(POLL_SECONDS)
            if stage.value != current:
                current = stage.value
                marks.append((current, time.process_time()))
            expected = total.value
            if expected < 0:
                if time.perf_counter() - start > limit:
                    break  # the driver failed; the parent reports its error
                continue
            if all(len(s) >= expected for s in seen):
                break
            deadline = deadline or time.perf_counter() + DRAIN_SECONDS
            if time.perf_counter() > deadline:
                break
        end = time.perf_counter()
        spent = time.process_time() - cpu0
    finally:
        await asyncio.gather(*(c.disconnect() for c in clients), return_exceptions=True)
    events: dict[str, list[float]] = {}  # task id → [sockets that saw it, first arrival, last arrival]
    for per_socket in seen:
        for task_id, at in per_socket.items():
            entry = events.setdefault(task_id, [0, at, at])
            entry[0] += 1
            entry[1], entry[2] = min(entry[1], at), max(entry[2], at)
    return {
        "start": start,
        "end": end,
        "cpu": spent,
        "events": events,
        "per_socket": [len(s) for s in seen],
        "duplicates": sum(duplicates),
        "marks": marks,
    }


async def fanout_driver(
    gate: Gate,
    *,
    url: str,
    token: str,
    room: str,
    job: str,
    stages: list[float | None],
    stage_seconds: float,
    concurrency: int,
    total: Any,
    stage: Any,
    cpu_sources: list[cpu.Source],
) -> dict[str, Any]:
    """Submit in stages (a rate, or None for closed loop); every submission's (task id, send time, stage)."""
    sent: list[tuple[str, float, int]] = []
    async with Api(url, token, connections=concurrency) as api:
        await api.warm_up()
        slots = asyncio.Semaphore(concurrency)

        async def one(index: int) -> None:
            async with slots:
                t0 = time.perf_counter()
                task = await api.submit(room, job, {})
                sent.append((task["id"], t0, index))

        start = await gate.open()
        cpu0 = time.process_time()
        await asyncio.sleep(LEAD_SECONDS)
        marks: list[tuple[float, float, dict[str, float]]] = []  # (time, own CPU, servers' CPU) per boundary

        def boundary(value: int) -> None:
            stage.value = value
            marks.append((time.perf_counter(), time.process_time(), cpu.snapshot(cpu_sources)))

        for index, rate in enumerate(stages):
            boundary(2 * index)
            stop_at = time.perf_counter() + stage_seconds
            if rate is None:

                async def lane(index: int = index, stop_at: float = stop_at) -> None:
                    while time.perf_counter() < stop_at:
                        await one(index)

                await asyncio.gather(*(lane() for _ in range(concurrency)))
            else:
                pending, next_at = [], time.perf_counter()
                while next_at < stop_at:
                    delay = next_at - time.perf_counter()
                    if delay > 0:
                        await asyncio.sleep(delay)
                    pending.append(asyncio.create_task(one(index)))
                    next_at += 1.0 / rate
                await asyncio.gather(*pending)
            boundary(2 * index + 1)
            await asyncio.sleep(PAUSE_SECONDS)
        boundary(2 * len(stages))
        total.value = len(sent)
        end = time.perf_counter()
    return {"start": start, "end": end, "cpu": time.process_time() - cpu0, "sent": sent, "marks": marks}


def stage_label(rate: float | None, concurrency: int) -> str:
    return f"max ({concurrency} submissions in flight)" if rate is None else f"{rate:g} events/s offered"


def _stage_rows(
    setup: Setup,
    *,
    index: int,
    label: str,
    sent: list[tuple[str, float, int]],
    events: dict[str, list[float]],
    driver: dict[str, Any],
    listeners: list[dict[str, Any]],
) -> tuple[list[Row], dict[str, Any]]:
    """Deliveries/s, last-socket latency and CPU of one stage."""
    mine = [(task_id, t0) for task_id, t0, i in sent if i == index]
    got = [(t0, events[task_id]) for task_id, t0 in mine if task_id in events]
    deliveries = sum(int(e[0]) for _, e in got)
    last = summary_ms([e[2] - t0 for t0, e in got])
    first = summary_ms([e[1] - t0 for t0, e in got])
    starts = [t0 for _, t0 in mine]
    window = max((e[2] for _, e in got), default=0.0) - min(starts, default=0.0)
    achieved = (len(starts) - 1) / (max(starts) - min(starts)) if len(starts) > 1 else float("nan")

    (t_a, own_a, srv_a), (t_b, own_b, srv_b) = driver["marks"][2 * index], driver["marks"][2 * index + 1]
    wall = t_b - t_a
    servers = cpu.percent(cpu.delta(srv_a, srv_b), wall)
    clients_cpu = own_b - own_a
    for listener in listeners:
        at = dict(listener["marks"])
        if 2 * index in at and 2 * index + 1 in at:
            clients_cpu += at[2 * index + 1] - at[2 * index]
    own = {n: servers[n] for n in setup.server.server_names() if n in servers}
    others = {n: v for n, v in servers.items() if n not in own}
    parts = [f"server {sum(own.values()):.0f} %"] if own else []
    if len(own) > 1:
        parts[0] += f" ({cpu.describe(own)})"
    if others:
        parts.append(cpu.describe(others))
    parts.append(f"clients {100.0 * clients_cpu / wall:.0f} %")
    note = f"{achieved:.0f} events/s achieved; CPU: {', '.join(parts)}"
    rows = [
        Row(NAME, f"fan-out at {label}: deliveries", deliveries / window if window > 0 else 0.0, "/s", note=note),
        Row(NAME, f"fan-out at {label}: last socket p50", last.get("p50", float("nan")), "ms"),
        Row(NAME, f"fan-out at {label}: last socket p99", last.get("p99", float("nan")), "ms"),
    ]
    detail = {
        "label": label,
        "events": len(mine),
        "achieved_events_per_s": achieved,
        "deliveries": deliveries,
        "window_s": window,
        "last_socket_ms": last,
        "first_socket_ms": first,
        "server_cpu_percent": servers,
        "client_cpu_percent": 100.0 * clients_cpu / wall,
    }
    return rows, detail


def run(
    setup: Setup,
    *,
    sockets_total: int,
    processes: int,
    stages: list[float | None],
    stage_seconds: float,
    concurrency: int,
) -> tuple[list[Row], dict[str, Any]]:
    room = f"{setup.room}-fanout"
    job = Setup(setup.server, room, setup.submitters, setup.workers).create_job("fanout")
    server = setup.server
    ctx = mp.get_context("spawn")
    total, stage = ctx.Value("q", -1), ctx.Value("q", -1)
    shared = {"token": server.token, "room": room, "total": total, "stage": stage}
    limit = LEAD_SECONDS + len(stages) * (stage_seconds + PAUSE_SECONDS) + 60.0
    listeners = [
        Role(fanout_listener, {**shared, "url": server.url_for(i), "count": n, "limit": limit})
        for i, n in enumerate(split(sockets_total, processes))
    ]
    driver_kwargs = {
        **shared,
        "url": server.urls[-1],
        "job": job,
        "stages": stages,
        "stage_seconds": stage_seconds,
        "concurrency": concurrency,
        "cpu_sources": server.cpu_sources(),
    }
    budget = limit + DRAIN_SECONDS + 60.0
    outcome = run_roles([*listeners, Role(fanout_driver, driver_kwargs)], server, timeout=budget)
    *heard, driver = outcome.results

    events: dict[str, list[float]] = {}  # over all listeners: [sockets that saw it, first, last arrival]
    for listener in heard:
        for task_id, (n, first, last) in listener["events"].items():
            entry = events.get(task_id)
            if entry is None:
                events[task_id] = [n, first, last]
            else:
                entry[0] += n
                entry[1], entry[2] = min(entry[1], first), max(entry[2], last)
    sent = [(str(i), float(t0), int(k)) for i, t0, k in driver["sent"]]
    rows: list[Row] = []
    stage_details = []
    for index, rate in enumerate(stages):
        label = stage_label(rate, concurrency)
        new_rows, detail = _stage_rows(
            setup, index=index, label=label, sent=sent, events=events, driver=driver, listeners=heard
        )
        rows += new_rows
        stage_details.append(detail)

    ids = {task_id for task_id, _, _ in sent}
    expected = len(sent) * sockets_total
    received = sum(int(events[task_id][0]) for task_id in ids if task_id in events)
    duplicates = sum(listener["duplicates"] for listener in heard)
    unknown = len(set(events) - ids)
    note = f"{sockets_total} sockets in {processes} processes, {len(sent):,} events, {expected:,} deliveries expected"
    rows.append(Row(NAME, "fan-out: deliveries missed", expected - received, "deliveries", 0, "<=", note=note))
    if duplicates or unknown:
        extra = duplicates + unknown
        rows.append(Row(NAME, "fan-out: duplicate or unexpected deliveries", extra, "deliveries", 0, "<="))
    details = {
        "sockets": sockets_total,
        "processes": processes,
        "stage_seconds": stage_seconds,
        "concurrency": concurrency,
        "events": len(sent),
        "deliveries_expected": expected,
        "deliveries_received": received,
        "duplicates": duplicates,
        "unknown_events": unknown,
        "stages": stage_details,
    }
    return rows, details
