"""Steady state: submitters on a fixed schedule and polling workers at once, for a fixed time.

Open-loop submission (a schedule, not "as fast as possible") is what makes latency figures
meaningful: a closed-loop submitter slows down with the server and hides queueing delay. The
offered rate should be below the drain capacity; if it is not, the queue grows for the whole
run and the latency is mostly time spent waiting in it (the table then says the schedule
slipped or tasks were left over).
"""

from __future__ import annotations

from typing import Any

from . import roles
from .common import Setup, cpu_rows
from .procs import Role, run_roles
from .stats import Row, summary_ms

NAME = "steady"
GRACE_SECONDS = 30.0  # after the submitters stop, the workers finish the queue within this


def run(setup: Setup, *, duration: float, rate: float, poll: float) -> tuple[list[Row], dict[str, Any]]:
    job = setup.create_job(NAME)
    per_submitter = rate / setup.submitters
    submitters = [
        # staggered so the submitters do not fire in lockstep
        Role(
            roles.paced_submitter,
            {**setup.role_kwargs(i), "job": job, "rate": per_submitter, "duration": duration, "offset": i / rate},
        )
        for i in range(setup.submitters)
    ]
    worker = {"job_name": NAME, "duration": duration, "poll": poll, "grace": GRACE_SECONDS}
    workers = [Role(roles.polling_worker, {**setup.role_kwargs(i), **worker}) for i in range(setup.workers)]
    outcome = run_roles([*submitters, *workers], setup.server, timeout=duration + GRACE_SECONDS + 60.0)

    sent = outcome.results[: setup.submitters]
    done = outcome.results[setup.submitters :]
    start = min(r["start"] for r in outcome.results)
    submitted = sum(r["count"] for r in sent)
    samples = [tuple(s) for r in done for s in r["samples"]]
    latencies = [t1 - t0 for t0, t1 in samples]
    in_window = sum(1 for _, t1 in samples if t1 <= start + duration)
    latency = summary_ms(latencies)
    lag = max(r["lag"] for r in sent)
    empty = sum(r["empty_claims"] for r in done)
    rows = [
        Row(NAME, "offered submit rate", rate, "tasks/s", note=f"{duration:.0f} s"),
        Row(NAME, "achieved submit rate", submitted / duration, "tasks/s"),
        Row(NAME, "completed within the window", in_window / duration, "tasks/s"),
        Row(NAME, "submit → completed p50", latency.get("p50", float("nan")), "ms"),
        Row(NAME, "submit → completed p99", latency.get("p99", float("nan")), "ms"),
        Row(NAME, "tasks left unfinished", submitted - len(samples), "tasks"),
        *cpu_rows(NAME, "steady state", outcome, setup.server),
    ]
    details = {
        "duration": duration,
        "offered_rate": rate,
        "submitted": submitted,
        "completed": len(samples),
        "completed_in_window": in_window,
        "latency_ms": latency,
        "schedule_lag_s": lag,
        "empty_claims": empty,
        "poll_interval_s": poll,
    }
    return rows, details
