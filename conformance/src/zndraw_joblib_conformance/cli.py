"""`zndraw-joblib-conformance`: check a running server against the shipped documents.

Exit codes: 0 every requirement passes or is not applicable (or its failure is allow-listed),
1 some requirement fails, 2 the server cannot be tested (unreachable, token refused) or the
command line is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zndraw_joblib_conformance import allowlist, report
from zndraw_joblib_conformance.options import Options, Suite
from zndraw_joblib_conformance.runner import TargetError, catalogue, package_version, run


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="zndraw-joblib-conformance",
        description="Check a zndraw-joblib server (REST + Socket.IO) against openapi.yaml and asyncapi.yaml.",
    )
    p.add_argument("--url", help="the server's base URL, e.g. http://127.0.0.1:8000")
    p.add_argument("--token", help="a superuser's bearer token")
    p.add_argument("--user-token", help="a second, non-superuser account's token (else the suite tries to create one)")
    p.add_argument(
        "--sweep-within",
        type=float,
        help="seconds within which the server sweeps a silent worker (worker timeout + sweeper interval + slack)",
    )
    p.add_argument(
        "--only",
        action="append",
        choices=[s.value for s in Suite],
        help="run only this suite (repeatable): rest, events, stateful",
    )
    p.add_argument("--select", action="append", default=[], metavar="PATTERN", help="only requirement ids matching")
    p.add_argument("--report", type=Path, help="write the Markdown report here")
    p.add_argument("--junit", type=Path, help="write a JUnit XML report here")
    p.add_argument("--allow-list", type=Path, help="a file of requirement ids (or patterns) of known gaps")
    p.add_argument("--max-examples", type=int, default=40, help="schemathesis examples per operation and phase")
    p.add_argument("--seed", type=int, help="schemathesis seed (default: derandomized, the same cases every run)")
    p.add_argument("--no-shrink", action="store_true", help="report failing generated cases as found (faster)")
    p.add_argument("--no-create-user", action="store_true", help="never create a second account on the server")
    p.add_argument(
        "--connection-close", action="store_true", help="a new connection per request (replicas behind a proxy)"
    )
    p.add_argument("--check-timeout", type=float, default=120.0, help="seconds one behaviour check may take")
    p.add_argument("--list", action="store_true", help="print the requirement catalogue and exit")
    p.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.list:
        for requirement in catalogue():
            needs = f" [needs {', '.join(sorted(requirement.needs))}]" if requirement.needs else ""
            print(f"{requirement.id}\t{requirement.suite}{needs}\t{requirement.rule}")
        return 0
    if not args.url or not args.token:
        parser().error("--url and --token are required (or --list)")
    options = Options(
        url=args.url,
        token=args.token,
        user_token=args.user_token,
        sweep_within=args.sweep_within,
        only=frozenset(Suite(s) for s in args.only) if args.only else frozenset(Suite),
        max_examples=args.max_examples,
        seed=args.seed,
        shrink=not args.no_shrink,
        connection_close=args.connection_close,
        select=tuple(args.select),
        check_timeout=args.check_timeout,
        create_user=not args.no_create_user,
    )
    allowed = allowlist.read(args.allow_list) if args.allow_list else []
    try:
        result = run(options, allowed)
    except TargetError as error:
        print(f"zndraw-joblib-conformance: {error}", file=sys.stderr)
        return 2
    if args.report:
        args.report.write_text(report.markdown(result), encoding="utf-8")
    if args.junit:
        args.junit.write_text(report.junit(result), encoding="utf-8")
    print(report.console(result))
    return result.exit_code
