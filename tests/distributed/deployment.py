"""A two-replica deployment on one PostgreSQL and one Redis, started the way operators do it.

`zndraw-joblib db upgrade` migrates a fresh database, `users create` makes a superuser,
`token` mints its JWT, and two `zndraw-joblib serve` processes share the database, Redis
and the secret key. `RoundRobinProxy` spreads TCP connections over both replicas (clients
send `Connection: close` so every HTTP request picks the next replica).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from zndraw_joblib.testing import free_port, wait_ready

BIN = Path(sys.executable).parent / "zndraw-joblib"
SECRET = "distributed-test-secret-key-long-enough"
ADMIN_EMAIL = "ops@example.com"
ADMIN_PASSWORD = "ops-password"
WORKER_TIMEOUT_SECONDS = 15.0
"""Seconds of silence after which the replicas sweep a worker. The tests' workers heartbeat every
`HEARTBEAT_SECONDS` on their own connections, so even a heartbeat that waits seconds on a busy
2-core machine arrives in time; the tests that wait for a sweep derive their deadlines from it."""
SWEEPER_INTERVAL_SECONDS = 0.5
HEARTBEAT_SECONDS = 1.0
"""Seconds between the heartbeats of the tests' workers."""
LONG_POLL_MAX_WAIT_SECONDS = 5
"""The replicas' cap on `Prefer: wait` (seconds). A long-poll that answers before it was woken,
not because it ran out; kept short for the conformance suite, which may ask for long waits."""
START_SECONDS = 120.0
"""Seconds a replica may take to become ready (a busy machine)."""


@dataclass
class Replica:
    name: str
    port: int
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [str(BIN), "serve", "--port", str(self.port), "--log-level", "warning"],
                env=self.env,
                stdout=log,
                stderr=log,
            )
        wait_ready(self.url, timeout=START_SECONDS, process=self.process)

    def kill(self) -> None:
        """`kill -9`: no shutdown, no cleanup."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@dataclass
class Deployment:
    database_url: str
    redis_url: str
    directory: Path
    replicas: list[Replica] = field(default_factory=list)
    internal_worker: subprocess.Popen[bytes] | None = None
    token: str = ""

    def env(self) -> dict[str, str]:
        keep = {k: v for k, v in os.environ.items() if not k.startswith("ZNDRAW_JOBLIB_")}
        return {
            **keep,
            "ZNDRAW_JOBLIB_DATABASE_URL": self.database_url,
            "ZNDRAW_JOBLIB_REDIS_URL": self.redis_url,
            "ZNDRAW_JOBLIB_SECRET_KEY": SECRET,
            "ZNDRAW_JOBLIB_DATA_DIR": str(self.directory),
            "ZNDRAW_JOBLIB_WORKER_TIMEOUT_SECONDS": str(WORKER_TIMEOUT_SECONDS),
            "ZNDRAW_JOBLIB_SWEEPER_INTERVAL_SECONDS": str(SWEEPER_INTERVAL_SECONDS),
            "ZNDRAW_JOBLIB_LONG_POLL_MAX_WAIT_SECONDS": str(LONG_POLL_MAX_WAIT_SECONDS),
            "ZNDRAW_JOBLIB_PROVIDER_LONG_POLL_DEFAULT_SECONDS": "0.1",
            "ZNDRAW_JOBLIB_PROVIDER_LONG_POLL_MAX_SECONDS": "3",
            "ZNDRAW_JOBLIB_INTERNAL_EXTENSIONS": '["zndraw_joblib.internal_jobs:Sleep"]',
            "ZNDRAW_JOBLIB_INTERNAL_BROKER": "redis",
        }

    def cli(self, *args: str) -> str:
        result = subprocess.run(
            [str(BIN), *args], env=self.env(), capture_output=True, text=True, check=True, timeout=120
        )
        return result.stdout.strip()

    def start(self, count: int = 2) -> None:
        self.cli("db", "upgrade")
        self.cli("users", "create", ADMIN_EMAIL, "--password", ADMIN_PASSWORD, "--superuser")
        self.token = self.cli("token", ADMIN_EMAIL)
        for i in range(count):
            replica = Replica(f"replica-{i}", free_port(), self.env(), self.directory / f"replica-{i}.log")
            replica.start()
            self.replicas.append(replica)
        with (self.directory / "internal-worker.log").open("ab") as log:
            self.internal_worker = subprocess.Popen(
                [str(BIN.parent / "taskiq"), "worker", "zndraw_joblib.internal_worker:broker", "--workers", "1"],
                env=self.env(),
                stdout=log,
                stderr=log,
            )

    def stop(self) -> None:
        for replica in self.replicas:
            replica.stop()
        if self.internal_worker is not None and self.internal_worker.poll() is None:
            self.internal_worker.terminate()
            try:
                self.internal_worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.internal_worker.kill()

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


async def _create_database(admin_url: str, name: str) -> None:
    parsed = make_url(admin_url)
    connection = await asyncpg.connect(f"postgresql://{parsed.username}@{parsed.host}:{parsed.port}/postgres")
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


def new_deployment(postgres_url: str, redis_url: str, directory: Path) -> Deployment:
    name = f"dist_{uuid.uuid4().hex[:10]}"
    asyncio.run(_create_database(postgres_url, name))
    database_url = make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
    return Deployment(database_url, redis_url, directory)


class RoundRobinProxy:
    """A TCP proxy on a free port that sends each new connection to the next backend."""

    def __init__(self, backends: list[tuple[str, int]]) -> None:
        self.backends = backends
        self.port = free_port()
        self._next = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="round-robin-proxy", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()
        self._ready.wait(10)

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", self.port))
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            server.close()
            pending = asyncio.all_tasks(self._loop)
            for task in pending:
                task.cancel()
            self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self._loop.run_until_complete(server.wait_closed())
            self._loop.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        host, port = self.backends[self._next % len(self.backends)]
        self._next += 1
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(host, port)
        except OSError:
            writer.close()
            return

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            try:
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                sink.close()

        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))
