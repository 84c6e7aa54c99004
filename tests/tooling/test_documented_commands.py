"""The commands of README.md and examples/README.md, run as written: by bash, from the
repository's folder, with no virtualenv activated (no `.venv` on PATH, no VIRTUAL_ENV).

Only the port differs: the servers here listen on a free port instead of 8000 (set through
`ZNDRAW_JOBLIB_PORT` / `ZNDRAW_JOBLIB_URL`, which the server and the examples read, and in the
README's `API=` line), and each test has its own data folder (`ZNDRAW_JOBLIB_DATA_DIR`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from zndraw_joblib.testing import free_port

ROOT = Path(__file__).resolve().parents[2]
READY_WITHIN = 300.0
"""Seconds `make run` may take to serve: on first use it creates .venv (a slow machine)."""
RUN_WITHIN = 180.0
"""Seconds a pasted block or an example may take on a loaded machine."""


def code_block(markdown: Path, after: str, language: str) -> str:
    """The first ```language block after the line `after` of a markdown file."""
    text = markdown.read_text()
    found = re.search(rf"```{language}\n(.*?)```", text[text.index(after) :], re.DOTALL)
    assert found is not None, f"no {language} block after {after!r} in {markdown}"
    return found.group(1)


def user_env(tmp_path: Path, port: int) -> dict[str, str]:
    """A shell as a new user has it: no virtualenv, no make or test settings of ours."""
    drop = ("ZNDRAW_JOBLIB_", "VIRTUAL_ENV", "MAKE", "MFLAGS", "PYTEST_", "PYTHONWARNINGS")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    env.update(
        ZNDRAW_JOBLIB_DATA_DIR=str(tmp_path / "data"),
        ZNDRAW_JOBLIB_PORT=str(port),
        ZNDRAW_JOBLIB_URL=f"http://127.0.0.1:{port}",
        PYTHONUNBUFFERED="1",
    )
    return env


@contextlib.contextmanager
def background(command: str, env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`bash -c command` in its own process group (make and what it starts); stopped with SIGTERM."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", "-c", command], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=30)


def wait_until(condition: Any, what: str, within: float, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert process.poll() is None, f"{what}: the process exited\n{log.read_text(errors='replace')[-3000:]}"
        assert time.monotonic() < deadline, f"{what}: not within {within} s\n{log.read_text(errors='replace')[-3000:]}"
        time.sleep(0.2)


def serving(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200
    except httpx.TransportError:
        return False


def test_the_readme_try_it_block_runs_as_written_against_make_run(tmp_path: Path) -> None:
    port = free_port()
    env = user_env(tmp_path, port)
    block = code_block(ROOT / "README.md", "## Try it", "bash")
    assert block.count("127.0.0.1:8000") == 1
    block = block.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    log = tmp_path / "make-run.log"
    with background("make run", env, log) as server:
        wait_until(lambda: serving(port), "make run", READY_WITHIN, server, log)
        pasted = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", block],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=RUN_WITHIN,
            check=False,
        )
    assert pasted.returncode == 0, pasted.stdout + pasted.stderr
    assert f"dashboard: http://127.0.0.1:{port}/ui/" in log.read_text()  # `make run` prints where the dashboard is
    answers = [json.loads(line) for line in pasted.stdout.splitlines() if line.strip()]
    claim, running, completed, polled, slept = answers
    assert claim["task"]["status"] == "claimed"
    assert claim["task"]["job_name"] == "@global:modifiers:Rotate"
    assert (running["status"], completed["status"], polled["status"]) == ("running", "completed", "completed")
    assert polled["id"] == claim["task"]["id"]
    assert (slept["job_name"], slept["status"]) == ("@internal:analysis:Sleep", "completed")


def test_the_examples_quick_start_runs_as_written(tmp_path: Path) -> None:
    port = free_port()
    env = user_env(tmp_path, port)
    commands = [
        line.split("#")[0].strip()
        for line in code_block(ROOT / "examples" / "README.md", "Three terminals", "sh").splitlines()
    ]
    serve, work, submit = [c for c in commands if c]
    server_log, worker_log = tmp_path / "server.log", tmp_path / "worker.log"
    with background(serve, env, server_log) as server:
        wait_until(lambda: serving(port), serve, READY_WITHIN, server, server_log)
        with background(work, env, worker_log) as worker:
            wait_until(lambda: "serving " in worker_log.read_text(), work, RUN_WITHIN, worker, worker_log)
            submitted = subprocess.run(
                ["bash", "-c", submit],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=RUN_WITHIN,
                check=False,
            )
            assert submitted.returncode == 0, submitted.stdout + submitted.stderr
            lines = submitted.stdout.splitlines()
            assert [line for line in lines if not line.startswith("  ")] == [
                line for line in lines if line.startswith(("Rotate task ", "Centroid task "))
            ]
            assert [line.strip() for line in lines if line.startswith("  ")] == [
                "pending",
                "claimed",
                "running",
                "completed",
            ] * 2
            wait_until(lambda: "centroid (0, 0)" in worker_log.read_text(), work, RUN_WITHIN, worker, worker_log)
            os.killpg(worker.pid, signal.SIGTERM)
            assert worker.wait(timeout=RUN_WITHIN) == 0
            assert "stopped: disconnected" in worker_log.read_text()
