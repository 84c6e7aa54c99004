"""Wire-level benchmarks of zndraw-joblib: `make bench`, or `.venv/bin/python bench/run.py --help`.

Starts a fresh embedded server (SQLite + in-process bus) in a temporary directory unless
`--url` names a running one, runs the selected benchmarks over HTTP, prints a markdown table
and writes bench/results/latest.json. Never part of `make test`: it takes minutes and its
figures depend on the machine. See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
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

from benchlib import deep, drain, longpoll, steady
from benchlib.api import BenchError
from benchlib.common import Setup
from benchlib.server import Server, attach, start_server
from benchlib.stats import Row, table

BENCHMARKS = ("drain", "steady", "longpoll", "deep")  # deep last: it leaves a deep queue behind
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=BENCHMARKS, action="append", help="run only this benchmark (repeatable)")
    parser.add_argument("--tasks", type=int, default=2000, help="drain: tasks to submit and drain (2000)")
    parser.add_argument("--duration", type=float, default=20.0, help="steady: seconds of load (20)")
    parser.add_argument("--rate", type=float, default=50.0, help="steady: offered tasks/s, all submitters (50)")
    parser.add_argument("--poll", type=float, default=0.02, help="steady: worker sleep after an empty claim, s")
    parser.add_argument("--samples", type=int, default=200, help="longpoll: wake-ups to time (200)")
    parser.add_argument("--deep", type=int, default=100_000, help="deep: pending tasks in the deep queue (100000)")
    parser.add_argument("--shallow", type=int, default=1000, help="deep: pending tasks in the reference queue")
    parser.add_argument("--deep-measure", type=int, default=2000, help="deep: tasks of the deep queue to time")
    parser.add_argument("--load-procs", type=int, default=2, help="deep: loader processes (2)")
    parser.add_argument("--load-concurrency", type=int, default=8, help="deep: requests in flight per loader (8)")
    parser.add_argument("--submitters", type=int, default=4, help="submitter processes (4)")
    parser.add_argument("--workers", type=int, default=4, help="worker processes (4)")
    parser.add_argument("--url", help="benchmark this running server instead of starting one")
    parser.add_argument("--token", help="bearer token for --url (default: log in as the --dev admin)")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"JSON results file ({RESULTS.name})")
    args = parser.parse_args(argv)
    if args.token and not args.url:
        parser.error("--token needs --url")
    return args


def runners(args: argparse.Namespace) -> dict[str, Callable[[Setup], tuple[list[Row], dict[str, Any]]]]:
    return {
        "drain": lambda s: drain.run(s, tasks=args.tasks),
        "steady": lambda s: steady.run(s, duration=args.duration, rate=args.rate, poll=args.poll),
        "longpoll": lambda s: longpoll.run(s, samples=args.samples),
        "deep": lambda s: deep.run(
            s,
            deep=args.deep,
            shallow=args.shallow,
            measure=args.deep_measure,
            processes=args.load_procs,
            concurrency=args.load_concurrency,
        ),
    }


def environment(server: Server, args: argparse.Namespace, load_before: tuple[float, ...]) -> dict[str, Any]:
    return {
        # other processes on the machine skew every figure; the load averages show whether any ran
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "server": "given by --url" if args.url else "fresh `zndraw-joblib serve --dev` (SQLite + in-process bus)",
        "url": server.url,
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load_before = os.getloadavg()
    if load_before[0] > 0.5:
        print(f"note: the machine is busy (1-min load average {load_before[0]:.2f}); figures will be lower")
    selected = [b for b in BENCHMARKS if not args.only or b in args.only]
    print("starting a fresh server ..." if not args.url else f"using {args.url} ...", flush=True)
    server = attach(args.url, args.token) if args.url else start_server()
    setup = Setup(server=server, room=f"bench-{uuid.uuid4().hex[:8]}", submitters=args.submitters, workers=args.workers)
    rows: list[Row] = []
    details: dict[str, Any] = {}
    failed: list[str] = []
    try:
        for name in selected:
            print(f"[{name}]", flush=True)
            began = time.perf_counter()
            try:
                new_rows, details[name] = runners(args)[name](setup)
            except BenchError as exc:
                failed.append(name)
                details[name] = {"error": str(exc)}
                print(f"  {name} failed: {exc}", file=sys.stderr)
                continue
            rows += new_rows
            for row in new_rows:
                print(f"  {row.metric}: {row.value:,.2f} {row.unit} {row.verdict}")
            print(f"  ({time.perf_counter() - began:.0f} s)", flush=True)
        env = environment(server, args, load_before)
    finally:
        server.stop()

    print()
    print(table(rows))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "environment": env,
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
