"""Wire-level benchmarks of zndraw-joblib: `make bench`, or `.venv/bin/python bench/run.py --help`.

Starts a fresh embedded server (SQLite + in-process bus) in a temporary directory unless
`--url` names a running one, runs the selected benchmarks over HTTP and Socket.IO, prints a
markdown table and writes bench/results/latest.json. `--distributed` then runs them again on
PostgreSQL + Redis (scripts/services.sh) with 1 and 2 replicas. Never part of `make test`: it
takes minutes and its figures depend on the machine. See bench/README.md for each figure.
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

from benchlib import deep, drain, longpoll, realtime, steady
from benchlib.api import BenchError
from benchlib.common import Setup
from benchlib.distributed import deployment_label, start_deployment
from benchlib.server import Server, attach, start_server
from benchlib.stats import Row, table

BENCHMARKS = ("drain", "steady", "longpoll", "realtime", "deep")  # deep last: it leaves a deep queue behind
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
    add("--shallow", type=int, default=1000, help="deep: pending tasks in the reference queue")
    add("--deep-measure", type=int, default=2000, help="deep: tasks of the deep queue to time")
    add("--load-procs", type=int, default=2, help="deep: loader processes (2)")
    add("--load-concurrency", type=int, default=8, help="deep: requests in flight per loader (8)")
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
    return args


def selected(args: argparse.Namespace) -> list[str]:
    """--only, else every benchmark; a --distributed run skips deep unless --only names it."""
    if args.only:
        return [b for b in BENCHMARKS if b in args.only]
    return [b for b in BENCHMARKS if not (args.distributed and b == "deep")]


def deployments(args: argparse.Namespace) -> list[tuple[str, Callable[[], Server]]]:
    """(label, start) for each deployment this run covers, in order: the embedded one first."""
    if args.url:
        return [("given", lambda: attach(args.url, args.token))]
    plan: list[tuple[str, Callable[[], Server]]] = [("embedded", start_server)]
    if args.distributed:
        plan += [(deployment_label(n), lambda n=n: start_deployment(n)) for n in args.replicas]
    return plan


def drain_target(server: Server, embedded_drain: float | None) -> tuple[float | None, str]:
    """The embedded target (issue 4); on 2+ replicas the embedded figure of this run (issue 6)."""
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
    rows: list[Row] = []
    details: dict[str, Any] = {}
    failed: list[str] = []
    context: dict[str, Any] = {}
    for label, start in plan:
        new_rows, details[label], new_failed = run_deployment(label, start, names, args, context)
        rows += [dataclasses.replace(r, deployment=label) for r in new_rows] if len(plan) > 1 else new_rows
        failed += new_failed

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
