"""What every benchmark shares: the server, a room of its own, and the client counts."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import cpu
from .api import Api, BenchError, full_job_name
from .procs import Outcome
from .server import Server
from .stats import Row, cpu_percent


@dataclass(frozen=True)
class Setup:
    """The run's server and a room unique to this run (so runs against one server never mix)."""

    server: Server
    room: str
    submitters: int
    workers: int

    def role_kwargs(self, index: int = 0) -> dict[str, Any]:
        """What client number `index` needs; with several replicas, clients alternate over them."""
        return {"url": self.server.url_for(index), "token": self.server.token, "room": self.room}

    def create_job(self, name: str) -> str:
        """Register the job once from the parent, so the workers' registrations only link.

        The worker this creates never claims; it only makes the job exist before the roles start.
        It never sends a heartbeat either, so the server drops it after its worker timeout: a
        benchmark that submits much later registers again (a job without workers refuses tasks).
        """

        async def register() -> str:
            async with Api(self.server.url, self.server.token) as api:
                return str((await api.register_job(self.room, name))["full_name"])

        full_name = asyncio.run(register())
        if full_name != full_job_name(self.room, name):
            raise BenchError(f"registered {name!r} in {self.room!r} but the server named it {full_name!r}")
        return full_name


def split(total: int, parts: int) -> list[int]:
    """`total` as `parts` near-equal shares."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def window(results: Sequence[dict[str, Any]]) -> float:
    """Wall time from the first role's start to the last role's end, in seconds."""
    return max(r["end"] for r in results) - min(r["start"] for r in results)


def cpu_rows(benchmark: str, phase: str, outcome: Outcome, server: Server | None = None) -> list[Row]:
    """Server and client CPU over a phase: which side was busy tells which side limited it.

    With `server` given and several replicas or services, the notes split the figure per process.
    """
    rows = []
    value = cpu_percent(outcome.server_cpu, outcome.wall)
    per = cpu.percent(outcome.cpu, outcome.wall)
    if value is not None:
        note = ""
        if server is not None and len(server.processes) > 1:
            note = cpu.describe({n: per[n] for n in server.server_names() if n in per})
        rows.append(Row(benchmark, f"server CPU, {phase}", value, "% of a core", note=note))
    if server is not None and server.services:
        services = {name: per[name] for name, _, _ in server.services if name in per}
        if services:
            note = cpu.describe(services)
            rows.append(Row(benchmark, f"services CPU, {phase}", sum(services.values()), "% of a core", note=note))
    client = cpu_percent(sum(r["cpu"] for r in outcome.results), outcome.wall)
    if client is not None:
        rows.append(Row(benchmark, f"client CPU, {phase} (all client processes)", client, "% of a core"))
    return rows
