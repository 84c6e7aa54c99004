"""Claims under concurrency: every task claimed exactly once, one winner per task."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import pytest
from calls import JOBS, claim, register_job

pytestmark = pytest.mark.slow


async def _bulk_submit(api: httpx.AsyncClient, job_name: str, count: int) -> set[str]:
    async def one(_: int) -> str:
        response = await api.post(f"{JOBS}/rooms/room1/tasks/{job_name}", json={})
        assert response.status_code == 202
        return response.json()["id"]

    ids: set[str] = set()
    for start in range(0, count, 50):
        ids |= set(await asyncio.gather(*(one(i) for i in range(start, min(start + 50, count)))))
    return ids


async def test_twenty_claimers_on_five_hundred_tasks_claim_each_exactly_once(api: httpx.AsyncClient) -> None:
    job = await register_job(api)
    workers = [job["worker_id"]] + [(await register_job(api))["worker_id"] for _ in range(19)]
    submitted = await _bulk_submit(api, job["full_name"], 500)

    async def drain(worker_id: str) -> list[str]:
        mine = []
        while (task := await claim(api, worker_id)) is not None:
            assert task["worker_id"] == worker_id
            mine.append(task["id"])
            # In-process (ASGI transport, inline SQLite) a claim never has to wait, so without
            # this one claimer could drain the queue before the others run; over a network
            # claimers interleave by themselves.
            await asyncio.sleep(0)
        return mine

    results = await asyncio.gather(*(drain(w) for w in workers))
    claimed = [task_id for mine in results for task_id in mine]
    assert Counter(claimed).most_common(1)[0][1] == 1
    assert set(claimed) == submitted
    pending = await api.get(f"{JOBS}/rooms/room1/tasks", params={"status": "pending", "limit": 0})
    assert pending.json()["total"] == 0
    assert sum(1 for mine in results if mine) > 1  # the work was actually shared


async def test_ten_claimers_racing_for_one_task_produce_exactly_one_winner(api: httpx.AsyncClient) -> None:
    job = await register_job(api)
    workers = [job["worker_id"]] + [(await register_job(api))["worker_id"] for _ in range(9)]
    await _bulk_submit(api, job["full_name"], 1)
    results = await asyncio.gather(*(claim(api, w) for w in workers))
    assert sum(r is not None for r in results) == 1
