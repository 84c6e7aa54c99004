"""Drain: submit N tasks with S concurrent submitters, then drain them with W concurrent workers.

The two phases are separate so each rate is the server's answer to one kind of load: the
submission rate is what `POST /rooms/{room}/tasks/{job}` sustains, the drain rate is what one
claim plus two PATCHes per task sustain (the cost of running a task, apart from the work).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from . import roles
from .api import BenchError
from .common import Setup, cpu_rows, split, window
from .procs import Outcome, Role, run_roles
from .stats import Row

NAME = "drain"
DRAIN_TARGET = 250.0  # tasks/s (the target)


def check_each_task_once(results: list[dict[str, Any]], expected: int) -> None:
    """Every submitted task ran exactly once: no task lost, none handed to two workers."""
    ids = Counter(i for r in results for i in r["ids"])
    doubles = [i for i, n in ids.items() if n > 1]
    if doubles:
        raise BenchError(f"{len(doubles)} task(s) were claimed by two workers, e.g. {doubles[0]}")
    if len(ids) != expected:
        raise BenchError(f"the workers ran {len(ids)} tasks, {expected} were submitted")


def submit(
    setup: Setup,
    job: str,
    count: int,
    *,
    processes: int,
    concurrency: int = 1,
    counter: Any = None,
    progress: Callable[[], None] | None = None,
) -> tuple[float, Outcome]:
    """Submit `count` tasks from `processes` processes, `concurrency` in flight each; (tasks/s, outcome)."""
    kwargs = {"job": job, "concurrency": concurrency, "counter": counter}
    outcome = run_roles(
        [
            Role(roles.submit_burst, {**setup.role_kwargs(i), **kwargs, "count": n})
            for i, n in enumerate(split(count, processes))
        ],
        setup.server,
        timeout=max(600.0, count / 10.0),
        progress=progress,
        progress_every=5.0,
    )
    return count / window(outcome.results), outcome


def drain(setup: Setup, job_name: str, *, quota: int | None, expected: int) -> tuple[float, Outcome]:
    """Drain with `setup.workers` workers (each up to `quota` tasks); (tasks/s, outcome)."""
    kwargs = {"job_name": job_name, "quota": quota}
    outcome = run_roles(
        [Role(roles.drain_worker, {**setup.role_kwargs(i), **kwargs}) for i in range(setup.workers)],
        setup.server,
        timeout=max(300.0, expected / 20.0),
    )
    check_each_task_once(outcome.results, expected)
    return expected / window(outcome.results), outcome


def run(
    setup: Setup, *, tasks: int, target: float | None = DRAIN_TARGET, target_note: str = ""
) -> tuple[list[Row], dict[str, Any]]:
    """Submit, then drain; `target` (tasks/s) makes the drain rate a pass/fail check."""
    job = setup.create_job(NAME)
    submit_rate, submitted = submit(setup, job, tasks, processes=setup.submitters)
    drain_rate, drained = drain(setup, NAME, quota=None, expected=tasks)
    rows = [
        Row(NAME, f"submission, {setup.submitters} submitters", submit_rate, "tasks/s", note=f"{tasks:,} tasks"),
        Row(NAME, f"drain, {setup.workers} workers", drain_rate, "tasks/s", target, ">=", note=target_note),
        *cpu_rows(NAME, "submission", submitted, setup.server),
        *cpu_rows(NAME, "drain", drained, setup.server),
    ]
    per_task = None if drained.server_cpu is None else 1000.0 * drained.server_cpu / tasks
    client_per_task = 1000.0 * sum(r["cpu"] for r in drained.results) / tasks
    if per_task is not None:
        rows.append(Row(NAME, "server CPU per drained task", per_task, "ms", note="claim + 2 PATCH"))
    rows.append(Row(NAME, "client CPU per drained task", client_per_task, "ms"))
    details = {
        "tasks": tasks,
        "submit_rate": submit_rate,
        "drain_rate": drain_rate,
        "submit_wall": window(submitted.results),
        "drain_wall": window(drained.results),
        "per_worker": [r["count"] for r in drained.results],
        "server_cpu_ms_per_task": per_task,
        "client_cpu_ms_per_task": client_per_task,
        "server_side_cpu_ms_per_task": 1000.0 * sum(drained.cpu.values()) / tasks if drained.cpu else None,
        "server_cpu_ms_per_submit": None if submitted.server_cpu is None else 1000.0 * submitted.server_cpu / tasks,
    }
    return rows, details
