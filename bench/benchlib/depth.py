"""Depth: submit and claim rates must not depend on how many tasks are pending (issue 16).

One job is loaded (with bulk submit) to `shallow` pending tasks, another to `deep` and then to
`deep_claim`. At each depth `measure` single submits (`POST /rooms/{room}/tasks/{job}`, the
usual submitters) and then `measure` claims (claim only: the tasks stay claimed) are timed:

- submit rate at `deep` (100,000) ≥ 0.8 x the rate at `shallow` (1,000): a submit may not count
  the queue (it did for `queue_position`, O(n) per submit);
- claim rate at `deep_claim` (200,000 by default, `--depth-claim 1000000` for the issue's figure)
  ≥ 0.8 x the rate at `shallow`: the claim seeks the head of the queue through an index.

The bulk load of the deep queue gives the bulk-submit row (≥ 10,000 tasks/s). Each measured
phase adds `measure` tasks (submits) or takes them away (claims), so the depths are exact to
± `measure`.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import Counter
from typing import Any

from . import roles
from .api import BenchError
from .common import Setup, cpu_rows, split, window
from .drain import submit
from .procs import Outcome, Role, run_roles
from .stats import Row

NAME = "depth"
RATIO_TARGET = 0.8
BULK_TARGET = 10_000.0  # tasks/s into the embedded server
BATCH = 1000


def bulk_fill(
    setup: Setup,
    job: str,
    count: int,
    *,
    processes: int = 2,
    concurrency: int = 2,
    priorities: tuple[int, int] | None = None,
    quiet: bool = False,
) -> tuple[float, Outcome]:
    """Bulk-submit `count` tasks (batches of 1,000) from `processes` x `concurrency` lanes; (tasks/s, outcome)."""
    counter = mp.get_context("spawn").Value("q", 0)
    marks: list[tuple[float, int]] = []

    def report() -> None:
        now, done = time.perf_counter(), counter.value
        marks.append((now, done))
        if not quiet and len(marks) > 1 and len(marks) % 2 == 1:  # sampled every 5 s, printed every 10 s
            then, before = marks[-3]
            rate = (done - before) / max(now - then, 1e-9)
            print(f"    loaded {done:,}/{count:,}  ({rate:,.0f} tasks/s now)", flush=True)

    outcome = run_roles(
        [
            Role(
                roles.bulk_burst,
                {
                    **setup.role_kwargs(i),
                    "job": job,
                    "count": n,
                    "batch": BATCH,
                    "concurrency": concurrency,
                    "priorities": priorities,
                    "seed": i,
                    "counter": counter,
                },
            )
            for i, n in enumerate(split(count, processes))
            if n
        ],
        setup.server,
        timeout=max(600.0, count / 500.0),
        progress=report,
        progress_every=5.0,
    )
    return count / window(outcome.results), outcome


def claims(setup: Setup, job_name: str, count: int) -> tuple[float, Outcome]:
    """`count` claims by `setup.workers` claim-only workers; (claims/s, outcome). No task twice."""
    outcome = run_roles(
        [
            Role(roles.claim_worker, {**setup.role_kwargs(i), "job_name": job_name, "quota": n})
            for i, n in enumerate(split(count, setup.workers))
        ],
        setup.server,
        timeout=max(300.0, count / 20.0),
    )
    ids = Counter(i for r in outcome.results for i in r["ids"])
    if any(n > 1 for n in ids.values()):
        raise BenchError("a task was claimed twice")
    if len(ids) != count:
        raise BenchError(f"{len(ids)} claims succeeded, {count} were asked for (the queue ran dry?)")
    return count / window(outcome.results), outcome


def _ms_per_task(outcome: Outcome, tasks: int) -> float | None:
    return None if outcome.server_cpu is None else 1000.0 * outcome.server_cpu / tasks


def run(
    setup: Setup, *, shallow: int, deep: int, deep_claim: int, measure: int, processes: int, concurrency: int
) -> tuple[list[Row], dict[str, Any]]:
    shallow_name, deep_name = f"{NAME}-{shallow}", f"{NAME}-{deep}"
    shallow_job, deep_job = setup.create_job(shallow_name), setup.create_job(deep_name)
    fill = {"processes": processes, "concurrency": concurrency}

    print(f"  {shallow:,} pending: bulk load, then {measure:,} submits and {measure:,} claims", flush=True)
    bulk_fill(setup, shallow_job, shallow, quiet=True, **fill)
    setup.create_job(shallow_name)  # a fresh idle worker: the job must stay served while we submit
    submit_shallow, sub_s = submit(setup, shallow_job, measure, processes=setup.submitters)
    claim_shallow, claim_s = claims(setup, shallow_name, measure)

    print(f"  bulk load of {deep:,} tasks", flush=True)
    setup.create_job(deep_name)
    bulk_rate, bulk_out = bulk_fill(setup, deep_job, deep, **fill)
    setup.create_job(deep_name)
    submit_deep, sub_d = submit(setup, deep_job, measure, processes=setup.submitters)
    extra = max(0, deep_claim - deep - measure)
    extra_rate = None
    if extra:
        print(f"  bulk load of {extra:,} more tasks (to {deep_claim:,} pending)", flush=True)
        setup.create_job(deep_name)
        extra_rate, _ = bulk_fill(setup, deep_job, extra, **fill)
    claim_deep, claim_d = claims(setup, deep_name, measure)

    depth_claim = deep + measure + extra
    submit_ratio, claim_ratio = submit_deep / submit_shallow, claim_deep / claim_shallow
    rows = [
        Row(NAME, f"submit with {shallow:,} pending, {setup.submitters} submitters", submit_shallow, "tasks/s"),
        Row(NAME, f"submit with {deep:,} pending", submit_deep, "tasks/s"),
        Row(NAME, f"submit rate, {deep:,} / {shallow:,} pending", submit_ratio, "x", RATIO_TARGET, ">="),
        Row(NAME, f"claim with {shallow:,} pending, {setup.workers} workers", claim_shallow, "claims/s"),
        Row(NAME, f"claim with {depth_claim:,} pending", claim_deep, "claims/s"),
        Row(NAME, f"claim rate, {depth_claim:,} / {shallow:,} pending", claim_ratio, "x", RATIO_TARGET, ">="),
        Row(NAME, f"bulk submit, {deep:,} tasks in batches of {BATCH:,}", bulk_rate, "tasks/s", BULK_TARGET, ">=",
            note=f"{processes} x {concurrency} in flight"),
    ]  # fmt: skip
    if extra_rate is not None:
        rows.append(Row(NAME, f"bulk submit, from {deep:,} to {depth_claim:,} pending", extra_rate, "tasks/s"))
    rows += [
        *cpu_rows(NAME, f"submit at {shallow:,}", sub_s, setup.server),
        *cpu_rows(NAME, f"submit at {deep:,}", sub_d, setup.server),
        *cpu_rows(NAME, f"claim at {shallow:,}", claim_s, setup.server),
        *cpu_rows(NAME, f"claim at {depth_claim:,}", claim_d, setup.server),
        *cpu_rows(NAME, "bulk submit", bulk_out, setup.server),
    ]
    details = {
        "shallow": shallow,
        "deep": deep,
        "deep_claim": depth_claim,
        "measure": measure,
        "submit_shallow": submit_shallow,
        "submit_deep": submit_deep,
        "claim_shallow": claim_shallow,
        "claim_deep": claim_deep,
        "bulk_rate": bulk_rate,
        "bulk_rate_extra": extra_rate,
        "server_cpu_ms_per_task": {
            "submit_shallow": _ms_per_task(sub_s, measure),
            "submit_deep": _ms_per_task(sub_d, measure),
            "claim_shallow": _ms_per_task(claim_s, measure),
            "claim_deep": _ms_per_task(claim_d, measure),
            "bulk": _ms_per_task(bulk_out, deep),
        },
    }
    return rows, details
