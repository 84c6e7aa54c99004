"""Many waiters: 1,000 long-polls on one task, and what each waiting client costs the server.

(a) One task is submitted, claimed and set running. `processes` waiter processes then send
`count` concurrent `GET /tasks/{id}` with `Prefer: wait=30`, one connection each, sent
over `ramp` seconds (1 s). A completer
process waits until the server has parked them (`park` seconds at least, then until the server
is idle), reads the server's RSS and sends
`PATCH completed`; each waiter notes when its answer arrived. Latency = answer arrived - just
before the PATCH was sent (one CLOCK_MONOTONIC across the processes). Target: p99 ≤ 100 ms.
RSS per waiting long-poll = (RSS while parked - RSS before the waiters connected) / count: it
includes the connection itself.

(b) `sockets` idle Socket.IO clients (websocket, authenticated, in no room) connect from
`processes` processes before the gate; a probe reads the server's RSS while they are held.
RSS per idle connection = (RSS held - RSS before) / sockets.

(c) The floor: the same long-polls against a bare ASGI app under uvicorn (`floor.py`), which
answers them with no application code. It shows what the stack itself costs on this machine.

RSS only grows where the server's allocator has no free memory left from earlier benchmarks,
so after a long run these figures may read low; run `--only waiters` for a clean figure.
"""

from __future__ import annotations

import asyncio
from typing import Any, NamedTuple

from . import cpu, roles
from . import floor as floor_app
from .api import Api, BenchError
from .common import Setup, cpu_rows, split
from .procs import Outcome, Role, run_roles
from .server import Server
from .stats import Row, summary_ms


class Round(NamedTuple):
    outcome: Outcome
    done: dict[str, Any]
    latency: dict[str, float]


NAME = "waiters"
P99_TARGET_MS = 100.0
RSS_TARGET_KB = 50.0
WAIT_SECONDS = 30


def _server_pid(setup: Setup) -> int | None:
    processes = setup.server.processes
    return processes[0].pid if len(processes) == 1 else None


async def _running_task(setup: Setup, job: str) -> str:
    async with Api(setup.server.url, setup.server.token) as api:
        worker_id = (await api.register_job(setup.room, NAME))["worker_id"]
        submitted = await api.submit(setup.room, job, {})
        task = await api.claim(worker_id)
        if task is None or task["id"] != submitted["id"]:
            raise BenchError("the task just submitted was not the one claimed")
        await api.update(task["id"], "running")
        return str(task["id"])


def _round(server: Server, task_id: str, *, count: int, processes: int, park: float, ramp: float) -> Round:
    """`count` long-polls on `task_id`, then the PATCH that completes it: the processes' outcome,
    the completer's figures, and the waiters' latencies."""
    pid = server.processes[0].pid if len(server.processes) == 1 else None
    base = {"url": server.url, "token": server.token, "task_id": task_id}
    waiters = [
        Role(roles.longpoll_waiters, {**base, "count": n, "wait": WAIT_SECONDS, "ramp": ramp})
        for n in split(count, processes)
    ]
    completer = Role(roles.longpoll_completer, {**base, "park": park, "server_pid": pid})
    outcome = run_roles([*waiters, completer], server, timeout=WAIT_SECONDS + 60.0)
    done = outcome.results[-1]
    arrivals = [a for r in outcome.results[:-1] for a in r["arrivals"]]
    statuses = sorted({s for r in outcome.results[:-1] for s in r["statuses"]})
    if statuses and statuses != ["completed"]:
        raise BenchError(f"the long-polls answered {statuses}, not only 'completed'")
    return Round(outcome, done, summary_ms([a - done["t0"] for a in arrivals]))


def floor(*, count: int, processes: int, park: float, ramp: float) -> tuple[list[Row], dict[str, Any]]:
    """The same long-polls against a bare ASGI app under uvicorn (`floor.py`): the stack's floor."""
    server = floor_app.start()
    try:
        measured = _round(server, floor_app.TASK_ID, count=count, processes=processes, park=park, ramp=ramp)
    finally:
        server.stop()
    latency = measured.latency
    rows = [
        Row(NAME, f"floor: {count:,} long-polls on a bare ASGI app under uvicorn, p50", latency["p50"], "ms",
            note="no application code: the stack's own cost"),
        Row(NAME, f"floor: {count:,} long-polls on a bare ASGI app under uvicorn, p99", latency["p99"], "ms"),
    ]  # fmt: skip
    return rows, {"latency_ms": latency}


def longpolls(
    setup: Setup, *, count: int, processes: int, park: float, ramp: float
) -> tuple[list[Row], dict[str, Any]]:
    job = setup.create_job(NAME)
    task_id = asyncio.run(_running_task(setup, job))
    pid = _server_pid(setup)
    rss0 = cpu.rss_kb(pid) if pid else None
    outcome, done, latency = _round(setup.server, task_id, count=count, processes=processes, park=park, ramp=ramp)
    refused = [code for r in outcome.results[:-1] for code in r["refused"]]
    not_parked = sum(r["not_parked"] for r in outcome.results[:-1])
    rows = [
        Row(NAME, f"{count:,} long-polls on one task: answered after the PATCH, p50", latency["p50"], "ms",
            note=f"{processes} processes"),
        Row(NAME, f"{count:,} long-polls: p99", latency["p99"], "ms", P99_TARGET_MS, "<="),
        Row(NAME, f"{count:,} long-polls: last answer", latency["max"], "ms"),
        Row(NAME, "PATCH completed round trip (with the waiters parked)", done["patch_s"] * 1000.0, "ms"),
    ]  # fmt: skip
    rows.append(
        Row(NAME, "long-polls refused (not 200)", len(refused), "requests", 0.0, "<=",
            note=", ".join(f"{refused.count(c)} x {c}" for c in sorted(set(refused))))
    )  # fmt: skip
    if not_parked:
        rows.append(Row(NAME, "long-polls that answered before parking", not_parked, "requests"))
    per_poll = None
    if rss0 is not None and done["rss_kb"] is not None:
        per_poll = (done["rss_kb"] - rss0) / count
        rows.append(
            Row(NAME, "server RSS per waiting long-poll", per_poll, "KB", RSS_TARGET_KB, "<=",
                note=f"{rss0 / 1024:,.0f} → {done['rss_kb'] / 1024:,.0f} MiB")
        )  # fmt: skip
    rows += cpu_rows(NAME, f"{count:,} long-polls", outcome, setup.server)
    return rows, {
        "count": count,
        "latency_ms": latency,
        "not_parked": not_parked,
        "refused": refused,
        "parked_after_s": done["parked_after_s"],
        "rss_before_kb": rss0,
        "rss_parked_kb": done["rss_kb"],
        "rss_per_longpoll_kb": per_poll,
    }


def idle_sockets(setup: Setup, *, count: int, processes: int, hold: float) -> tuple[list[Row], dict[str, Any]]:
    pid = _server_pid(setup)
    rss0 = cpu.rss_kb(pid) if pid else None
    base = {"url": setup.server.url, "token": setup.server.token, "hold": hold}
    holders = [Role(roles.socket_holders, {**base, "count": n}) for n in split(count, processes)]
    probe = Role(roles.rss_probe, {"server_pid": pid, "delay": hold / 2})
    outcome = run_roles([*holders, probe], setup.server, timeout=hold + 60.0)
    connected = sum(r["count"] for r in outcome.results[:-1])
    if connected != count:
        raise BenchError(f"{count - connected} of {count} sockets dropped while idle")
    rss1 = outcome.results[-1]["rss_kb"]
    rows: list[Row] = []
    per_socket = None
    if rss0 is not None and rss1 is not None:
        per_socket = (rss1 - rss0) / count
        rows.append(
            Row(NAME, f"server RSS per idle Socket.IO connection ({count:,} sockets)", per_socket, "KB",
                RSS_TARGET_KB, "<=", note=f"{rss0 / 1024:,.0f} → {rss1 / 1024:,.0f} MiB")
        )  # fmt: skip
    rows += cpu_rows(NAME, f"{count:,} idle sockets", outcome, setup.server)
    return rows, {"sockets": count, "rss_before_kb": rss0, "rss_held_kb": rss1, "rss_per_socket_kb": per_socket}


def run(
    setup: Setup,
    *,
    longpolls_count: int,
    sockets_count: int,
    processes: int,
    park: float = 1.0,
    hold: float = 3.0,
    ramp: float = 1.0,
) -> tuple[list[Row], dict[str, Any]]:
    print(f"  {sockets_count:,} idle sockets, then {longpolls_count:,} long-polls on one task", flush=True)
    socket_rows, socket_details = idle_sockets(setup, count=sockets_count, processes=processes, hold=hold)
    poll_rows, poll_details = longpolls(setup, count=longpolls_count, processes=processes, park=park, ramp=ramp)
    details = {"longpolls": poll_details, "sockets": socket_details}
    if setup.server.reference:
        return [*poll_rows, *socket_rows], details
    floor_rows, details["floor"] = floor(count=longpolls_count, processes=processes, park=park, ramp=ramp)
    return [*poll_rows, *floor_rows, *socket_rows], details
