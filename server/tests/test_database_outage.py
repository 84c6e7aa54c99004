"""A PostgreSQL restart or outage: 503 with Retry-After (never 500), recovery without a restart,
and no worker swept for the time nobody could heartbeat. Runs on a private PostgreSQL."""

from __future__ import annotations

import asyncio
import collections
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from private_postgres import PrivatePostgres

from zndraw_joblib.app import create_app
from zndraw_joblib.settings import Settings
from zndraw_joblib.sweeper import Sweeper

J = "/v1/joblib"
ADMIN = {"username": "admin@example.com", "password": "outage-password"}


@pytest.fixture
def postgres(private_postgres: PrivatePostgres) -> PrivatePostgres:
    return private_postgres


@contextlib.asynccontextmanager
async def serving(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app: FastAPI = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=60) as client:
            token = (await client.post("/v1/auth/jwt/login", data=ADMIN)).json()["access_token"]
            client.headers["Authorization"] = f"Bearer {token}"
            client.app = app  # type: ignore[attr-defined]  # the tests reach the runtime through it
            yield client


async def outage_settings(tmp_path: Path, postgres: PrivatePostgres, **extra: Any) -> Settings:
    return Settings(
        data_dir=tmp_path,
        database_url=await postgres.fresh_database(),
        auto_migrate=True,
        secret_key="outage-secret-key-long-enough-for-hs256",
        admin_email=ADMIN["username"],
        admin_password=ADMIN["password"],
        sweeper_interval_seconds=3600,
        database_timeout_seconds=3,
        **extra,
    )


async def test_a_restart_under_load_answers_503_with_retry_after_never_500_and_recovers(
    tmp_path: Path, postgres: PrivatePostgres
) -> None:
    async with serving(await outage_settings(tmp_path, postgres)) as api:
        job = (await api.put(f"{J}/rooms/lab/jobs", json={"category": "modifiers", "name": "X"})).json()
        seen: collections.Counter[int] = collections.Counter()
        bad: list[str] = []
        stop = asyncio.Event()

        async def load() -> None:
            while not stop.is_set():
                for response in await asyncio.gather(
                    api.post(f"{J}/rooms/lab/tasks/{job['full_name']}", json={}),
                    api.patch(f"{J}/workers/{job['worker_id']}"),
                    api.get(f"{J}/rooms/lab/tasks", params={"limit": 1}),
                ):
                    seen[response.status_code] += 1
                    if response.status_code == 503 and "Retry-After" not in response.headers:
                        bad.append("503 without Retry-After")
                    if response.status_code not in (200, 202, 503):
                        bad.append(response.text)

        loaders = [asyncio.create_task(load()) for _ in range(4)]
        await asyncio.sleep(0.5)
        await asyncio.to_thread(postgres.restart)
        await asyncio.sleep(1.0)
        stop.set()
        await asyncio.gather(*loaders)
        assert bad == []
        assert seen[500] == 0
        after = await api.post(f"{J}/rooms/lab/tasks/{job['full_name']}", json={})
        assert after.status_code == 202  # recovered without restarting the server


async def test_an_outage_answers_503_and_its_time_is_not_counted_as_a_workers_silence(
    tmp_path: Path, postgres: PrivatePostgres
) -> None:
    async with serving(await outage_settings(tmp_path, postgres, worker_timeout_seconds=4)) as api:
        job = (await api.put(f"{J}/rooms/lab/jobs", json={"category": "modifiers", "name": "Y"})).json()
        task = (await api.post(f"{J}/rooms/lab/tasks/{job['full_name']}", json={})).json()
        assert (await api.post(f"{J}/tasks/claim", json={"worker_id": job["worker_id"]})).json()["task"]
        await asyncio.to_thread(postgres.stop)
        try:
            for _ in range(5):  # the worker keeps trying to heartbeat through a 5 s outage
                down = await api.patch(f"{J}/workers/{job['worker_id']}")
                assert down.status_code == 503
                assert down.json()["type"] == "/v1/problems/service-unavailable"
                assert down.headers["Retry-After"] == "1"
                assert down.json()["safe_to_retry"] is True  # the heartbeat never reached the database
                await asyncio.sleep(1)
        finally:
            await asyncio.to_thread(postgres.start)
        sweeper = Sweeper.from_runtime(api.app.state.zndraw_joblib)  # type: ignore[attr-defined]
        swept = await sweeper.run_once()
        assert swept.workers_removed == 0  # its last heartbeat was 5+ s ago, but 5 s of that was the outage
        alive = await api.get(f"{J}/tasks/{task['id']}")
        assert alive.json()["status"] == "claimed"
        await asyncio.sleep(4.5)  # now really silent for longer than the timeout
        assert (await sweeper.run_once()).workers_removed == 1
        assert (await api.get(f"{J}/tasks/{task['id']}")).json()["status"] == "failed"
