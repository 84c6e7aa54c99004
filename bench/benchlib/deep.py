"""Deep queue: the drain rate with ~100k pending tasks against the rate with 1k pending.

The claim must seek the head of the queue through an index, never scan the pending tasks, so
the drain rate should not depend on the depth. Both queues are loaded over HTTP with bulk
submit (`submitTasks`, batches of 1,000; wire-level only, no writes into the database file).
Only the drain of the first `measure` tasks of the deep queue is timed. Whether *submission*
depends on depth is the `depth` benchmark's question.
"""

from __future__ import annotations

from typing import Any

from .common import Setup, cpu_rows
from .depth import bulk_fill
from .drain import drain
from .stats import Row

NAME = "deep"
RATIO_TARGET = 0.8


def run(
    setup: Setup, *, deep: int, shallow: int, measure: int, processes: int, concurrency: int
) -> tuple[list[Row], dict[str, Any]]:
    shallow_name, deep_name = f"{NAME}-{shallow}", f"{NAME}-{deep}"
    shallow_job, deep_job = setup.create_job(shallow_name), setup.create_job(deep_name)

    print(f"  loading {shallow:,} tasks, then draining them all")
    bulk_fill(setup, shallow_job, shallow, processes=processes, concurrency=concurrency, quiet=True)
    shallow_rate, shallow_out = drain(setup, shallow_name, quota=None, expected=shallow)

    print(f"  loading {deep:,} tasks ({processes} processes x {concurrency} batches in flight)")
    load_rate, _ = bulk_fill(setup, deep_job, deep, processes=processes, concurrency=concurrency)
    print(f"  draining the first {measure:,} of them")
    quota = measure // setup.workers
    deep_rate, deep_out = drain(setup, deep_name, quota=quota, expected=quota * setup.workers)

    ratio = deep_rate / shallow_rate
    rows = [
        Row(NAME, f"drain with {shallow:,} pending", shallow_rate, "tasks/s"),
        Row(NAME, f"drain with {deep:,} pending", deep_rate, "tasks/s", note=f"first {quota * setup.workers:,}"),
        Row(NAME, "deep / shallow drain rate", ratio, "x", RATIO_TARGET, ">="),
        Row(NAME, f"bulk load of {deep:,} tasks", load_rate, "tasks/s"),
    ]
    rows += [
        *cpu_rows(NAME, f"drain at {shallow:,}", shallow_out, setup.server),
        *cpu_rows(NAME, f"drain at {deep:,}", deep_out, setup.server),
    ]
    details = {
        "deep": deep,
        "shallow": shallow,
        "measured": quota * setup.workers,
        "shallow_rate": shallow_rate,
        "deep_rate": deep_rate,
        "ratio": ratio,
        "load_rate": load_rate,
    }
    return rows, details
