"""Which server the conformance suites test.

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

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
ADMIN_EMAIL = "conformance-admin@example.com"
ADMIN_PASSWORD = "conformance-password"
WORKER_TIMEOUT_SECONDS = 2.0
SWEEPER_INTERVAL_SECONDS = 0.5


@dataclass
class Target:
    base_url: str
    token: str
    sweep_within: float  # seconds after which a silent worker has certainly been swept
    remote: bool = False

    @property
    def headers(self) -> dict[str, str]:
        """A remote target may be several replicas behind a proxy: a new connection per request."""
        return {"Authorization": f"Bearer {self.token}", **({"Connection": "close"} if self.remote else {})}


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


def resolve_target(config: pytest.Config) -> None:
    """Resolve the target before collection: schemathesis binds the URL when it builds its tests."""
    base_url = config.getoption("--base-url")
    if base_url:
        token = config.getoption("--token")
        if not token:
            raise pytest.UsageError("--base-url needs --token (a superuser's bearer token)")
        sweep_within = float(config.getoption("--sweep-within") or 75)
        _TARGET.append(Target(base_url.rstrip("/"), token, sweep_within, remote=True))
        return
    if not _collecting_conformance(config):
        return
    server = LiveServer(Path(tempfile.mkdtemp(prefix="zndraw-conformance-")))
    server.start()
    _SERVERS.append(server)
    _TARGET.append(
        Target(server.base_url, server.admin_token(), WORKER_TIMEOUT_SECONDS + 4 * SWEEPER_INTERVAL_SECONDS + 3)
    )


def stop_servers() -> None:
    for server in _SERVERS:
        server.stop()


def _collecting_conformance(config: pytest.Config) -> bool:
    here = Path(__file__).parent.resolve()
    for arg in config.args:
        path = Path(arg.split("::")[0]).resolve()
        if path == here or here in path.parents or path in here.parents:
            return True
    return False


def current_target() -> Target:
    if not _TARGET:
        raise RuntimeError("the conformance target is resolved in pytest_configure")
    return _TARGET[0]


def new_user_token(target: Target, email: str, password: str = "another-password") -> str:
    """Create a user (or reuse it) and log in: a second, non-superuser identity.

    The account is created with the superuser's token: self-registration may be closed.
    """
    with httpx.Client(base_url=target.base_url, timeout=10) as client:
        client.post("/v1/auth/register", json={"email": email, "password": password}, headers=target.headers)
        response = client.post("/v1/auth/jwt/login", data={"username": email, "password": password})
        response.raise_for_status()
        return str(response.json()["access_token"])
