"""Fixtures: a live server for the session, private servers for tests that stop them, clients,
managers that are always disconnected, and a fresh room per test (so job names never clash)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from live_server import ADMIN_EMAIL, ADMIN_PASSWORD, LiveServer

from zndraw_joblib_client import Client, JobManager
from zndraw_joblib_client._generated.api.auth import register_user
from zndraw_joblib_client._generated.models import UserCreate, UserRead


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The shared server (default settings, except a short sweep for the sweeper test)."""
    live = LiveServer(tmp_path_factory.mktemp("server"))
    live.start()
    yield live
    live.stop()


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """Start a private server (which the test may stop and restart); stopped afterwards."""
    started: list[LiveServer] = []

    def start(*, wait: bool = True, port: int | None = None, **settings: str) -> LiveServer:
        live = LiveServer(tmp_path / f"server{len(started)}", settings=settings, port=port)
        started.append(live)
        live.start(wait=wait)
        return live

    yield start
    for live in started:
        live.stop()


@pytest.fixture
def clients() -> Iterator[list[Client]]:
    """Clients created by a test; closed afterwards."""
    made: list[Client] = []
    yield made
    for client in made:
        client.close()


@pytest.fixture
def login(clients: list[Client]) -> Callable[..., Client]:
    def make(live: LiveServer, email: str = ADMIN_EMAIL, password: str = ADMIN_PASSWORD, **kwargs: Any) -> Client:
        client = Client.login(live.url, email, password, **kwargs)
        clients.append(client)
        return client

    return make


@pytest.fixture(scope="session")
def admin(server: LiveServer) -> Iterator[Client]:
    """The superuser of the shared server (one login for the session: logins hash passwords)."""
    client = Client.login(server.url, ADMIN_EMAIL, ADMIN_PASSWORD)
    yield client
    client.close()


@pytest.fixture
def user(server: LiveServer, login: Callable[..., Client], admin: Client) -> Client:
    """A fresh regular (non-superuser) account on the shared server."""
    email = f"user-{uuid.uuid4().hex[:10]}@example.com"
    admin.call(register_user.sync_detailed, UserRead, body=UserCreate(email=email, password="a-long-password"))
    return login(server, email, "a-long-password")


@pytest.fixture
def room() -> str:
    """A room nobody else uses."""
    return f"room-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def managers() -> Iterator[Callable[..., JobManager]]:
    """`make(client, **options)`: a JobManager that is disconnected after the test."""
    made: list[JobManager] = []

    def make(client: Client, **options: Any) -> JobManager:
        options.setdefault("startup_timeout", 30.0)
        manager = JobManager(client, **options)
        made.append(manager)
        return manager

    yield make
    for manager in made:
        manager.disconnect()
