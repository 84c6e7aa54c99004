"""Fixtures: a fresh app per test on its own database, users with tokens, an HTTP client per user.

The app is the real `create_app` with its lifespan run; requests go through httpx's ASGI
transport (no sockets). Users are inserted directly with one password hash computed per
session: argon2 is deliberately slow, and the tests are about the queue, not about hashing.
Emissions are recorded by a `RecordingEmitter` so tests can assert the emission sets.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from actors import PASSWORD, ClientFactory, User, UserFactory
from fastapi import FastAPI
from fastapi_users.password import PasswordHelper
from private_postgres import PrivatePostgres

from zndraw_joblib import auth
from zndraw_joblib.app import create_app
from zndraw_joblib.context import Runtime
from zndraw_joblib.realtime.emit import RecordingEmitter
from zndraw_joblib.settings import Settings
from zndraw_joblib.store.tables import user_table
from zndraw_joblib.store.types import new_id

POSTGRES_URL = os.environ.get("ZNDRAW_JOBLIB_TEST_POSTGRES_URL")
REDIS_URL = os.environ.get("ZNDRAW_JOBLIB_TEST_REDIS_URL")
# The embedded default, and the distributed deployment when `make services` runs them.
BACKENDS = ["sqlite", *(["postgresql+redis"] if POSTGRES_URL and REDIS_URL else [])]


@pytest.fixture(scope="session")
def private_postgres() -> Iterator[PrivatePostgres]:
    """A PostgreSQL server of this session's own, for tests that stop it or need a bare database."""
    server = PrivatePostgres()
    server.start()
    yield server
    server.remove()


@pytest.fixture(scope="session")
def password_hash() -> str:
    return PasswordHelper().hash(PASSWORD)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'joblib.sqlite'}"
    from postgres_db import fresh_database  # noqa: PLC0415 - only with PostgreSQL configured

    return fresh_database(POSTGRES_URL or "")


@pytest.fixture
def settings(request: pytest.FixtureRequest, tmp_path: Path, database_url: str, backend: str) -> Settings:
    """The test server's settings; `@pytest.mark.settings(name=value, ...)` overrides some."""
    marker = request.node.get_closest_marker("settings")
    overrides = marker.kwargs if marker is not None else {}
    return Settings(**{**defaults(tmp_path, database_url, backend), **overrides})


def defaults(tmp_path: Path, database_url: str, backend: str) -> dict[str, object]:
    return {
        "data_dir": tmp_path / "data",
        "database_url": database_url,
        "redis_url": REDIS_URL if "redis" in backend else None,
        "secret_key": "test-secret-key-that-is-long-enough-for-hs256",
        "long_poll_max_wait_seconds": 5,
        "sweeper_interval_seconds": 3600,  # tests call run_once() themselves
        "provider_long_poll_default_seconds": 0.3,
        "provider_long_poll_max_seconds": 2,
        "max_body_bytes": 64 * 1024,
    }


@pytest.fixture
def emitter() -> RecordingEmitter:
    return RecordingEmitter()


@pytest.fixture
async def app(settings: Settings, emitter: RecordingEmitter) -> AsyncIterator[FastAPI]:
    application = create_app(settings, also_emit_to=emitter)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
def runtime(app: FastAPI) -> Runtime:
    return app.state.zndraw_joblib


@pytest.fixture
def make_user(runtime: Runtime, settings: Settings, password_hash: str) -> UserFactory:
    async def make(email: str | None = None, *, superuser: bool = False) -> User:
        user_id = new_id()
        email = email or f"user-{user_id.hex[:12]}@example.com"
        async with runtime.session() as session:
            await session.execute(
                user_table.insert().values(
                    id=user_id,
                    email=email,
                    hashed_password=password_hash,
                    is_active=True,
                    is_superuser=superuser,
                    is_verified=False,
                )
            )
            await session.commit()
            user = await auth.user_manager(session, settings).get(user_id)
        token = await auth.jwt_strategy(settings).write_token(user)
        return User(user_id, email, token, superuser)

    return make


@pytest.fixture
async def admin(make_user: UserFactory) -> User:
    return await make_user("admin@example.com", superuser=True)


@pytest.fixture
async def alice(make_user: UserFactory) -> User:
    return await make_user("alice@example.com")


@pytest.fixture
async def bob(make_user: UserFactory) -> User:
    return await make_user("bob@example.com")


@pytest.fixture
async def client_for(app: FastAPI) -> AsyncIterator[ClientFactory]:
    """`client_for(user)` → an httpx client speaking to the app as that user (None: anonymous)."""
    async with contextlib.AsyncExitStack() as stack:

        def make(user: User | None) -> httpx.AsyncClient:
            client = httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app),
                base_url="http://testserver",
                headers=user.headers if user else {},
                timeout=30,
            )
            stack.push_async_callback(client.aclose)
            return client

        yield make


@pytest.fixture
def api(client_for: ClientFactory, alice: User) -> httpx.AsyncClient:
    """Alice's client: the default actor of most tests."""
    return client_for(alice)
