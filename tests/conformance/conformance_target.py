"""Which server the conformance suite tests, as the package's `Options`.

By default: our app, served by uvicorn on a free loopback port in a background thread, on a
fresh SQLite file, with a short worker timeout so the sweeper can be observed. With
`--base-url URL --token JWT`: any running server (ours under `make run`, a multi-replica
deployment, an alternative implementation); the token must be a superuser's so the `@global`
operations are exercised, and `--sweep-within` must exceed that server's worker timeout plus
its sweeper interval.
"""

from __future__ import annotations

import asyncio
import socket
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from zndraw_joblib_conformance import Options

ADMIN_EMAIL = "conformance-admin@example.com"
ADMIN_PASSWORD = "conformance-password"
WORKER_TIMEOUT_SECONDS = 2.0
SWEEPER_INTERVAL_SECONDS = 0.5
MAX_EXAMPLES = 25  # schemathesis cases per operation and phase: the whole suite in about a minute and a half


@dataclass(frozen=True)
class Target:
    options: Options
    remote: bool  # a server this session did not start (its configuration is not ours)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """Our app under uvicorn in a daemon thread (its own event loop)."""

    def __init__(self, data_dir: Path) -> None:
        import uvicorn  # noqa: PLC0415 - only the in-process target needs a server

        from zndraw_joblib.app import create_app  # noqa: PLC0415
        from zndraw_joblib.settings import Settings  # noqa: PLC0415

        self.settings = Settings(
            data_dir=data_dir,
            secret_key="conformance-secret-key-long-enough-for-hs256",
            admin_email=ADMIN_EMAIL,
            admin_password=ADMIN_PASSWORD,
            long_poll_max_wait_seconds=1,
            provider_long_poll_default_seconds=0.1,
            provider_long_poll_max_seconds=3,
            worker_timeout_seconds=WORKER_TIMEOUT_SECONDS,
            sweeper_interval_seconds=SWEEPER_INTERVAL_SECONDS,
        )
        self.port = free_port()
        config = uvicorn.Config(create_app(self.settings), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="conformance-server", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the conformance server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def admin_token(self) -> str:
        from zndraw_joblib import auth  # noqa: PLC0415
        from zndraw_joblib.store.engine import make_engine, make_sessionmaker  # noqa: PLC0415

        async def mint() -> str:
            engine = make_engine(self.settings.effective_database_url)
            try:
                return await auth.issue_token(make_sessionmaker(engine), self.settings, email=ADMIN_EMAIL)
            finally:
                await engine.dispose()

        return asyncio.run(mint())


_TARGET: list[Target] = []
_SERVERS: list[LiveServer] = []


def resolve_target(config: pytest.Config) -> Target:
    """The target of this session: the one given with --base-url, else a server started here (once)."""
    if _TARGET:
        return _TARGET[0]
    base_url = config.getoption("--base-url", default=None)
    if base_url:
        token = config.getoption("--token")
        if not token:
            raise pytest.UsageError("--base-url needs --token (a superuser's bearer token)")
        sweep = config.getoption("--sweep-within")
        options = Options(
            url=base_url,
            token=token,
            user_token=config.getoption("--user-token"),
            sweep_within=float(sweep) if sweep else None,
            connection_close=True,  # several replicas behind a round-robin proxy answer in turn
            max_examples=int(config.getoption("--max-examples") or MAX_EXAMPLES),
        )
        _TARGET.append(Target(options, remote=True))
        return _TARGET[0]
    server = LiveServer(Path(tempfile.mkdtemp(prefix="zndraw-conformance-")))
    server.start()
    _SERVERS.append(server)
    sweep_within = WORKER_TIMEOUT_SECONDS + 4 * SWEEPER_INTERVAL_SECONDS + 3
    options = Options(
        url=server.base_url, token=server.admin_token(), sweep_within=sweep_within, max_examples=MAX_EXAMPLES
    )
    _TARGET.append(Target(options, remote=False))
    return _TARGET[0]


def stop_servers() -> None:
    for server in _SERVERS:
        server.stop()
