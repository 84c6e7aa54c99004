"""Run each client role (a submitter, a worker) in its own process, all started by one barrier.

Why processes: one Python httpx client tops out near 1.2k requests/s, and real submitters and
workers are separate processes with their own connections anyway. Each role does its setup
(connect, register its worker) before the barrier, so process start-up and imports are never
inside the measured window; each role timestamps its own work with `time.perf_counter()`,
which on Linux is CLOCK_MONOTONIC and so comparable across processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import multiprocessing as mp
import queue
import threading
import time
import traceback
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Barrier
from typing import Any

from . import cpu
from .api import BenchError
from .server import Server

SETUP_TIMEOUT = 120.0
_CTX = mp.get_context("spawn")  # no inherited event loops, sockets or threads


class Gate:
    """What a role awaits between its setup and its measured work."""

    def __init__(self, barrier: Barrier) -> None:
        self._barrier = barrier

    async def open(self) -> float:
        """Wait for every role and the parent; the start time of the measured window.

        Freezes what setup allocated (imports, clients) out of the garbage collector first, so a
        full collection in a client does not pause it for tens of milliseconds mid-measurement.
        """
        gc.collect()
        gc.freeze()
        await asyncio.to_thread(self._barrier.wait, SETUP_TIMEOUT)
        return time.perf_counter()


RoleFn = Callable[..., Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Role:
    """An async function `fn(gate, **kwargs) -> dict` to run in a process of its own."""

    fn: RoleFn
    kwargs: dict[str, Any] = field(default_factory=dict)


def _child(index: int, role: Role, barrier: Barrier, out: mp.Queue[tuple[int, bool, Any]]) -> None:
    try:
        result = asyncio.run(role.fn(Gate(barrier), **role.kwargs))
    except BaseException as exc:  # report any failure to the parent instead of hanging it
        barrier.abort()
        out.put((index, False, "".join(traceback.format_exception(exc))))
    else:
        out.put((index, True, result))


@dataclass
class Outcome:
    """What every role returned, and the CPU seconds each server-side process spent while they ran.

    `server_cpu` is the sum over our server processes (every replica); `cpu` has each source
    on its own, the services (PostgreSQL, Redis) included.
    """

    results: list[dict[str, Any]]
    wall: float
    server_cpu: float | None
    cpu: dict[str, float] = field(default_factory=dict)


class _Collector:
    """Reads the one report each role sends, with a deadline and periodic progress callbacks."""

    def __init__(
        self,
        processes: list[BaseProcess],
        out: mp.Queue[tuple[int, bool, Any]],
        barrier: Barrier,
        progress: Callable[[], None] | None,
        progress_every: float,
    ) -> None:
        self.processes, self.out, self.barrier = processes, out, barrier
        self.progress, self.progress_every = progress, progress_every
        self.results: dict[int, dict[str, Any]] = {}
        self.errors: dict[int, str] = {}

    def collect(self, timeout: float) -> None:
        start = time.perf_counter()
        deadline, next_progress = start + timeout, start + self.progress_every
        if self.progress is not None:
            self.progress()  # the origin of the progress reports
        while len(self.results) + len(self.errors) < len(self.processes):  # every role reports once
            now = time.perf_counter()
            if now > deadline:
                raise BenchError(f"the roles did not finish within {timeout:.0f} s")
            if self.progress is not None and now >= next_progress:
                self.progress()
                next_progress += self.progress_every
            try:
                index, ok, value = self.out.get(timeout=min(1.0, deadline - now))
            except queue.Empty:
                self._check_crashed()
                continue
            if ok:
                self.results[index] = value
            else:
                self.errors[index] = value
                self.barrier.abort()
        if self.progress is not None:
            self.progress()  # the end of the progress reports

    def _check_crashed(self) -> None:
        crashed = [i for i, p in enumerate(self.processes) if p.exitcode not in (None, 0)]
        if crashed and self.out.empty():
            raise BenchError(f"role {crashed[0]} exited with code {self.processes[crashed[0]].exitcode}")


def run_roles(
    roles: Sequence[Role],
    server: Server,
    *,
    timeout: float,
    progress: Callable[[], None] | None = None,
    progress_every: float = 10.0,
) -> Outcome:
    """Start every role, open the barrier, and collect the results (in role order)."""
    barrier = _CTX.Barrier(len(roles) + 1)
    out: mp.Queue[tuple[int, bool, Any]] = _CTX.Queue()
    processes = [_CTX.Process(target=_child, args=(i, r, barrier, out), daemon=True) for i, r in enumerate(roles)]
    for process in processes:
        process.start()
    collector = _Collector(processes, out, barrier, progress, progress_every)
    try:
        with contextlib.suppress(threading.BrokenBarrierError):  # a role failed its setup: it reports why
            barrier.wait(SETUP_TIMEOUT)
        cpu0, t0 = server.cpu_snapshot(), time.perf_counter()
        collector.collect(timeout)
        wall = time.perf_counter() - t0
        spent = cpu.delta(cpu0, server.cpu_snapshot())
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)
    if collector.errors:
        errors = collector.errors
        # the first failure is the cause; the others are usually "barrier broken" echoes of it
        first = min(errors, key=lambda i: "BrokenBarrierError" in errors[i])
        raise BenchError(f"role {first} ({roles[first].fn.__name__}) failed:\n{errors[first]}")
    servers = [spent[n] for n in server.server_names() if n in spent]
    server_cpu = sum(servers) if servers else None
    results = [collector.results[i] for i in range(len(roles))]
    return Outcome(results=results, wall=wall, server_cpu=server_cpu, cpu=spent)
