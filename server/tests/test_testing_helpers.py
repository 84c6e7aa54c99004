"""`zndraw_joblib.testing`: the free port and the readiness wait every suite starts servers with."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from zndraw_joblib.testing import ServerNotReadyError, free_port, is_ready, wait_ready


class _Ready(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/readyz" else 503)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def ready_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _Ready)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_ready_server_is_seen_at_once_and_another_path_is_not(ready_url: str) -> None:
    wait_ready(ready_url, timeout=30)
    assert not is_ready(ready_url, path="/healthz")


def test_nothing_listening_is_not_ready_within_the_timeout() -> None:
    started = time.monotonic()
    with pytest.raises(ServerNotReadyError, match=r"within 0\.3 s:\nthe log"):
        wait_ready(f"http://127.0.0.1:{free_port()}", timeout=0.3, describe=lambda: "the log")
    assert time.monotonic() - started < 30


def test_a_server_process_that_exits_is_reported_without_waiting_out_the_timeout() -> None:
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    process.wait(timeout=60)
    with pytest.raises(ServerNotReadyError, match=r"exited \(3\)"):
        wait_ready(f"http://127.0.0.1:{free_port()}", timeout=600, process=process)
