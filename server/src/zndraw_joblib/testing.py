"""For tests that run a server as a process: a free loopback port, and waiting until it is ready.

Every suite of this repository that starts `zndraw-joblib serve` (or a host app) uses these, and
a host app's own tests may too. Standard library only, so a fresh virtualenv with just the server
installed can run them. The waits are generous on purpose: a busy CI machine takes seconds to
start a server that starts in a fraction of one on a quiet laptop, and a timing margin that does
not hold there is a broken test.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable

READY_SECONDS = 120.0
"""How long `wait_ready` waits by default (a loaded 2-core machine)."""


class ServerNotReadyError(RuntimeError):
    """The server did not answer its readiness probe in time, or exited first."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def is_ready(url: str, path: str = "/readyz", timeout: float = 5.0) -> bool:
    """Whether `url + path` answers 200 now."""
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}{path}", timeout=timeout) as answer:  # noqa: S310 - loopback test servers
            return int(answer.status) == 200
    except (urllib.error.URLError, OSError):
        return False


def wait_ready(
    url: str,
    *,
    timeout: float = READY_SECONDS,
    process: subprocess.Popen[bytes] | subprocess.Popen[str] | None = None,
    path: str = "/readyz",
    describe: Callable[[], str] | None = None,
) -> None:
    """Return once `url + path` answers 200; raise `ServerNotReadyError` after `timeout` seconds, or as soon
    as `process` (the server being started) has exited. `describe()` (e.g. the log's tail) is
    added to the error, so a failed start says why."""
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise ServerNotReadyError(f"the server exited ({process.returncode}) during start-up{_details(describe)}")
        if is_ready(url, path):
            return
        if time.monotonic() >= deadline:
            raise ServerNotReadyError(f"{url}{path} did not answer 200 within {timeout} s{_details(describe)}")
        time.sleep(0.1)


def _details(describe: Callable[[], str] | None) -> str:
    return f":\n{describe()}" if describe is not None else ""
