"""Priorities: draining a queue of mixed priorities is as fast as draining a plain one.

Two jobs get `tasks` tasks each by bulk submit: one all at priority 0, one with random
priorities in -100..100. Each is then drained by the usual workers (claim, running,
completed); the claim takes the highest priority first, FIFO within one. Target: mixed / plain
drain rate ≥ 0.8 (the claim seeks through an index in (priority, created_at) order).
"""

from __future__ import annotations

from typing import Any

from .common import Setup, cpu_rows
from .depth import bulk_fill
from .drain import drain
from .stats import Row

NAME = "priority"
RATIO_TARGET = 0.8


def run(setup: Setup, *, tasks: int) -> tuple[list[Row], dict[str, Any]]:
    plain_name, mixed_name = f"{NAME}-plain", f"{NAME}-mixed"
    plain_job, mixed_job = setup.create_job(plain_name), setup.create_job(mixed_name)
    bulk_fill(setup, plain_job, tasks, quiet=True)
    plain_rate, plain_out = drain(setup, plain_name, quota=None, expected=tasks)
    bulk_fill(setup, mixed_job, tasks, priorities=(-100, 100), quiet=True)
    mixed_rate, mixed_out = drain(setup, mixed_name, quota=None, expected=tasks)
    rows = [
        Row(NAME, f"drain, all at priority 0 ({tasks:,} tasks)", plain_rate, "tasks/s"),
        Row(NAME, "drain, random priorities -100..100", mixed_rate, "tasks/s"),
        Row(NAME, "mixed / plain drain rate", mixed_rate / plain_rate, "x", RATIO_TARGET, ">="),
        *cpu_rows(NAME, "plain drain", plain_out, setup.server),
        *cpu_rows(NAME, "mixed drain", mixed_out, setup.server),
    ]
    return rows, {"tasks": tasks, "plain_rate": plain_rate, "mixed_rate": mixed_rate}
