"""Answers sent ahead of their request's end (`ahead`): woken long-polls answer before any unwinds."""

from __future__ import annotations

import asyncio

import httpx
from calls import JOBS, claim, register_job, set_status, submit
from fastapi import FastAPI
from prometheus_client import REGISTRY
from starlette.types import Message, Receive, Scope, Send

from zndraw_joblib import ahead
from zndraw_joblib.edge import Edge


def _scope(path: str, headers: list[tuple[bytes, bytes]]) -> Scope:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
        "state": {},
    }


def _parked() -> float:
    return REGISTRY.get_sample_value("zndraw_joblib_long_polls_waiting") or 0.0


async def _never_disconnects() -> Message:
    await asyncio.Event().wait()
    raise AssertionError


async def test_an_answer_sent_ahead_is_the_only_answer_and_carries_the_request_id() -> None:
    after: list[bool] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        after.append(await ahead.answer(201, ahead.json_headers(b"{}", (b"x-kind", b"ahead")), b"{}"))
        await send({"type": "http.response.start", "status": 500, "headers": []})  # dropped by the edge
        await send({"type": "http.response.body", "body": b"late"})

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    await Edge(app, max_bytes=100)(_scope("/x", [(b"x-request-id", b"abc")]), _never_disconnects, send)
    assert after == [True]
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    assert sent[0]["status"] == 201
    assert sent[0]["headers"] == [
        (b"x-kind", b"ahead"),
        (b"content-length", b"2"),
        (b"content-type", b"application/json"),
        (b"x-request-id", b"abc"),
    ]
    assert sent[1]["body"] == b"{}"
    assert ahead.current.get() is None  # the offer ends with the request


async def test_without_an_edge_nothing_is_sent_ahead() -> None:
    """A library host mounts the routes without our edge: the caller answers as usual."""
    assert await ahead.answer(200, [], b"{}") is False


async def test_woken_long_polls_all_answer_before_any_of_them_finishes(app: FastAPI, api: httpx.AsyncClient) -> None:
    """One PATCH wakes them together; every answer goes out before the first request unwinds, so the
    last waiter does not wait for the others' bookkeeping (bench/: the waiters benchmark)."""
    job = await register_job(api)
    task = await submit(api, job["full_name"])
    await claim(api, job["worker_id"])
    await set_status(api, task["id"], "running")
    path = f"{JOBS}/tasks/{task['id']}"
    headers = [(b"authorization", api.headers["authorization"].encode()), (b"prefer", b"wait=30")]
    events: list[tuple[str, int]] = []
    bodies: list[bytes] = []
    count = 20

    async def waiter(index: int) -> None:
        async def send(message: Message) -> None:
            if message["type"] == "http.response.body":
                events.append(("answered", index))
                bodies.append(message["body"])

        await app(_scope(path, headers), _never_disconnects, send)
        events.append(("finished", index))

    baseline = _parked()
    waiters = [asyncio.create_task(waiter(i)) for i in range(count)]
    for _ in range(500):  # until every waiter waits (generous: a shared machine)
        if _parked() >= baseline + count:
            break
        await asyncio.sleep(0.02)
    assert _parked() == baseline + count  # else a late waiter would read the completed task, not wake
    completed = await set_status(api, task["id"], "completed")
    assert completed.status_code == 200, completed.text
    await asyncio.wait_for(asyncio.gather(*waiters), 30)
    kinds = [kind for kind, _ in events]
    assert kinds == ["answered"] * count + ["finished"] * count, events
    plain = await api.get(path)
    assert set(bodies) == {plain.content}
