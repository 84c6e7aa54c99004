"""A host app embeds the router and brings its own session, user and admin flag."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import httpx
from fastapi import FastAPI, Header
from sqlalchemy.ext.asyncio import AsyncSession

from zndraw_joblib import Runtime, Settings, install_problem_handlers, router
from zndraw_joblib.dependencies import get_current_user, get_is_superuser, get_session
from zndraw_joblib.realtime.emit import RecordingEmitter
from zndraw_joblib.store import migrate
from zndraw_joblib.store.engine import make_engine, make_sessionmaker


@dataclass
class HostUser:
    id: UUID
    role: str


async def test_a_host_app_with_overridden_dependencies_runs_the_queue(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'host.sqlite'}")
    await migrate.upgrade(engine)
    sessionmaker = make_sessionmaker(engine)
    emitter = RecordingEmitter()

    host = FastAPI()
    host.include_router(router)
    install_problem_handlers(host)
    host.state.zndraw_joblib = Runtime(Settings(data_dir=tmp_path), sessionmaker=sessionmaker, emitter=emitter)

    async def host_session() -> AsyncIterator[AsyncSession]:
        async with sessionmaker() as session:
            yield session

    async def host_user(x_user: str = Header()) -> HostUser:
        name, _, role = x_user.partition("/")
        return HostUser(UUID(int=len(name)), role)

    async def host_is_admin(x_user: str = Header()) -> bool:
        return x_user.endswith("/admin")

    host.dependency_overrides[get_session] = host_session
    host.dependency_overrides[get_current_user] = host_user
    host.dependency_overrides[get_is_superuser] = host_is_admin

    transport = httpx.ASGITransport(app=host)
    async with httpx.AsyncClient(transport=transport, base_url="http://host") as client:
        admin = {"X-User": "root/admin"}
        job = await client.put(
            "/v1/joblib/rooms/@global/jobs", json={"category": "modifiers", "name": "G"}, headers=admin
        )
        assert job.status_code == 201
        worker = job.json()["worker_id"]
        denied = await client.put(
            "/v1/joblib/rooms/@global/jobs", json={"category": "modifiers", "name": "H"}, headers={"X-User": "joe/user"}
        )
        assert denied.status_code == 403
        assert denied.headers["content-type"] == "application/problem+json"
        task = await client.post(
            "/v1/joblib/rooms/lab/tasks/@global:modifiers:G", json={}, headers={"X-User": "joe/user"}
        )
        assert task.status_code == 202
        claimed = await client.post("/v1/joblib/tasks/claim", json={"worker_id": worker}, headers=admin)
        assert claimed.json()["task"]["id"] == task.json()["id"]
    assert ("task_available", "jobs:@global:modifiers:G") in emitter.names()
    await engine.dispose()


async def test_a_host_that_only_lends_request_sessions_still_gets_woken_long_polls(tmp_path: Path) -> None:
    """Without a sessionmaker in the Runtime, a woken long-poll re-reads in its own request session."""
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'host.sqlite'}")
    await migrate.upgrade(engine)
    sessionmaker = make_sessionmaker(engine)
    host = FastAPI()
    host.include_router(router)
    install_problem_handlers(host)
    host.state.zndraw_joblib = Runtime(Settings(data_dir=tmp_path))

    async def host_session() -> AsyncIterator[AsyncSession]:
        async with sessionmaker() as session:
            yield session

    async def host_user() -> HostUser:
        return HostUser(UUID(int=1), "admin")

    async def host_is_admin() -> bool:
        return True

    host.dependency_overrides[get_session] = host_session
    host.dependency_overrides[get_current_user] = host_user
    host.dependency_overrides[get_is_superuser] = host_is_admin
    transport = httpx.ASGITransport(app=host)
    async with httpx.AsyncClient(transport=transport, base_url="http://host") as client:
        job = await client.put("/v1/joblib/rooms/@global/jobs", json={"category": "modifiers", "name": "G"})
        task = await client.post("/v1/joblib/rooms/lab/tasks/@global:modifiers:G", json={})
        task_id = task.json()["id"]
        await client.post("/v1/joblib/tasks/claim", json={"worker_id": job.json()["worker_id"]})
        waiters = [
            asyncio.create_task(client.get(f"/v1/joblib/tasks/{task_id}", headers={"Prefer": "wait=30"}))
            for _ in range(3)
        ]
        await asyncio.sleep(0.3)
        assert (await client.patch(f"/v1/joblib/tasks/{task_id}", json={"status": "cancelled"})).status_code == 200
        answers = await asyncio.wait_for(asyncio.gather(*waiters), 10)
    assert {a.json()["status"] for a in answers} == {"cancelled"}
    assert all("preference-applied" in a.headers for a in answers)  # they waited, then were woken
    await engine.dispose()
