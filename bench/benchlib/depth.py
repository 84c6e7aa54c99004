"""Depth: submit and claim rates must not depend on how many tasks are pending (issue 16).

One job is loaded (with bulk submit) to `shallow` pending tasks, another to `deep` (and, before
the claims, to `deep_claim`). Into each, `measure` single submits (`POST /rooms/{room}/tasks/{job}`,
the usual submitters) and then `measure` claims (claim only: the tasks stay claimed) are timed,
in rounds that alternate between the two queues (the machine's load drifts; both depths see
the same drift):

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


class Phases:
    """Rounds of one kind of request, summed: the rate is the requests over the rounds' windows."""

    def __init__(self) -> None:
        self.count, self.seconds, self.results, self.wall = 0, 0.0, [], 0.0
        self.server_cpu: float | None = None
        self.cpu: dict[str, float] = {}

    def add(self, count: int, outcome: Outcome) -> None:
        self.count += count
        self.seconds += window(outcome.results)
        self.results += outcome.results
        self.wall += outcome.wall
        if outcome.server_cpu is not None:
            self.server_cpu = (self.server_cpu or 0.0) + outcome.server_cpu
        for name, value in outcome.cpu.items():
            self.cpu[name] = self.cpu.get(name, 0.0) + value

    @property
    def rate(self) -> float:
        return self.count / self.seconds

    def outcome(self) -> Outcome:
        return Outcome(results=self.results, wall=self.wall, server_cpu=self.server_cpu, cpu=self.cpu)


def _interleaved(
    setup: Setup, step: Any, jobs: tuple[str, str], names: tuple[str, str], *, measure: int, rounds: int
) -> tuple[Phases, Phases]:
    """`measure` requests per queue in `rounds` rounds, alternating shallow-deep, deep-shallow, …

    The machine is shared: its load drifts over minutes. Alternating the two depths in short
    rounds (ABBA) exposes both to the same drift, so their ratio stays meaningful.
    """
    phases = (Phases(), Phases())
    for r, n in enumerate(split(measure, rounds)):
        for which in (0, 1) if r % 2 == 0 else (1, 0):
            setup.create_job(names[which])  # a fresh idle worker: the job stays served
            _, outcome = step(jobs[which], names[which], n)
            phases[which].add(n, outcome)
    return phases


def run(
    setup: Setup,
    *,
    shallow: int,
    deep: int,
    deep_claim: int,
    measure: int,
    processes: int,
    concurrency: int,
    rounds: int = 4,
) -> tuple[list[Row], dict[str, Any]]:
    names = (f"{NAME}-shallow", f"{NAME}-deep")
    jobs = (setup.create_job(names[0]), setup.create_job(names[1]))
    fill = {"processes": processes, "concurrency": concurrency}

    print(f"  bulk loads: {shallow:,} tasks into one job, {deep:,} into another", flush=True)
    bulk_fill(setup, jobs[0], shallow, quiet=True, **fill)
    setup.create_job(names[1])
    bulk_rate, bulk_out = bulk_fill(setup, jobs[1], deep, **fill)

    print(f"  {measure:,} submits into each, in {rounds} alternating rounds", flush=True)
    submits = _interleaved(
        setup,
        lambda job, _name, n: submit(setup, job, n, processes=setup.submitters),
        jobs,
        names,
        measure=measure,
        rounds=rounds,
    )
    extra = max(0, deep_claim - deep - measure)
    extra_rate = None
    if extra:
        print(f"  bulk load of {extra:,} more tasks (to {deep_claim:,} pending)", flush=True)
        setup.create_job(names[1])
        extra_rate, _ = bulk_fill(setup, jobs[1], extra, **fill)
    print(f"  {measure:,} claims from each, in {rounds} alternating rounds", flush=True)
    claimed = _interleaved(
        setup, lambda _job, name, n: claims(setup, name, n), jobs, names, measure=measure, rounds=rounds
    )

    depth_submit, depth_claim = deep + measure // 2, deep + measure + extra - measure // 2
    shallow_submit, shallow_claim = shallow + measure // 2, shallow + measure // 2
    submit_ratio = submits[1].rate / submits[0].rate
    claim_ratio = claimed[1].rate / claimed[0].rate
    cpu_ms = {
        "submit_shallow": _ms_per_task(submits[0].outcome(), submits[0].count),
        "submit_deep": _ms_per_task(submits[1].outcome(), submits[1].count),
        "claim_shallow": _ms_per_task(claimed[0].outcome(), claimed[0].count),
        "claim_deep": _ms_per_task(claimed[1].outcome(), claimed[1].count),
        "bulk": _ms_per_task(bulk_out, deep),
    }
    rows = [
        Row(NAME, f"submit with ~{shallow_submit:,} pending, {setup.submitters} submitters", submits[0].rate,
            "tasks/s", note=f"{rounds} rounds, alternating"),
        Row(NAME, f"submit with ~{depth_submit:,} pending", submits[1].rate, "tasks/s"),
        Row(NAME, "submit rate, deep / shallow", submit_ratio, "x", RATIO_TARGET, ">="),
        Row(NAME, f"claim with ~{shallow_claim:,} pending, {setup.workers} workers", claimed[0].rate, "claims/s"),
        Row(NAME, f"claim with ~{depth_claim:,} pending", claimed[1].rate, "claims/s"),
        Row(NAME, "claim rate, deep / shallow", claim_ratio, "x", RATIO_TARGET, ">="),
        Row(NAME, f"bulk submit, {deep:,} tasks in batches of {BATCH:,}", bulk_rate, "tasks/s", BULK_TARGET, ">=",
            note=f"{processes} x {concurrency} in flight"),
    ]  # fmt: skip
    if extra_rate is not None:
        rows.append(Row(NAME, f"bulk submit, from {deep + measure:,} to {deep_claim:,} pending", extra_rate, "tasks/s"))
    for kind, label in (("submit", "submit"), ("claim", "claim")):
        low, high = cpu_ms[f"{kind}_shallow"], cpu_ms[f"{kind}_deep"]
        if low is not None and high is not None:
            rows.append(Row(NAME, f"server CPU per {label}, shallow / deep", low, "ms", note=f"deep {high:.2f} ms"))
    rows += [
        *cpu_rows(NAME, "submit, shallow", submits[0].outcome(), setup.server),
        *cpu_rows(NAME, "submit, deep", submits[1].outcome(), setup.server),
        *cpu_rows(NAME, "claim, shallow", claimed[0].outcome(), setup.server),
        *cpu_rows(NAME, "claim, deep", claimed[1].outcome(), setup.server),
        *cpu_rows(NAME, "bulk submit", bulk_out, setup.server),
    ]
    details = {
        "shallow": shallow,
        "deep": deep,
        "deep_claim": depth_claim,
        "measure": measure,
        "rounds": rounds,
        "submit_shallow": submits[0].rate,
        "submit_deep": submits[1].rate,
        "claim_shallow": claimed[0].rate,
        "claim_deep": claimed[1].rate,
        "bulk_rate": bulk_rate,
        "bulk_rate_extra": extra_rate,
        "server_cpu_ms_per_task": cpu_ms,
    }
    return rows, details
