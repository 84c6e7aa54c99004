"""A host app for the upstream library `zndraw-joblib==0.1.7`, wired as its README describes.

The upstream package is a router, not a server: its README has the host supply the database
session maker (through `zndraw_auth`), the users and their JWT routes (`zndraw_auth`'s
fastapi-users), the problem handler, the Socket.IO server (`get_tsio`, via `app.state.tsio`),
the provider result backend (`get_result_backend`), the settings (`app.state.joblib_settings`)
and the sweeper task. This app supplies exactly that and nothing else: no Socket.IO handlers
(the README leaves them to the host as examples), no health routes, no payload validation.
The benchmark (bench/benchlib/compare.py) runs the same host with `--benchmark`: upstream's
default settings (the conformance run shortens its timeouts) and a `/readyz` (`SELECT 1`) to
wait for at start-up, as it waits for ours.

Run with the upstream venv's Python (it needs nothing from this repository):

    python host.py --port 8123 --data-dir /tmp/upstream --admin-email a@example.com --admin-password pw

SQLite file, busy timeout instead of a lock (the README leaves SQLite locking to the host).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import socketio
import uvicorn
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from zndraw_auth import UserCreate, UserRead, UserUpdate, auth_backend, fastapi_users
from zndraw_auth.db import Base, ensure_default_admin
from zndraw_auth.settings import AuthSettings
from zndraw_socketio import wrap

from zndraw_joblib import models  # noqa: F401 - registers the queue's tables on the shared metadata
from zndraw_joblib.dependencies import get_result_backend
from zndraw_joblib.exceptions import ProblemException, problem_exception_handler
from zndraw_joblib.router import router
from zndraw_joblib.settings import JobLibSettings
from zndraw_joblib.sweeper import run_sweeper


class MemoryResultBackend:
    """The `ResultBackend` protocol in memory (the README's example is Redis; one process needs none)."""

    def __init__(self) -> None:
        self.values: dict[str, bytes] = {}
        self.inflight: set[str] = set()
        self.waiters: dict[str, list[asyncio.Event]] = {}

    async def store(self, key: str, data: bytes, ttl: int) -> None:
        self.values[key] = data
        asyncio.get_running_loop().call_later(ttl, self.values.pop, key, None)

    async def get(self, key: str) -> bytes | None:
        return self.values.get(key)

    async def delete(self, key: str) -> None:
        self.values.pop(key, None)

    async def acquire_inflight(self, key: str, ttl: int) -> bool:
        if key in self.inflight:
            return False
        self.inflight.add(key)
        asyncio.get_running_loop().call_later(ttl, self.inflight.discard, key)
        return True

    async def release_inflight(self, key: str) -> None:
        self.inflight.discard(key)

    async def wait_for_key(self, key: str, timeout: float) -> bytes | None:  # noqa: ASYNC109 - the protocol's signature
        if key in self.values:
            return self.values[key]
        event = asyncio.Event()
        self.waiters.setdefault(key, []).append(event)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)
        return self.values.get(key)

    async def notify_key(self, key: str) -> None:
        for event in self.waiters.pop(key, []):
            event.set()


def create_app(
    data_dir: Path, admin_email: str, admin_password: str, settings: JobLibSettings, *, readyz: bool = False
) -> socketio.ASGIApp:
    engine = create_async_engine(f"sqlite+aiosqlite:///{data_dir / 'upstream.db'}", connect_args={"timeout": 30})
    session_maker = async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
    tsio = wrap(socketio.AsyncServer(async_mode="asgi", cors_allowed_origins=[]))
    backend = MemoryResultBackend()

    async def sessions() -> AsyncIterator[AsyncSession]:
        async with session_maker() as session:
            yield session

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        async with engine.begin() as connection:
            await connection.exec_driver_sql("PRAGMA journal_mode=WAL")
            await connection.run_sync(Base.metadata.create_all)
        async with session_maker() as session:
            await ensure_default_admin(session, app.state.auth_settings)
        sweeper = asyncio.create_task(run_sweeper(get_session=sessions, settings=settings, tsio=tsio))
        yield
        sweeper.cancel()
        await engine.dispose()

    app = FastAPI(lifespan=lifespan)
    app.state.engine = engine
    app.state.session_maker = session_maker
    app.state.auth_settings = AuthSettings(
        secret_key=SecretStr("upstream-host-secret-key-for-the-conformance-test"),
        default_admin_email=admin_email,
        default_admin_password=SecretStr(admin_password),
    )
    app.state.joblib_settings = settings
    app.state.tsio = tsio
    app.dependency_overrides[get_result_backend] = lambda: backend
    app.add_exception_handler(ProblemException, problem_exception_handler)
    app.include_router(fastapi_users.get_auth_router(auth_backend), prefix="/v1/auth/jwt")
    app.include_router(fastapi_users.get_register_router(UserRead, UserCreate), prefix="/v1/auth")
    app.include_router(fastapi_users.get_users_router(UserRead, UserUpdate), prefix="/v1/users")
    app.include_router(router)
    if readyz:

        @app.get("/readyz")
        async def ready() -> dict[str, str]:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
            return {"status": "ok"}

    return socketio.ASGIApp(tsio, other_asgi_app=app)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--admin-email", required=True)
    parser.add_argument("--admin-password", required=True)
    parser.add_argument("--benchmark", action="store_true", help="upstream's default settings and a /readyz")
    args = parser.parse_args()
    if args.benchmark:
        settings = JobLibSettings()
    else:
        settings = JobLibSettings(
            worker_timeout_seconds=2,
            sweeper_interval_seconds=1,
            long_poll_max_wait_seconds=5,
            provider_long_poll_default_seconds=1,
            provider_long_poll_max_seconds=5,
        )
    app = create_app(args.data_dir, args.admin_email, args.admin_password, settings, readyz=args.benchmark)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
