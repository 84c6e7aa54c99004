"""The quick start of examples/README.md, run as written: a worker process and a submitter."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from live_server import ADMIN_EMAIL, ADMIN_PASSWORD, LiveServer

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
WAIT = 90.0


def _env(server: LiveServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZNDRAW_JOBLIB_", "PYTHONTRACEMALLOC"))}
    env.update(
        ZNDRAW_JOBLIB_URL=server.url,
        ZNDRAW_JOBLIB_EMAIL=ADMIN_EMAIL,
        ZNDRAW_JOBLIB_PASSWORD=ADMIN_PASSWORD,
        PYTHONUNBUFFERED="1",
    )
    return env


def _lines(process: subprocess.Popen[str]) -> queue.Queue[str]:
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _wait_for_line(lines: queue.Queue[str], prefix: str, seen: list[str]) -> str:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1.0)
        except queue.Empty:
            continue
        seen.append(line)
        if line.startswith(prefix):
            return line
    raise AssertionError(f"no line starting with {prefix!r}; got:\n" + "\n".join(seen))


def test_the_example_worker_serves_the_example_submitter(server: LiveServer, room: str) -> None:
    worker = subprocess.Popen(
        [sys.executable, str(EXAMPLES / "worker.py")],
        env=_env(server),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    try:
        lines = _lines(worker)
        ready = _wait_for_line(lines, "serving ", output)
        assert "@global:modifiers:Rotate" in ready
        assert "@global:analysis:Centroid" in ready

        submitter = subprocess.run(
            [sys.executable, str(EXAMPLES / "submit_and_wait.py"), room],
            env=_env(server),
            capture_output=True,
            text=True,
            timeout=WAIT,
            check=False,
        )
        assert submitter.returncode == 0, submitter.stdout + submitter.stderr
        assert submitter.stdout.count("  completed") == 2, submitter.stdout

        assert _wait_for_line(lines, f"{room}: rotated", output) == f"{room}: rotated 4 points by 45 degrees"
        # the four points of the square, rotated, are still centred on the origin
        assert _wait_for_line(lines, f"{room}: centroid", output) == f"{room}: centroid (0, 0)"

        worker.send_signal(signal.SIGTERM)
        assert _wait_for_line(lines, "stopped:", output) == "stopped: disconnected"
        assert worker.wait(timeout=WAIT) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=WAIT)
        if worker.stdout is not None:
            worker.stdout.close()
