"""What the browser tests serve: a static site (the page) and a live API server, each on its own
free port of 127.0.0.1, so the page and the API are different origins."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

from zndraw_joblib.testing import free_port, wait_ready

ROOT = Path(__file__).resolve().parents[2]
TS_CLIENT = ROOT / "clients" / "ts"
ADMIN_EMAIL = "browser-admin@example.com"
ADMIN_PASSWORD = "browser-tests-admin"
START_TIMEOUT = 120.0
"""Seconds the API server may take to answer /readyz (a loaded 2-core machine)."""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *_args: Any) -> None:
        return None


class StaticSite:
    """Serves a folder over HTTP on a free port (a thread of this process)."""

    def __init__(self, folder: Path) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), partial(_QuietHandler, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, name="static-site", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=10)


def bundle_page(source: Path, out: Path) -> Path:
    """`source` (index.html + app.ts) type-checked, then bundled into `out` with the built TS
    client (clients/ts/scripts/bundle.mjs); returns `out`."""
    node_bin = TS_CLIENT / "node_modules" / ".bin"
    subprocess.run([str(node_bin / "tsc"), "-p", str(source / "tsconfig.json")], check=True, timeout=300)
    subprocess.run(["npm", "run", "--silent", "build"], cwd=TS_CLIENT, check=True, timeout=300)
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["node", "scripts/bundle.mjs", str(source / "app.ts"), str(out / "app.js")],
        cwd=TS_CLIENT,
        check=True,
        timeout=300,
    )
    shutil.copy2(source / "index.html", out / "index.html")
    return out


class ApiServer:
    """`zndraw-joblib serve` of this venv, with a fresh data folder and the given settings."""

    def __init__(self, data_dir: Path, settings: Mapping[str, str]) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.settings = settings
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ZNDRAW_JOBLIB_", "PYTHONWARNINGS"))}
        env["ZNDRAW_JOBLIB_DATA_DIR"] = str(self.data_dir)
        env.update({f"ZNDRAW_JOBLIB_{key.upper()}": value for key, value in self.settings.items()})
        self._log = (self.data_dir / "server.log").open("ab")
        command = Path(sys.executable).with_name("zndraw-joblib")
        self.process = subprocess.Popen(
            [str(command), "serve", "--port", str(self.port), "--log-level", "warning"],
            cwd=self.data_dir,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        wait_ready(self.url, timeout=START_TIMEOUT, process=self.process, describe=self.log_tail)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        if self._log is not None:
            self._log.close()

    def log_tail(self, lines: int = 40) -> str:
        path = self.data_dir / "server.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else "(no log)"
