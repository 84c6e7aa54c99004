"""`zndraw-joblib serve` as a user runs it: start-up errors in one line, slow clients cut off,
idle connections kept, a prompt shutdown with a long-poll open, and no 500 that drops a
connection. Each test runs the installed command in its own process."""

from __future__ import annotations

import asyncio
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx
import pytest
from actors import ClientFactory
from private_postgres import PrivatePostgres
from typer.testing import CliRunner

from zndraw_joblib import cli, services
from zndraw_joblib.testing import free_port, wait_ready

ADMIN = {"username": "admin@example.com", "password": "serving-password"}
J = "/v1/joblib"


def command() -> list[str]:
    installed = Path(sys.executable).with_name("zndraw-joblib")
    return [str(installed) if installed.exists() else shutil.which("zndraw-joblib") or "zndraw-joblib", "serve"]


def clean_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZNDRAW_JOBLIB_", "PYTHONTRACEMALLOC"))}
    env.update({"ZNDRAW_JOBLIB_DATA_DIR": str(tmp_path / "data")})
    env.update({f"ZNDRAW_JOBLIB_{key.upper()}": value for key, value in settings.items()})
    return env


def start_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **settings: str) -> str:
    """Run `zndraw-joblib serve` (in-process) expecting it to refuse to start; what it printed."""
    for key in [k for k in os.environ if k.startswith("ZNDRAW_JOBLIB_")]:
        monkeypatch.delenv(key)
    for key, value in {"data_dir": str(tmp_path / "data"), **settings}.items():
        monkeypatch.setenv(f"ZNDRAW_JOBLIB_{key.upper()}", value)
    result = CliRunner().invoke(cli.app, ["serve"])
    assert result.exit_code == 2, (result.exit_code, result.output[-2000:], result.exception)
    assert "secret" not in result.output.replace("secret_key", "").replace("SECRET_KEY", "")  # no password shown
    return result.stderr


@dataclass
class Served:
    url: str
    process: subprocess.Popen[bytes]
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


class Servers:
    """`zndraw-joblib serve` processes of one test (or module), stopped at the end."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.started: list[subprocess.Popen[bytes]] = []
        self.logs: list[IO[bytes]] = []

    def __call__(self, descriptors: int | None = None, **settings: str) -> Served:
        port = free_port()
        env = clean_env(
            self.directory,
            port=str(port),
            admin_email=ADMIN["username"],
            admin_password=ADMIN["password"],
            **settings,
        )

        def limit() -> None:
            if descriptors is not None:
                resource.setrlimit(resource.RLIMIT_NOFILE, (descriptors, descriptors))

        log_path = self.directory / f"serve-{port}.log"
        log = log_path.open("wb")
        self.logs.append(log)
        process = subprocess.Popen(command(), env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=limit)  # noqa: PLW1509 - sets a limit, nothing else
        self.started.append(process)
        url = f"http://127.0.0.1:{port}"
        wait_ready(url, timeout=90, process=process, describe=lambda: log_path.read_text()[-3000:])
        token = httpx.post(f"{url}/v1/auth/jwt/login", data=ADMIN, timeout=30).json()["access_token"]
        return Served(url, process, token)

    def stop(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
        for log in self.logs:
            log.close()

    def log_text(self) -> str:
        return "".join(path.read_text() for path in self.directory.glob("serve-*.log"))


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Servers]:
    servers = Servers(tmp_path)
    yield servers
    servers.stop()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Servers, Served]]:
    """One server for the tests that need no settings of their own (bodies time out after 1 s)."""
    servers = Servers(tmp_path_factory.mktemp("shared"))
    served = servers(body_timeout_seconds="1")
    yield servers, served
    servers.stop()


def read_response(s: socket.socket) -> bytes:
    """One whole HTTP/1.1 response with a Content-Length (it may arrive in several segments)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(4096)
        assert chunk, "the connection was closed"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
    )
    while len(body) < length:
        chunk = s.recv(4096)
        assert chunk, "the connection was closed"
        body += chunk
    return head + b"\r\n\r\n" + body


# -- start-up errors --


def test_an_unreachable_database_is_one_line_with_the_cause_and_the_fix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    port = free_port()  # nothing listens there
    stderr = start_error(
        monkeypatch,
        tmp_path,
        database_url=f"postgresql://postgres:secret@127.0.0.1:{port}/x",
        secret_key="k" * 40,
        database_timeout_seconds="3",
    )
    assert stderr.count("\n") == 1, stderr
    assert "cannot reach the database" in stderr
    assert "secret" not in stderr.replace("secret_key", "")  # the password is not printed
    assert "Traceback" not in stderr


def test_a_shared_database_without_a_key_and_a_synchronous_driver_are_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    no_key = start_error(monkeypatch, tmp_path, database_url="postgresql+asyncpg://postgres@127.0.0.1:1/x")
    assert no_key.count("\n") == 1, no_key
    assert "ZNDRAW_JOBLIB_SECRET_KEY" in no_key
    sync = start_error(
        monkeypatch, tmp_path, database_url="postgresql+psycopg2://postgres@127.0.0.1:1/x", secret_key="k" * 40
    )
    assert sync.count("\n") == 1, sync
    assert "postgresql+asyncpg://" in sync


def test_a_schema_behind_the_code_is_one_line_naming_the_upgrade_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, private_postgres: PrivatePostgres
) -> None:
    url = asyncio.run(private_postgres.fresh_database())
    stderr = start_error(monkeypatch, tmp_path, database_url=url, secret_key="k" * 40)
    assert stderr.count("\n") == 1, stderr
    assert "zndraw-joblib db upgrade" in stderr


# -- clients and connections --


def test_headers_that_never_finish_are_cut_and_normal_requests_get_through(serve: Servers) -> None:
    served = serve(descriptors=256, header_timeout_seconds="1")
    slow = []
    for _ in range(300):  # more than the descriptors the server has
        s = socket.create_connection(("127.0.0.1", int(served.url.rsplit(":", 1)[1])))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        slow.append(s)
    try:
        started = time.monotonic()
        while True:  # once the slow ones are cut (1 s), a normal request is answered
            try:
                if httpx.get(f"{served.url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() - started < 15, "the server stayed unusable"
            time.sleep(0.1)
        closed = 0
        for s in slow:
            s.settimeout(5)
            try:
                s.sendall(b"X-Trickle: 1\r\n")
                data = s.recv(1024)
                closed += data == b"" or data.startswith(b"HTTP/1.1 503")
            except OSError:
                closed += 1
        assert closed == len(slow)
    finally:
        for s in slow:
            s.close()


def test_a_body_that_trickles_past_the_body_timeout_answers_408(shared: tuple[Servers, Served]) -> None:
    _, served = shared
    host, port = served.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        head = (
            f"PUT {J}/rooms/lab/jobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {served.token}\r\n"
            "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
        )
        s.sendall(head.encode() + b"{")
        started = time.monotonic()
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"request-timeout" in answer or b"connection: close" in answer.lower()
    assert time.monotonic() - started < 10


def test_a_client_leaving_mid_body_is_not_logged_as_an_error(shared: tuple[Servers, Served]) -> None:
    servers, served = shared
    host, port = served.url.removeprefix("http://").split(":")
    for _ in range(3):
        with socket.create_connection((host, int(port)), timeout=10) as s:
            head = (
                f"PUT {J}/rooms/lab/jobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {served.token}\r\n"
                "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
            )
            s.sendall(head.encode() + b'{"category": "mod')
    assert httpx.get(f"{served.url}/healthz", timeout=10).status_code == 200
    time.sleep(0.5)
    log = servers.log_text()
    assert "Traceback" not in log
    assert "unhandled" not in log.lower()


def test_an_idle_connection_outlives_common_client_pools(shared: tuple[Servers, Served]) -> None:
    _, served = shared
    host, port = served.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_response(s).startswith(b"HTTP/1.1 200")
        time.sleep(6)  # longer than httpx's 5 s keep-alive expiry, which equalled uvicorn's default
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_response(s).startswith(b"HTTP/1.1 200")


def test_sigterm_with_a_long_poll_open_answers_it_and_exits_within_seconds(serve: Servers) -> None:
    served = serve()
    with httpx.Client(base_url=served.url, headers=served.headers, timeout=90) as client:
        job = client.put(f"{J}/rooms/lab/jobs", json={"category": "modifiers", "name": "W"}).json()
        task = client.post(f"{J}/rooms/lab/tasks/{job['full_name']}", json={}).json()
        import threading  # noqa: PLC0415 - only this test waits in a thread

        answers: list[httpx.Response] = []
        waiter = threading.Thread(
            target=lambda: answers.append(client.get(f"{J}/tasks/{task['id']}", headers={"Prefer": "wait=60"}))
        )
        waiter.start()
        time.sleep(0.5)
        stopped = time.monotonic()
        served.process.send_signal(signal.SIGTERM)
        served.process.wait(timeout=30)
        took = time.monotonic() - stopped
        waiter.join(timeout=30)
    assert took < 6, f"took {took:.1f} s to exit"  # seconds; it used to wait out the 60 s long-poll
    assert answers
    assert answers[0].status_code == 200
    assert answers[0].json()["status"] == "pending"


async def test_an_unexpected_error_is_a_500_problem_that_closes_the_connection_politely(
    client_for: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(_request: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(services, "standalone_context", broken)
    response = await client_for(None).post(f"{J}/workers")  # raise_app_exceptions: it must not propagate
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/v1/problems/internal-error"
    assert response.headers["connection"] == "close"
