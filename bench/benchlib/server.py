"""The server under test: a fresh embedded one in a temporary directory, or one given by URL.

A fresh server per run keeps the figures comparable: an empty SQLite file, no earlier tasks,
the documented `--dev` admin. Its process id lets the benchmarks read its CPU time from
/proc, which tells whether the server or the client limited a figure. A distributed
deployment (`distributed.py`) is the same `Server` with several URLs, one per replica, and
PostgreSQL and Redis as extra CPU sources.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from zndraw_joblib import testing
from zndraw_joblib.testing import free_port

from . import cpu
from .api import BenchError, login

DEV_EMAIL = "admin@example.com"
DEV_PASSWORD = "zndraw-admin"  # noqa: S105 - the documented `serve --dev` login, not a secret
READY_TIMEOUT = 60.0


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
    """Where the server is (one URL per replica), how to authenticate, and the processes we started.

    `label` names the deployment in the table; `services` are further CPU sources that are not
    ours to stop (PostgreSQL, Redis); `cleanups` run after the processes have stopped.
    """

    urls: list[str]
    token: str
    label: str = "embedded"
    description: str = ""
    distributed: bool = False
    reference: bool = False  # a comparison server (compare.py): its rows are context, not checks
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    services: list[cpu.Source] = field(default_factory=list)
    log_dir: Path | None = None
    cleanups: list[Callable[[], None]] = field(default_factory=list, repr=False)

    @property
    def url(self) -> str:
        return self.urls[0]

    @property
    def replicas(self) -> int:
        return len(self.urls)

    def url_for(self, index: int) -> str:
        """The replica of client number `index`: clients alternate over the replicas."""
        return self.urls[index % len(self.urls)]

    def server_names(self) -> list[str]:
        if len(self.processes) == 1:
            return ["server"]
        return [f"replica {i + 1}" for i in range(len(self.processes))]

    def cpu_sources(self) -> list[cpu.Source]:
        """Every process whose CPU the benchmarks report: our servers, then the services."""
        own = [(name, p.pid, False) for name, p in zip(self.server_names(), self.processes, strict=True)]
        return own + list(self.services)

    def cpu_snapshot(self) -> dict[str, float]:
        return cpu.snapshot(self.cpu_sources())

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of our server processes (all threads); None if we started none."""
        snap = self.cpu_snapshot()
        names = [n for n in self.server_names() if n in snap]
        return sum(snap[n] for n in names) if names else None

    def log_tail(self, lines: int = 30) -> str:
        if self.log_dir is None:
            return ""
        tails = []
        for path in sorted(self.log_dir.glob("*.log")):
            text = "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
            if text:
                tails.append(f"--- {path.name}\n{text}")
        return "\n".join(tails)

    def stop(self) -> None:
        """SIGTERM our servers (by pid), wait for a clean shutdown, then run the cleanups."""
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        self.processes = []
        while self.cleanups:
            self.cleanups.pop()()


def spawn(command: list[str], *, env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen[bytes]:
    """Start a server process with its output in `log`."""
    with log.open("ab") as out:
        return subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603


def launch(
    command: Callable[[int, Path], list[str]],
    *,
    env: dict[str, str],
    label: str,
    description: str,
    prefix: str = "zndraw-joblib-bench-",
    reference: bool = False,
    credentials: tuple[str, str] | None = None,
    folder_variable: str | None = None,
) -> Server:
    """Run `command(port, folder)` in a temporary folder of its own (its cwd, so no caller's
    pyproject.toml applies; its output in `server.log`; named to it in `folder_variable`) on a
    free port; return once /readyz is 200 and, with `credentials`, logged in. On failure the
    log's tail goes to stderr and the process and folder are cleaned up."""
    tmp = tempfile.TemporaryDirectory(prefix=prefix)
    folder, port = Path(tmp.name), free_port()
    if folder_variable is not None:
        env = {**env, folder_variable: str(folder)}
    process = spawn(command(port, folder), env=env, cwd=folder, log=folder / "server.log")
    url = f"http://127.0.0.1:{port}"
    server = Server(
        urls=[url],
        token="",
        label=label,
        description=description,
        reference=reference,
        processes=[process],
        log_dir=folder,
        cleanups=[tmp.cleanup],
    )
    try:
        wait_ready(url, process)
        if credentials is not None:
            server.token = asyncio.run(login(url, *credentials))
    except BaseException:
        tail = server.log_tail()
        server.stop()
        if tail:
            print(tail, file=sys.stderr)
        raise
    return server


def start_server(
    log_level: str = "warning",
    *,
    script: list[str] | None = None,
    env: dict[str, str] | None = None,
    label: str = "embedded",
    description: str = "fresh `zndraw-joblib serve --dev` (SQLite + in-process bus)",
    reference: bool = False,
) -> Server:
    """`zndraw-joblib serve --dev` on a free port with its own data dir; returns once /readyz is 200.

    `script` is another installation's console script (`compare.py`: an older revision's venv)
    and `env` its environment; by default the one of the interpreter running the benchmark.
    """
    serve = [*(script or server_command()), "serve", "--dev", "--log-level", log_level]
    return launch(
        lambda port, _folder: [*serve, "--port", str(port)],
        env=dict(os.environ if env is None else env),
        label=label,
        description=description,
        reference=reference,
        credentials=(DEV_EMAIL, DEV_PASSWORD),
        folder_variable="ZNDRAW_JOBLIB_DATA_DIR",
    )


def wait_ready(url: str, process: subprocess.Popen[bytes] | None = None, timeout: float = READY_TIMEOUT) -> None:
    """The shared readiness wait (zndraw_joblib.testing), failing as the benchmark fails."""
    try:
        testing.wait_ready(url, timeout=timeout, process=process)
    except testing.ServerNotReadyError as exc:
        raise BenchError(str(exc)) from None


def attach(url: str, token: str | None) -> Server:
    """An already running server; without a token, try the `--dev` admin login."""
    url = url.rstrip("/")
    wait_ready(url)
    if token is None:
        token = asyncio.run(login(url, DEV_EMAIL, DEV_PASSWORD))
    return Server(urls=[url], token=token, label="given", description="given by --url")
