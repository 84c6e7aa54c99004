"""Deep queue: the drain rate with ~100k pending tasks against the rate with 1k pending.

The claim must seek the head of the queue through an index, never scan the pending tasks, so
the drain rate should not depend on the depth. Both queues are loaded over HTTP (wire-level
only, no writes into the database file) by several processes with several requests in flight
each; the load is reported too, because its rate at the end shows whether *submission*
depends on depth. Only the drain of the first `measure` tasks of the deep queue is timed.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from typing import Any

from .common import Setup, cpu_rows
from .drain import drain, submit
from .stats import Row

NAME = "deep"
RATIO_TARGET = 0.8


def fill(setup: Setup, job: str, count: int, *, processes: int, concurrency: int) -> dict[str, Any]:
    """Submit `count` tasks over HTTP, printing progress; the overall rate and those at both ends."""
    counter = mp.get_context("spawn").Value("q", 0)
    progress: list[tuple[float, int]] = []

    def report() -> None:
        now, done = time.perf_counter(), counter.value
        if not progress:  # called once as the load starts
            progress.append((now, done))
            return
        then, before = progress[-1]
        progress.append((now, done))
        if len(progress) % 6 == 1:  # sampled every 5 s, printed every 30 s
            rate = (done - before) / (now - then)
            left = (count - done) / max(rate, 1e-9)
            print(f"    loaded {done:,}/{count:,}  ({rate:,.0f} tasks/s now, ~{left:,.0f} s left)")

    rate, outcome = submit(
        setup, job, count, processes=processes, concurrency=concurrency, counter=counter, progress=report
    )
    # the rates over the first and the last tenth of the load: a drop means submission scans the queue
    tenth = count // 10
    return {
        "count": count,
        "rate": rate,
        "first_tenth_rate": _rate_between(progress, 0, tenth),
        "last_tenth_rate": _rate_between(progress, count - tenth, count),
        "server_cpu_s": outcome.server_cpu,
    }


def _rate_between(progress: list[tuple[float, int]], low: int, high: int) -> float | None:
    """Submission rate over the smallest sampled interval that covers the counts low..high."""
    before = [p for p in progress if p[1] <= low]
    after = [p for p in progress if p[1] >= high]
    if not before or not after or after[0][1] == before[-1][1]:
        return None
    (t0, n0), (t1, n1) = before[-1], after[0]
    return (n1 - n0) / (t1 - t0)


def run(
    setup: Setup, *, deep: int, shallow: int, measure: int, processes: int, concurrency: int
) -> tuple[list[Row], dict[str, Any]]:
    shallow_name, deep_name = f"{NAME}-{shallow}", f"{NAME}-{deep}"
    shallow_job, deep_job = setup.create_job(shallow_name), setup.create_job(deep_name)

    print(f"  loading {shallow:,} tasks, then draining them all")
    fill(setup, shallow_job, shallow, processes=processes, concurrency=concurrency)
    shallow_rate, shallow_out = drain(setup, shallow_name, quota=None, expected=shallow)

    print(f"  loading {deep:,} tasks ({processes} processes x {concurrency} connections)")
    loaded = fill(setup, deep_job, deep, processes=processes, concurrency=concurrency)
    print(f"  draining the first {measure:,} of them")
    quota = measure // setup.workers
    deep_rate, deep_out = drain(setup, deep_name, quota=quota, expected=quota * setup.workers)

    ratio = deep_rate / shallow_rate
    rows = [
        Row(NAME, f"drain with {shallow:,} pending", shallow_rate, "tasks/s"),
        Row(NAME, f"drain with {deep:,} pending", deep_rate, "tasks/s", note=f"first {quota * setup.workers:,}"),
        Row(NAME, "deep / shallow drain rate", ratio, "x", RATIO_TARGET, ">="),
        Row(NAME, f"load of {deep:,} tasks, overall", loaded["rate"], "tasks/s"),
    ]
    if loaded["first_tenth_rate"] and loaded["last_tenth_rate"]:
        rows.append(Row(NAME, "load rate, first tenth of the queue", loaded["first_tenth_rate"], "tasks/s"))
        rows.append(Row(NAME, "load rate, last tenth of the queue", loaded["last_tenth_rate"], "tasks/s"))
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
        "load": loaded,
    }
    return rows, details
