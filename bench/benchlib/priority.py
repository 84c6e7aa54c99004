"""Priorities: draining a queue of mixed priorities is as fast as draining a plain one.

Two jobs get `tasks` tasks each, in `rounds` rounds: per round, each job is bulk-loaded with its
share (one all at priority 0, one with random priorities in -100..100) and drained by the usual
workers (claim, running, completed); the claim takes the highest priority first, FIFO within
one. The rounds alternate (plain-mixed, mixed-plain, …) so the machine's drifting load hits
both alike. Target: mixed / plain drain rate ≥ 0.8 (the claim seeks through an index in
(priority, created_at) order).
"""

from __future__ import annotations

from typing import Any

from .common import Setup, cpu_rows, split
from .depth import Phases, bulk_fill
from .drain import drain
from .stats import Row

NAME = "priority"
RATIO_TARGET = 0.8


def run(setup: Setup, *, tasks: int, rounds: int = 4) -> tuple[list[Row], dict[str, Any]]:
    names = (f"{NAME}-plain", f"{NAME}-mixed")
    jobs = (setup.create_job(names[0]), setup.create_job(names[1]))
    phases = (Phases(), Phases())
    for r, n in enumerate(split(tasks, rounds)):
        for which in (0, 1) if r % 2 == 0 else (1, 0):
            setup.create_job(names[which])  # a fresh idle worker: the job stays served
            bulk_fill(setup, jobs[which], n, priorities=(-100, 100) if which else None, quiet=True)
            _, outcome = drain(setup, names[which], quota=None, expected=n)
            phases[which].add(n, outcome)
    plain, mixed = phases
    rows = [
        Row(NAME, f"drain, all at priority 0 ({tasks:,} tasks)", plain.rate, "tasks/s", note=f"{rounds} rounds"),
        Row(NAME, "drain, random priorities -100..100", mixed.rate, "tasks/s"),
        Row(NAME, "mixed / plain drain rate", mixed.rate / plain.rate, "x", RATIO_TARGET, ">="),
    ]
    if plain.server_cpu is not None and mixed.server_cpu is not None:
        plain_ms, mixed_ms = 1000.0 * plain.server_cpu / plain.count, 1000.0 * mixed.server_cpu / mixed.count
        rows.append(Row(NAME, "server CPU per drained task, plain", plain_ms, "ms", note=f"mixed {mixed_ms:.2f} ms"))
    rows += [
        *cpu_rows(NAME, "plain drain", plain.outcome(), setup.server),
        *cpu_rows(NAME, "mixed drain", mixed.outcome(), setup.server),
    ]
    return rows, {"tasks": tasks, "rounds": rounds, "plain_rate": plain.rate, "mixed_rate": mixed.rate}
