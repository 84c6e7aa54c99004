"""A real `zndraw-joblib serve` process for the client tests: free port, temporary data dir.

The server is the installed command, run exactly as a user runs it; the tests talk to it over
HTTP and Socket.IO only. `restart()` keeps the port and the data directory (the SQLite file and
the JWT secret), so tokens and rows survive as they would on a real restart.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from zndraw_joblib.testing import free_port, wait_ready

ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "client-tests-admin"
START_TIMEOUT = 90.0
"""Seconds a server may take to answer /readyz (a loaded 2-core CI machine is slow)."""


def _command() -> list[str]:
    installed = Path(sys.executable).with_name("zndraw-joblib")
    if installed.exists():
        return [str(installed), "serve"]
    found = shutil.which("zndraw-joblib")
    if found:
        return [found, "serve"]
    return [sys.executable, "-m", "zndraw_joblib.cli", "serve"]


class LiveServer:
    """One server process; start, stop and restart it on the same port and data dir."""

    def __init__(self, data_dir: Path, *, settings: Mapping[str, str] | None = None, port: int | None = None) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.settings = dict(settings or {})
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self.log_path = data_dir / "server.log"

    def env(self) -> dict[str, str]:
        # the test process's own diagnostics (tracemalloc, warnings filters) would slow the server down
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("ZNDRAW_JOBLIB_", "PYTHONTRACEMALLOC", "PYTHONWARNINGS", "PYTHONDEVMODE"))
        }
        env.update(
            {
                "ZNDRAW_JOBLIB_DATA_DIR": str(self.data_dir),
                "ZNDRAW_JOBLIB_ADMIN_EMAIL": ADMIN_EMAIL,
                "ZNDRAW_JOBLIB_ADMIN_PASSWORD": ADMIN_PASSWORD,
            }
        )
        env.update({f"ZNDRAW_JOBLIB_{key.upper()}": value for key, value in self.settings.items()})
        return env

    def start(self, *, wait: bool = True) -> None:
        if self.process is not None:
            raise RuntimeError("already running")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [*_command(), "--port", str(self.port), "--log-level", "warning"],
            cwd=self.data_dir,  # no pyproject.toml here: only the env configures the server
            env=self.env(),
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        if wait:
            try:
                self.wait_ready()
            except BaseException:
                self.stop(graceful=False)
                raise

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        if self.process is None:
            raise RuntimeError("the server is not started")
        wait_ready(self.url, timeout=timeout, process=self.process, describe=self.log_tail)

    def stop(self, *, graceful: bool = True) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM if graceful else signal.SIGKILL)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
