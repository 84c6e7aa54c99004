"""Wire-level benchmarks of zndraw-joblib: `make bench`, or `.venv/bin/python bench/run.py --help`.

Starts a fresh embedded server (SQLite + in-process bus) in a temporary directory unless
`--url` names a running one, runs the selected benchmarks over HTTP and Socket.IO, prints a
markdown table and writes bench/results/latest.json. `--distributed` then runs them again on
PostgreSQL + Redis (scripts/services.sh) with 1 and 2 replicas. `--compare [REV]` and
`--upstream` also measure the server as of a git revision and upstream zndraw-joblib 0.1.7 in
the same run, and report ratios (benchlib/compare.py). Never part of `make test`: it takes
minutes and its figures depend on the machine. See bench/README.md for each figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchlib import compare, deep, depth, drain, longpoll, priority, progress, realtime, steady, waiters
from benchlib.api import BenchError
from benchlib.common import Setup
from benchlib.distributed import deployment_label, start_deployment
from benchlib.server import Server, attach, start_server
from benchlib.stats import Row, table

# depth and deep last: they leave deep queues behind
BENCHMARKS = ("drain", "steady", "longpoll", "realtime", "progress", "waiters", "priority", "depth", "deep")
COMPARED = "drain,longpoll"  # what runs on the comparison servers by default
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"

Runner = Callable[[Setup], tuple[list[Row], dict[str, Any]]]


def _rates(text: str) -> list[float | None]:
    """'20,50,max' → [20.0, 50.0, None] (None: closed loop, as fast as the server answers)."""
    try:
        return [None if part.strip() == "max" else float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: comma-separated rates or 'max'") from None


def _counts(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: comma-separated replica counts") from None


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add = parser.add_argument
    add("--only", choices=BENCHMARKS, action="append", help="run only this benchmark (repeatable)")
    add("--tasks", type=int, default=2000, help="drain: tasks to submit and drain (2000)")
    add("--duration", type=float, default=20.0, help="steady: seconds of load (20)")
    add("--rate", type=float, default=50.0, help="steady: offered tasks/s, all submitters (50)")
    add("--poll", type=float, default=0.02, help="steady: worker sleep after an empty claim, s")
    add("--samples", type=int, default=200, help="longpoll: wake-ups to time (200)")
    add("--realtime-samples", type=int, default=200, help="realtime: submit → claim samples (200)")
    add("--realtime-interval", type=float, default=0.03, help="realtime: seconds between two samples (0.03)")
    add("--fanout-sockets", type=int, default=100, help="realtime: frontend sockets in the room (100)")
    add("--fanout-procs", type=int, default=4, help="realtime: listener processes for those sockets (4)")
    add("--fanout-rates", type=_rates, default="20,50,100,max", help="realtime: stages, events/s or max")
    add("--fanout-stage", type=float, default=5.0, help="realtime: seconds per fan-out stage (5)")
    add("--fanout-concurrency", type=int, default=4, help="realtime: submissions in flight at max (4)")
    add("--deep", type=int, default=100_000, help="deep: pending tasks in the deep queue (100000)")
    add("--shallow", type=int, default=1000, help="deep, depth: pending tasks in the reference queue")
    add("--deep-measure", type=int, default=2000, help="deep: tasks of the deep queue to time")
    add("--load-procs", type=int, default=2, help="deep, depth: bulk loader processes (2)")
    add("--load-concurrency", type=int, default=2, help="deep, depth: batches in flight per loader (2)")
    add("--depth-deep", type=int, default=100_000, help="depth: pending tasks for the deep submit rate (100000)")
    add("--depth-claim", type=int, default=200_000, help="depth: pending tasks for the deep claim rate (200000)")
    add("--depth-measure", type=int, default=2000, help="depth: submits and claims timed at each depth (2000)")
    add("--longpolls", type=int, default=1000, help="waiters: concurrent long-polls on one task (1000)")
    add("--sockets", type=int, default=500, help="waiters: idle Socket.IO connections (500)")
    add("--waiter-procs", type=int, default=4, help="waiters: client processes holding them (4)")
    add("--progress-reports", type=int, default=500, help="progress: reports sent back to back (500)")
    add("--priority-tasks", type=int, default=2000, help="priority: tasks per drain (2000)")
    add("--quick", action="store_true", help="shorter runs: fewer tasks, shallower queues (about 5 minutes)")
    add(
        "--compare",
        nargs="?",
        const="",
        metavar="REV",
        help=f"also measure the server as of git REV (default {compare.DEFAULT_REVISION}: before issue 16)",
    )
    add("--upstream", action="store_true", help=f"also measure upstream zndraw-joblib {compare.UPSTREAM_VERSION}")
    add("--compare-only", default=COMPARED, help=f"benchmarks run on the comparison servers ({COMPARED})")
    add("--upstream-tasks", type=int, default=500, help="upstream drain: tasks (500: it drains ~25/s)")
    add("--upstream-samples", type=int, default=20, help="upstream longpoll: samples (20: each wakes in ~1 s)")
    add("--submitters", type=int, default=4, help="submitter processes (4)")
    add("--workers", type=int, default=4, help="worker processes (4)")
    add("--distributed", action="store_true", help="also run on PostgreSQL + Redis (scripts/services.sh)")
    add("--replicas", type=_counts, default="1,2", help="--distributed: replica counts to run (1,2)")
    add("--url", help="benchmark this running server instead of starting one")
    add("--token", help="bearer token for --url (default: log in as the --dev admin)")
    add("--output", type=Path, default=RESULTS, help=f"JSON results file ({RESULTS.name})")
    args = parser.parse_args(argv)
    if args.token and not args.url:
        parser.error("--token needs --url")
    if args.distributed and args.url:
        parser.error("--distributed starts its own deployments; it does not combine with --url")
    if (args.compare is not None or args.upstream) and args.url:
        parser.error("--compare/--upstream start their own servers; they do not combine with --url")
    if args.quick:
        _quick(parser, args)
    return args


def _quick(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """--quick: smaller defaults (an option given on the command line keeps its value)."""
    quick = {"tasks": 1000, "duration": 10.0, "samples": 100, "realtime_samples": 100, "fanout_stage": 3.0,
             "deep": 20_000, "depth_deep": 20_000, "depth_claim": 50_000, "depth_measure": 1000,
             "priority_tasks": 1000, "upstream_tasks": 300, "upstream_samples": 10}  # fmt: skip
    for key, value in quick.items():
        if getattr(args, key) == parser.get_default(key):
            setattr(args, key, value)


def selected(args: argparse.Namespace) -> list[str]:
    """--only, else every benchmark; a --distributed run skips deep and depth unless --only names them."""
    if args.only:
        return [b for b in BENCHMARKS if b in args.only]
    return [b for b in BENCHMARKS if not (args.distributed and b in {"deep", "depth"})]


def deployments(args: argparse.Namespace) -> list[tuple[str, Callable[[], Server]]]:
    """(label, start) for each deployment this run covers, in order: the embedded one first."""
    if args.url:
        return [("given", lambda: attach(args.url, args.token))]
    plan: list[tuple[str, Callable[[], Server]]] = [("embedded", start_server)]
    if args.distributed:
        plan += [(deployment_label(n), lambda n=n: start_deployment(n)) for n in args.replicas]
    return plan


def comparisons(args: argparse.Namespace) -> list[tuple[str, Callable[[], Server]]]:
    """(label, start) of the comparison servers; their venvs are built (or found cached) first."""
    revision = None if args.compare is None else (args.compare or compare.default_revision())
    if revision is None and not args.upstream:
        return []
    print("== preparing the comparison servers ...", flush=True)
    venvs = compare.prepare(revision, args.upstream)
    plan: list[tuple[str, Callable[[], Server]]] = []
    if revision is not None:
        commit, venv_bin = str(venvs["commit"]), Path(venvs["revision_bin"])
        plan.append((f"previous {commit[:7]}", lambda: compare.start_revision(commit, venv_bin)))
    if args.upstream:
        upstream_bin = Path(venvs["upstream_bin"])
        plan.append((f"upstream {compare.UPSTREAM_VERSION}", lambda: compare.start_upstream(upstream_bin)))
    return plan


def compared_args(args: argparse.Namespace, label: str) -> argparse.Namespace:
    """The options for a comparison server: upstream gets fewer tasks and samples (it is slow)."""
    if not label.startswith("upstream"):
        return args
    return argparse.Namespace(**{**vars(args), "tasks": args.upstream_tasks, "samples": args.upstream_samples})


def ratio_rows(details: dict[str, Any]) -> list[Row]:
    """Ours (the embedded run) against each comparison server of the same run."""
    ours = details.get("embedded", {})
    ours_drain, ours_poll = ours.get("drain", {}), ours.get("longpoll", {})
    rows: list[Row] = []
    for label, theirs in details.items():
        previous, upstream = label.startswith("previous"), label.startswith("upstream")
        if not (previous or upstream):
            continue
        their_drain, their_poll = theirs.get("drain", {}), theirs.get("longpoll", {})
        name = "previous revision" if previous else "upstream"
        mine_ms, their_ms = ours_drain.get("server_cpu_ms_per_task"), their_drain.get("server_cpu_ms_per_task")
        if mine_ms and their_ms:
            rows.append(
                Row("compare", f"server CPU per drained task, ours / {name}", mine_ms / their_ms, "x",
                    0.5 if previous else None, "<=" if previous else None,
                    note=f"{mine_ms:.2f} / {their_ms:.2f} ms")
            )  # fmt: skip
        mine_rate, their_rate = ours_drain.get("drain_rate"), their_drain.get("drain_rate")
        if mine_rate and their_rate:
            rows.append(
                Row("compare", f"drain rate, ours / {name}", mine_rate / their_rate, "x",
                    15.0 if upstream else None, ">=" if upstream else None,
                    note=f"{mine_rate:.0f} / {their_rate:.1f} tasks/s")
            )  # fmt: skip
        mine_wake = ours_poll.get("wake_ms", {}).get("p50")
        their_wake = their_poll.get("wake_ms", {}).get("p50")
        if mine_wake and their_wake:
            rows.append(
                Row("compare", f"long-poll wake p50, {name} / ours", their_wake / mine_wake, "x",
                    note=f"{their_wake:.1f} / {mine_wake:.2f} ms")
            )  # fmt: skip
    pg1 = details.get(deployment_label(1), {}).get("drain", {}).get("server_side_cpu_ms_per_task")
    mine_side = ours_drain.get("server_side_cpu_ms_per_task")
    if pg1 and mine_side:
        rows.append(
            Row("compare", "server-side CPU per drained task, pg+redis 1 replica / embedded", pg1 / mine_side, "x",
                1.5, "<=", note=f"{pg1:.2f} / {mine_side:.2f} ms, replica + postgres + redis")
        )  # fmt: skip
    return rows


def drain_target(server: Server, embedded_drain: float | None) -> tuple[float | None, str]:
    """The embedded target (issue 4); on 2+ replicas the embedded figure of this run (issue 6)."""
    if server.reference:
        return None, ""
    if not server.distributed:
        return drain.DRAIN_TARGET, ""
    if server.replicas > 1 and embedded_drain is not None:
        return embedded_drain, "target: the embedded drain of this run"
    return None, ""


def runners(args: argparse.Namespace, context: dict[str, Any]) -> dict[str, Runner]:
    def run_drain(s: Setup) -> tuple[list[Row], dict[str, Any]]:
        target, note = drain_target(s.server, context.get("embedded_drain"))
        return drain.run(s, tasks=args.tasks, target=target, target_note=note)

    return {
        "drain": run_drain,
        "steady": lambda s: steady.run(s, duration=args.duration, rate=args.rate, poll=args.poll),
        "longpoll": lambda s: longpoll.run(s, samples=args.samples),
        "realtime": lambda s: realtime.run(
            s,
            samples=args.realtime_samples,
            interval=args.realtime_interval,
            sockets_total=args.fanout_sockets,
            processes=args.fanout_procs,
            stages=args.fanout_rates,
            stage_seconds=args.fanout_stage,
            concurrency=args.fanout_concurrency,
        ),
        "progress": lambda s: progress.run(s, reports=args.progress_reports),
        "waiters": lambda s: waiters.run(
            s, longpolls_count=args.longpolls, sockets_count=args.sockets, processes=args.waiter_procs
        ),
        "priority": lambda s: priority.run(s, tasks=args.priority_tasks),
        "depth": lambda s: depth.run(
            s,
            shallow=args.shallow,
            deep=args.depth_deep,
            deep_claim=args.depth_claim,
            measure=args.depth_measure,
            processes=args.load_procs,
            concurrency=args.load_concurrency,
        ),
        "deep": lambda s: deep.run(
            s,
            deep=args.deep,
            shallow=args.shallow,
            measure=args.deep_measure,
            processes=args.load_procs,
            concurrency=args.load_concurrency,
        ),
    }


def environment(load_before: tuple[float, ...]) -> dict[str, Any]:
    return {
        # other processes on the machine skew every figure; the load averages show whether any ran
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def run_deployment(
    label: str, start: Callable[[], Server], names: list[str], args: argparse.Namespace, context: dict[str, Any]
) -> tuple[list[Row], dict[str, Any], list[str]]:
    """Start one deployment, run the benchmarks on it, stop it; (rows, details, failed benchmarks)."""
    print(f"== {label}: starting ...", flush=True)
    load_before = os.getloadavg()
    try:
        server = start()
    except BenchError as exc:
        print(f"  {label} did not start: {exc}", file=sys.stderr)
        return [], {"error": str(exc)}, [f"{label}: start"]
    setup = Setup(server=server, room=f"bench-{uuid.uuid4().hex[:8]}", submitters=args.submitters, workers=args.workers)
    rows: list[Row] = []
    details: dict[str, Any] = {}
    failed: list[str] = []
    try:
        for name in names:
            print(f"[{label}: {name}]", flush=True)
            began = time.perf_counter()
            try:
                new_rows, details[name] = runners(args, context)[name](setup)
            except BenchError as exc:
                failed.append(f"{label}: {name}")
                details[name] = {"error": str(exc)}
                print(f"  {name} failed: {exc}", file=sys.stderr)
                continue
            if name == "drain" and label == "embedded":
                context["embedded_drain"] = details[name]["drain_rate"]
            rows += new_rows
            for row in new_rows:
                print(f"  {row.metric}: {row.value:,.2f} {row.unit} {row.verdict}")
            print(f"  ({time.perf_counter() - began:.0f} s)", flush=True)
        details["environment"] = {**environment(load_before), "server": server.description, "urls": server.urls}
    finally:
        server.stop()
    return rows, details, failed


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load_before = os.getloadavg()
    if load_before[0] > 0.5:
        print(f"note: the machine is busy (1-min load average {load_before[0]:.2f}); figures will be lower")
    names = selected(args)
    plan = deployments(args)
    compared = [b for b in names if b in args.compare_only.split(",")]
    try:
        references = comparisons(args)
    except BenchError as exc:
        print(f"the comparison servers could not be installed: {exc}", file=sys.stderr)
        return 1
    rows: list[Row] = []
    details: dict[str, Any] = {}
    failed: list[str] = []
    context: dict[str, Any] = {}
    several = len(plan) + len(references) > 1
    # the comparison servers first: their drain then runs minutes, not a quarter of an hour,
    # before ours (drain is the first benchmark), so a change in the machine's load skews less
    reference_rows: list[Row] = []
    for label, start in references:
        new_rows, details[label], new_failed = run_deployment(
            label, start, compared, compared_args(args, label), context
        )
        reference_rows += [dataclasses.replace(r, deployment=label) for r in new_rows]
        failed += new_failed
    for label, start in plan:
        new_rows, details[label], new_failed = run_deployment(label, start, names, args, context)
        rows += [dataclasses.replace(r, deployment=label) for r in new_rows] if several else new_rows
        failed += new_failed
    rows += reference_rows
    if references or args.distributed:
        rows += [dataclasses.replace(r, deployment="ratios") for r in ratio_rows(details)]

    print()
    print(table(rows))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "environment": environment(load_before),
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items() if k != "token"},
        "rows": [r.as_dict() for r in rows],
        "details": details,
        "failed": failed,
    }
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwrote {args.output}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
