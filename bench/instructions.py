"""Machine instructions the server executes per drained task (claim + 2 PATCH), in process.

CPU seconds on a shared 2-core machine move by ±15 % between runs of the same code, more than
many single changes save. This counts instructions instead: the app runs in one process under
valgrind's cachegrind, driven through ASGI directly (no sockets, no HTTP client, no uvicorn),
and drains tasks one claim and two PATCHes at a time. Two runs that differ only in the number
of drained tasks give the cost of one task as the difference, free of start-up. The count does
not depend on what else the machine runs, so two revisions compare exactly.

    .venv/bin/python bench/instructions.py                       # this checkout's server
    .venv/bin/python bench/instructions.py --compare 0523507     # and that revision's (cached venv)
    .venv/bin/python bench/instructions.py --waiters 1000        # per long-poll woken by one PATCH

`--waiters N` counts the other expensive moment instead: N long-polls (`Prefer: wait`) parked
on one running task, then the PATCH that completes it, counted from just before the PATCH until
every waiter has its answer (callgrind, switched on and off by the script itself through a
small C helper built with gcc into bench/.cache). Divided by N, it is what one woken waiter
costs, which sets how soon the last of 1,000 waiters hears (the waiters benchmark's p99).

Needs valgrind (`apt-get install valgrind`); a pair of runs takes 2-3 minutes (both in parallel).
It leaves out uvicorn's and the kernel's share of a request, which the wire benchmarks include.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

WARM = 20
ROUNDS = 3
"""--waiters: measured rounds (after one that warms up); the median is reported (GC moves each)."""
EMAIL, PASSWORD = "bench@example.com", "bench-password"
JOB = "@global:modifiers:bench"
Header = tuple[bytes, bytes]
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")
_SUMMARY = re.compile(r"^summary:\s+(\d+)", re.MULTILINE)
_MARKS_C = """
#include <valgrind/callgrind.h>
void marks_zero(void) { CALLGRIND_START_INSTRUMENTATION; CALLGRIND_ZERO_STATS; }
void marks_dump(void) { CALLGRIND_DUMP_STATS_AT("window"); CALLGRIND_STOP_INSTRUMENTATION; }
"""


def _scope(method: str, path: str, headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }


Call = Callable[..., Awaitable[Any]]


def _caller(app: Any) -> Call:
    """`call(method, path, body, token, form=, headers=)`: one request through the app's ASGI."""

    async def call(
        method: str, path: str, body: Any = None, token: str = "", *, form: str = "", headers: Sequence[Header] = ()
    ) -> Any:
        raw = form.encode() if form else json.dumps(body).encode() if body is not None else b""
        kind = b"application/x-www-form-urlencoded" if form else b"application/json"
        sent_headers = [(b"host", b"127.0.0.1:8000"), *headers]
        if raw:
            sent_headers += [(b"content-type", kind), (b"content-length", b"%d" % len(raw))]
        if token:
            sent_headers.append((b"authorization", f"Bearer {token}".encode()))
        answer: dict[str, Any] = {"status": 0, "body": b""}
        sent = False

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": raw, "more_body": False}
            await asyncio.Event().wait()  # the client never leaves
            raise AssertionError

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
            elif message["type"] == "http.response.body":
                answer["body"] += message.get("body", b"")

        await app(_scope(method, path, sent_headers), receive, send)
        if answer["status"] >= 300:
            raise RuntimeError(f"{method} {path} answered {answer['status']}: {answer['body'][:300]!r}")
        return json.loads(answer["body"]) if answer["body"] else None

    return call


async def _started(call: Call) -> tuple[str, str]:
    """Log in and register the bench job; the token and the worker id."""
    token = (await call("POST", "/v1/auth/jwt/login", form=f"username={EMAIL}&password={PASSWORD}"))["access_token"]
    job = {"category": "modifiers", "name": "bench", "schema": {}}
    worker_id = (await call("PUT", "/v1/joblib/rooms/@global/jobs", job, token))["worker_id"]
    return token, worker_id


def _new_app() -> Any:
    from zndraw_joblib.app import create_app  # noqa: PLC0415 - the interpreter under test's package
    from zndraw_joblib.settings import Settings  # noqa: PLC0415

    return create_app(Settings())


async def _drive(tasks: int) -> None:
    """The measured program: start the app, submit `tasks` + WARM tasks, drain them all."""
    app = _new_app()
    call = _caller(app)
    async with app.router.lifespan_context(app):
        token, worker_id = await _started(call)
        for _ in range(tasks + WARM):
            await call("POST", f"/v1/joblib/rooms/bench/tasks/{JOB}", {"payload": {}}, token)
        for _ in range(tasks + WARM):
            task = (await call("POST", "/v1/joblib/tasks/claim", {"worker_id": worker_id}, token))["task"]
            for status in ("running", "completed"):
                await call("PATCH", f"/v1/joblib/tasks/{task['id']}", {"status": status}, token)


async def _drive_waiters(count: int, marks: str) -> None:
    """The measured program for --waiters: `count` long-polls parked on one running task, then
    the PATCH that completes it. Callgrind counts only from the PATCH to the last answer; a
    first round warms every code path up."""
    import ctypes  # noqa: PLC0415

    window = ctypes.CDLL(marks)
    app = _new_app()
    call = _caller(app)
    async with app.router.lifespan_context(app):
        token, worker_id = await _started(call)
        for measured in (False, *[True] * ROUNDS):
            await call("POST", f"/v1/joblib/rooms/bench/tasks/{JOB}", {"payload": {}}, token)
            task = (await call("POST", "/v1/joblib/tasks/claim", {"worker_id": worker_id}, token))["task"]
            path = f"/v1/joblib/tasks/{task['id']}"
            await call("PATCH", path, {"status": "running"}, token)
            prefer = [(b"prefer", b"wait=600")]
            waiters = [asyncio.create_task(call("GET", path, token=token, headers=prefer)) for _ in range(count)]
            while not _parked(count):
                if any(w.done() for w in waiters):  # an error, or a wait that ended before the PATCH
                    await asyncio.gather(*waiters)
                    raise RuntimeError("a long-poll answered before the PATCH")
                await asyncio.sleep(0.05)
            if measured:
                window.marks_zero()
            await call("PATCH", path, {"status": "completed"}, token)
            answers = await asyncio.gather(*waiters)
            if measured:
                window.marks_dump()
            if any(a["status"] != "completed" for a in answers):
                raise RuntimeError("a waiter heard something other than 'completed'")


def _parked(count: int) -> bool:
    """Whether `count` long-polls wait now (the server's own gauge)."""
    from zndraw_joblib import metrics  # noqa: PLC0415

    return bool(metrics.LONG_POLLS_WAITING._value.get() >= count)  # a bench probe of the gauge's value


def _marks_library() -> Path:
    """The C helper whose two functions zero callgrind's counts and dump them (built once)."""
    folder = Path(__file__).parent / ".cache"
    library = folder / "valgrind_marks_v2.so"
    if not library.exists():
        folder.mkdir(exist_ok=True)
        source = folder / "valgrind_marks.c"
        source.write_text(_MARKS_C)
        subprocess.run(["gcc", "-O1", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)  # noqa: S603, S607
    return library


def per_waiter(python: str, count: int) -> float:
    """Instructions per woken long-poll: callgrind's count over the window (the median of the
    measured rounds), divided by `count`."""
    marks = _marks_library()
    with tempfile.TemporaryDirectory(prefix="zndraw-joblib-instructions-") as data:
        tool = ["--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={data}/callgrind.out.%p"]
        done = _under_valgrind(tool, python, ["--drive-waiters", str(count), "--marks", str(marks)], data)
        dumps = [p.read_text(errors="replace") for p in Path(data).glob("callgrind.out.*")]
        found = [_SUMMARY.search(d) for d in dumps if "Client Request: window" in d[:4000]]
        windows = sorted(int(m.group(1)) for m in found if m is not None)
    if done.returncode != 0 or len(windows) != ROUNDS:
        raise SystemExit(f"{python}: the run failed\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return windows[ROUNDS // 2] / count


def _under_valgrind(tool: list[str], python: str, args: list[str], data: str) -> subprocess.CompletedProcess[str]:
    """This script run by `python` under valgrind's `tool` options, in the data folder `data`.
    (callgrind's `--instr-atstart=no` runs at full speed until the script opens its window.)"""
    return subprocess.run(  # noqa: S603 - our own script under valgrind (found on PATH)
        ["valgrind", *tool, python, __file__, *args],  # noqa: S607
        cwd=data,
        env=_env(data),
        capture_output=True,
        text=True,
        check=False,
    )


def _env(data: str) -> dict[str, str]:
    env = {
        **os.environ,
        "ZNDRAW_JOBLIB_DATA_DIR": data,
        "ZNDRAW_JOBLIB_ADMIN_EMAIL": EMAIL,
        "ZNDRAW_JOBLIB_ADMIN_PASSWORD": PASSWORD,
        "ZNDRAW_JOBLIB_WORKER_TIMEOUT_SECONDS": "36000",  # valgrind is slow; nobody heartbeats
        "ZNDRAW_JOBLIB_LONG_POLL_MAX_WAIT_SECONDS": "3600",  # and parks 1,000 long-polls slowly,
        "ZNDRAW_JOBLIB_DATABASE_TIMEOUT_SECONDS": "3600",  # each waiting its turn for a connection
    }
    env.pop("PYTHONPATH", None)
    return env


def _count(python: str, tasks: int) -> int:
    """Instructions of one whole run of `_drive(tasks)` under cachegrind."""
    with tempfile.TemporaryDirectory(prefix="zndraw-joblib-instructions-") as data:
        tool = ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
        done = _under_valgrind(tool, python, ["--drive", str(tasks)], data)
    found = _REFS.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"{python}: the run failed\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def per_task(python: str, small: int, large: int) -> float:
    """Instructions per drained task: the difference of two runs over the difference of tasks."""
    with ThreadPoolExecutor(2) as pool:
        few, many = pool.map(lambda n: _count(python, n), (small, large))
    return (many - few) / (large - small)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--drive", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--drive-waiters", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--marks", help=argparse.SUPPRESS)
    parser.add_argument("--waiters", type=int, metavar="N", help="count per woken long-poll, N parked (e.g. 1000)")
    parser.add_argument("--python", default=sys.executable, help="interpreter whose server is measured")
    parser.add_argument("--compare", metavar="REV", help="also measure the server as of git REV (bench/.cache)")
    parser.add_argument("--small", type=int, default=100, help="tasks drained by the shorter run (100)")
    parser.add_argument("--large", type=int, default=300, help="tasks drained by the longer run (300)")
    args = parser.parse_args(argv)
    if args.drive is not None:
        asyncio.run(_drive(args.drive))
        return 0
    if args.drive_waiters is not None:
        asyncio.run(_drive_waiters(args.drive_waiters, args.marks))
        return 0
    measured = {"this checkout": args.python}
    if args.compare:
        sys.path.insert(0, str(Path(__file__).parent))
        from benchlib import compare  # noqa: PLC0415

        commit, venv_bin = compare.revision_venv(args.compare)
        measured[f"revision {commit[:7]}"] = str(venv_bin / "python")
    if args.waiters:
        with ThreadPoolExecutor(2) as pool:
            counts = pool.map(lambda python: per_waiter(python, args.waiters), measured.values())
        results = dict(zip(measured, counts, strict=True))
        unit = f"instructions per woken long-poll ({args.waiters:,} parked)"
    else:
        results = {label: per_task(python, args.small, args.large) for label, python in measured.items()}
        unit = "instructions per drained task"
    for label, count in results.items():
        print(f"{label}: {count / 1e6:.3f} M {unit}")
    if len(results) == 2:
        ours, theirs = results.values()
        print(f"ratio: {ours / theirs:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
