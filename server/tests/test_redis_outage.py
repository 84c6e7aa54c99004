"""A Redis that hangs (accepts connections, answers nothing): writes stay fast, reads answer 503,
long-polls on the same replica still wake, and everything works again once Redis answers."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from private_redis import PrivateRedis

from zndraw_joblib.app import create_app
from zndraw_joblib.settings import Settings

J = "/v1/joblib"
ADMIN = {"username": "admin@example.com", "password": "redis-outage-password"}
REDIS_TIMEOUT = 1.0


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[PrivateRedis]:
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def api(tmp_path: Path, redis_server: PrivateRedis) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(
        data_dir=tmp_path / "data",
        redis_url=redis_server.url,
        secret_key="redis-outage-secret-key-long-enough-for-hs256",
        admin_email=ADMIN["username"],
        admin_password=ADMIN["password"],
        redis_timeout_seconds=REDIS_TIMEOUT,
        provider_long_poll_default_seconds=0.5,
        sweeper_interval_seconds=3600,
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=60) as client:
            token = (await client.post("/v1/auth/jwt/login", data=ADMIN)).json()["access_token"]
            client.headers["Authorization"] = f"Bearer {token}"
            try:
                yield client
            finally:
                redis_server.resume()  # shutting down talks to Redis


async def timed(call: object) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = await call  # type: ignore[misc]
    return response, time.monotonic() - started


async def test_a_hung_redis_costs_writes_at_most_its_timeout_once_and_reads_answer_503(
    api: httpx.AsyncClient, redis_server: PrivateRedis, caplog: pytest.LogCaptureFixture
) -> None:
    job = (await api.put(f"{J}/rooms/lab/jobs", json={"category": "modifiers", "name": "A"})).json()
    provider = await api.put(
        f"{J}/rooms/lab/providers", json={"category": "fs", "name": "files", "worker_id": job["worker_id"]}
    )
    assert provider.status_code == 201
    redis_server.pause()

    first, took = await timed(api.put(f"{J}/rooms/lab/jobs", json={"category": "modifiers", "name": "B"}))
    assert first.status_code == 201
    assert took < 4 * REDIS_TIMEOUT  # seconds; it took 10 s before events had a timeout
    submitted, took = await timed(api.post(f"{J}/rooms/lab/tasks/{job['full_name']}", json={}))
    assert submitted.status_code == 202
    assert took < 2 * REDIS_TIMEOUT  # once the outage is known, delivery waits a fraction of a second
    cancelled, took = await timed(api.patch(f"{J}/tasks/{submitted.json()['id']}", json={"status": "cancelled"}))
    assert cancelled.status_code == 200
    assert took < 2 * REDIS_TIMEOUT

    read, took = await timed(api.get(f"{J}/rooms/lab/providers/lab:fs:files", params={"path": "/"}))
    assert read.status_code == 503, read.text
    assert read.json()["type"] == "/v1/problems/service-unavailable"
    assert "Retry-After" in read.headers
    assert took < 4 * REDIS_TIMEOUT

    for _ in range(20):  # more traffic during the outage does not mean more log lines
        await api.post(f"{J}/rooms/lab/tasks/{job['full_name']}", json={})

    redis_server.resume()
    await asyncio.sleep(0.2)
    again = await api.post(f"{J}/rooms/lab/tasks/{job['full_name']}", json={})
    assert again.status_code == 202
    assert (await api.get("/readyz")).status_code == 200
    noisy = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(noisy) <= 3, [r.getMessage() for r in noisy]  # the outage began, (Redis read failed), it ended


async def test_a_long_poll_is_woken_by_a_patch_on_the_same_replica_while_redis_hangs(
    api: httpx.AsyncClient, redis_server: PrivateRedis
) -> None:
    job = (await api.put(f"{J}/rooms/lab/jobs", json={"category": "modifiers", "name": "C"})).json()
    task = (await api.post(f"{J}/rooms/lab/tasks/{job['full_name']}", json={})).json()
    redis_server.pause()
    waiting = asyncio.create_task(api.get(f"{J}/tasks/{task['id']}", headers={"Prefer": "wait=30"}))
    await asyncio.sleep(0.3)
    patched = await api.patch(f"{J}/tasks/{task['id']}", json={"status": "cancelled"})
    assert patched.status_code == 200
    done_at = time.monotonic()
    answer = await asyncio.wait_for(waiting, 10)
    assert answer.json()["status"] == "cancelled"
    assert time.monotonic() - done_at < 3 * REDIS_TIMEOUT  # woken in-process, not after the 30 s wait
