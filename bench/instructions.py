"""Machine instructions the server executes per drained task (claim + 2 PATCH), in process.

CPU seconds on a shared 2-core machine move by ±15 % between runs of the same code, more than
many single changes save. This counts instructions instead: the app runs in one process under
valgrind's cachegrind, driven through ASGI directly (no sockets, no HTTP client, no uvicorn),
and drains tasks one claim and two PATCHes at a time. Two runs that differ only in the number
of drained tasks give the cost of one task as the difference, free of start-up. The count does
not depend on what else the machine runs, so two revisions compare exactly.

    .venv/bin/python bench/instructions.py                       # this checkout's server
    .venv/bin/python bench/instructions.py --compare 0523507     # and that revision's (cached venv)

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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

WARM = 20
EMAIL, PASSWORD = "bench@example.com", "bench-password"
JOB = "@global:modifiers:bench"
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


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


async def _drive(tasks: int) -> None:
    """The measured program: start the app, submit `tasks` + WARM tasks, drain them all."""
    from zndraw_joblib.app import create_app  # noqa: PLC0415 - the interpreter under test's package
    from zndraw_joblib.settings import Settings  # noqa: PLC0415

    app = create_app(Settings())

    async def call(method: str, path: str, body: Any = None, token: str = "", form: str = "") -> Any:
        raw = form.encode() if form else json.dumps(body).encode() if body is not None else b""
        kind = b"application/x-www-form-urlencoded" if form else b"application/json"
        headers = [(b"host", b"127.0.0.1:8000"), (b"content-type", kind), (b"content-length", b"%d" % len(raw))]
        if token:
            headers.append((b"authorization", f"Bearer {token}".encode()))
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

        await app(_scope(method, path, headers), receive, send)
        if answer["status"] >= 300:
            raise RuntimeError(f"{method} {path} answered {answer['status']}: {answer['body'][:300]!r}")
        return json.loads(answer["body"]) if answer["body"] else None

    async with app.router.lifespan_context(app):
        token = (await call("POST", "/v1/auth/jwt/login", form=f"username={EMAIL}&password={PASSWORD}"))["access_token"]
        job = {"category": "modifiers", "name": "bench", "schema": {}}
        worker_id = (await call("PUT", "/v1/joblib/rooms/@global/jobs", job, token))["worker_id"]
        for _ in range(tasks + WARM):
            await call("POST", f"/v1/joblib/rooms/bench/tasks/{JOB}", {"payload": {}}, token)
        for _ in range(tasks + WARM):
            task = (await call("POST", "/v1/joblib/tasks/claim", {"worker_id": worker_id}, token))["task"]
            for status in ("running", "completed"):
                await call("PATCH", f"/v1/joblib/tasks/{task['id']}", {"status": status}, token)


def _count(python: str, tasks: int) -> int:
    """Instructions of one whole run of `_drive(tasks)` under cachegrind."""
    with tempfile.TemporaryDirectory(prefix="zndraw-joblib-instructions-") as data:
        env = {
            **os.environ,
            "ZNDRAW_JOBLIB_DATA_DIR": data,
            "ZNDRAW_JOBLIB_ADMIN_EMAIL": EMAIL,
            "ZNDRAW_JOBLIB_ADMIN_PASSWORD": PASSWORD,
            "ZNDRAW_JOBLIB_WORKER_TIMEOUT_SECONDS": "36000",  # valgrind is slow; nobody heartbeats
        }
        env.pop("PYTHONPATH", None)
        done = subprocess.run(  # noqa: S603 - our own script under valgrind (found on PATH)
            [  # noqa: S607
                "valgrind",
                "--tool=cachegrind",
                "--cache-sim=no",
                "--cachegrind-out-file=/dev/null",
                python,
                __file__,
                "--drive",
                str(tasks),
            ],
            cwd=data,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
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
    parser.add_argument("--python", default=sys.executable, help="interpreter whose server is measured")
    parser.add_argument("--compare", metavar="REV", help="also measure the server as of git REV (bench/.cache)")
    parser.add_argument("--small", type=int, default=100, help="tasks drained by the shorter run (100)")
    parser.add_argument("--large", type=int, default=300, help="tasks drained by the longer run (300)")
    args = parser.parse_args(argv)
    if args.drive is not None:
        asyncio.run(_drive(args.drive))
        return 0
    measured = {"this checkout": args.python}
    if args.compare:
        sys.path.insert(0, str(Path(__file__).parent))
        from benchlib import compare  # noqa: PLC0415

        commit, venv_bin = compare.revision_venv(args.compare)
        measured[f"revision {commit[:7]}"] = str(venv_bin / "python")
    results = {label: per_task(python, args.small, args.large) for label, python in measured.items()}
    for label, count in results.items():
        print(f"{label}: {count / 1e6:.2f} M instructions per drained task")
    if len(results) == 2:
        ours, theirs = results.values()
        print(f"ratio: {ours / theirs:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
