"""The server under test: a fresh embedded one in a temporary directory, or one given by URL.

A fresh server per run keeps the figures comparable: an empty SQLite file, no earlier tasks,
the documented `--dev` admin. Its process id lets the benchmarks read its CPU time from
/proc, which tells whether the server or the client limited a figure.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from .api import BenchError, login

DEV_EMAIL = "admin@example.com"
DEV_PASSWORD = "zndraw-admin"  # noqa: S105 - the documented `serve --dev` login, not a secret
READY_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_command() -> list[str]:
    """The console script of the interpreter running the benchmark (the repo's venv)."""
    script = Path(sys.executable).parent / "zndraw-joblib"
    if script.exists():
        return [str(script)]
    found = shutil.which("zndraw-joblib")
    if found is None:
        raise BenchError("zndraw-joblib is not installed; run `make install`")
    return [found]


@dataclass
class Server:
    """Where the server is, how to authenticate, and (when we started it) its process."""

    url: str
    token: str
    process: subprocess.Popen[bytes] | None = None
    data_dir: Path | None = None
    _tmp: tempfile.TemporaryDirectory[str] | None = field(default=None, repr=False)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the server process (all its threads); None if not ours."""
        if self.pid is None:
            return None
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (fields 14, 15 of stat)

    def log_tail(self, lines: int = 30) -> str:
        if self.data_dir is None:
            return ""
        path = self.data_dir / "server.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def stop(self) -> None:
        """SIGTERM our server (by its pid), wait for a clean shutdown, then remove its files."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


def start_server(log_level: str = "warning") -> Server:
    """`zndraw-joblib serve --dev` on a free port with its own data dir; returns once /readyz is 200."""
    tmp = tempfile.TemporaryDirectory(prefix="zndraw-joblib-bench-")
    data_dir = Path(tmp.name)
    port = free_port()
    env = {**os.environ, "ZNDRAW_JOBLIB_DATA_DIR": str(data_dir)}
    command = [*server_command(), "serve", "--dev", "--port", str(port), "--log-level", log_level]
    log = (data_dir / "server.log").open("wb")
    # cwd is the temporary directory: no pyproject.toml [tool.zndraw.joblib] of the caller applies.
    process = subprocess.Popen(command, cwd=data_dir, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    server = Server(url=url, token="", process=process, data_dir=data_dir, _tmp=tmp)
    try:
        wait_ready(url, process)
        server.token = asyncio.run(login(url, DEV_EMAIL, DEV_PASSWORD))
    except BaseException:
        tail = server.log_tail()
        server.stop()
        if tail:
            print(tail, file=sys.stderr)
        raise
    return server


def wait_ready(url: str, process: subprocess.Popen[bytes] | None = None, timeout: float = READY_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=url, timeout=2.0) as client:
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                raise BenchError(f"the server exited with code {process.returncode} before it was ready")
            try:
                if client.get("/readyz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    raise BenchError(f"{url}/readyz did not answer 200 within {timeout:.0f} s")


def attach(url: str, token: str | None) -> Server:
    """An already running server; without a token, try the `--dev` admin login."""
    url = url.rstrip("/")
    wait_ready(url)
    if token is None:
        token = asyncio.run(login(url, DEV_EMAIL, DEV_PASSWORD))
    return Server(url=url, token=token)
