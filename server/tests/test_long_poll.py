"""`GET /tasks/{id}` with `Prefer: wait=N`: woken by the bus, bounded by the settings."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from calls import JOBS, claim, register_job, set_status, submit
from prometheus_client import REGISTRY
from sqlalchemy import event

from zndraw_joblib.context import Runtime
from zndraw_joblib.realtime import bus


async def _running_task(api: httpx.AsyncClient) -> str:
    job = await register_job(api)
    task = await submit(api, job["full_name"])
    await claim(api, job["worker_id"])
    await set_status(api, task["id"], "running")
    return task["id"]


async def test_a_waiting_get_answers_right_after_the_terminal_patch(api: httpx.AsyncClient, runtime: Runtime) -> None:
    task_id = await _running_task(api)
    waiter = asyncio.create_task(api.get(f"{JOBS}/tasks/{task_id}", headers={"Prefer": "wait=30"}))
    await asyncio.sleep(0.2)
    assert not waiter.done()
    patched_at = time.monotonic()
    await set_status(api, task_id, "completed")
    response = await asyncio.wait_for(waiter, 5)
    elapsed = time.monotonic() - patched_at
    assert response.json()["status"] == "completed"
    assert response.headers["preference-applied"] == "wait=5"  # capped by long_poll_max_wait_seconds
    assert elapsed < 1.0, f"woken {elapsed:.3f} s after the PATCH"  # generous; bench/ measures the real figure
    assert runtime.bus.channel_count == 0  # the waiter unsubscribed


async def test_the_wait_is_bounded_by_long_poll_max_wait_seconds(api: httpx.AsyncClient, runtime: Runtime) -> None:
    task_id = await _running_task(api)
    runtime.settings.__dict__["long_poll_max_wait_seconds"] = 0.5  # frozen settings; a test-only shortcut
    started = time.monotonic()
    response = await api.get(f"{JOBS}/tasks/{task_id}", headers={"Prefer": "wait=60"})
    elapsed = time.monotonic() - started
    assert response.json()["status"] == "running"
    assert 0.45 <= elapsed < 2.0
    assert response.headers["preference-applied"] == "wait=0.5"


@pytest.mark.parametrize("prefer", ["wait=1.5", "wait=99999999999999999999"])
async def test_a_fractional_or_huge_wait_is_honoured_up_to_the_maximum(
    api: httpx.AsyncClient, runtime: Runtime, prefer: str
) -> None:
    """Both once meant no wait at all; a huge one now means the maximum, a fraction itself."""
    task_id = await _running_task(api)
    runtime.settings.__dict__["long_poll_max_wait_seconds"] = 1.5  # frozen settings; a test-only shortcut
    started = time.monotonic()
    response = await api.get(f"{JOBS}/tasks/{task_id}", headers={"Prefer": prefer})
    elapsed = time.monotonic() - started
    assert 1.4 <= elapsed < 3.0
    assert response.headers["preference-applied"] == "wait=1.5"


async def test_a_terminal_task_answers_at_once_without_preference_applied(api: httpx.AsyncClient) -> None:
    task_id = await _running_task(api)
    await set_status(api, task_id, "completed")
    started = time.monotonic()
    response = await api.get(f"{JOBS}/tasks/{task_id}", headers={"Prefer": "wait=30"})
    assert time.monotonic() - started < 1.0
    assert "preference-applied" not in response.headers


async def test_without_prefer_the_answer_is_immediate(api: httpx.AsyncClient) -> None:
    task_id = await _running_task(api)
    response = await api.get(f"{JOBS}/tasks/{task_id}")
    assert response.json()["status"] == "running"
    assert "preference-applied" not in response.headers


async def test_many_waiters_on_one_task_are_all_woken(api: httpx.AsyncClient) -> None:
    task_id = await _running_task(api)
    waiters = [
        asyncio.create_task(api.get(f"{JOBS}/tasks/{task_id}", headers={"Prefer": "wait=30"})) for _ in range(20)
    ]
    await asyncio.sleep(0.3)
    await set_status(api, task_id, "failed", error="x")
    responses = await asyncio.wait_for(asyncio.gather(*waiters), 5)
    assert {r.json()["status"] for r in responses} == {"failed"}


async def test_a_long_poll_never_outlasts_its_wait(api: httpx.AsyncClient) -> None:
    task_id = await _running_task(api)
    for _ in range(3):
        started = time.monotonic()
        response = await api.get(f"{JOBS}/tasks/{task_id}", headers={"Prefer": "wait=1"})
        elapsed = time.monotonic() - started
        assert response.json()["status"] == "running"
        assert 0.95 <= elapsed < 1.3, elapsed  # counted from the request's arrival, not from the first read


def _parked() -> float:
    return REGISTRY.get_sample_value("zndraw_joblib_long_polls_waiting") or 0.0


@pytest.mark.parametrize(
    ("answer_limit", "reads"),
    [(bus.ANSWER_LIMIT, range(1)), (100, range(1, 11))],
    ids=["answer-carried", "answer-too-big-to-carry"],
)
async def test_waiters_woken_together_answer_from_the_wake_up_or_one_shared_read(
    api: httpx.AsyncClient, runtime: Runtime, monkeypatch: pytest.MonkeyPatch, answer_limit: int, reads: range
) -> None:
    """One PATCH wakes them all. A small final view travels with the wake-up: nobody reads the
    task again. A bigger one is re-read a few times in all, not once per waiter. Either way every
    waiter answers exactly what a plain GET answers."""
    monkeypatch.setattr(bus, "ANSWER_LIMIT", answer_limit)
    task_id = await _running_task(api)
    count = 100
    baseline = _parked()
    waiters = [
        asyncio.create_task(api.get(f"{JOBS}/tasks/{task_id}", headers={"Prefer": "wait=30"})) for _ in range(count)
    ]
    for _ in range(500):  # until every waiter has made its first read and waits (generous: a shared machine)
        if _parked() >= baseline + count:
            break
        await asyncio.sleep(0.02)
    assert _parked() == baseline + count
    assert runtime.sessionmaker is not None
    engine = runtime.sessionmaker.kw["bind"].sync_engine
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        reads_before = runtime.task_reads.reads
        patched = await api.patch(
            f"{JOBS}/tasks/{task_id}", json={"status": "completed", "result": {"text": "x" * 200}}
        )
        assert patched.status_code == 200, patched.text
        responses = await asyncio.wait_for(asyncio.gather(*waiters), 30)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    shared = runtime.task_reads.reads - reads_before
    assert shared in reads, shared  # was one per waiter
    # The database agrees: a handful of statements for the PATCH and the shared reads, not 2 per waiter.
    assert len(statements) < count / 2, len(statements)
    assert len(runtime.task_reads) == 0
    plain = await api.get(f"{JOBS}/tasks/{task_id}")
    assert {r.content for r in responses} == {plain.content}
    assert {r.headers["content-type"] for r in responses} == {"application/json"}
    assert plain.json()["status"] == "completed"
