"""Hostile input and access rules, from outside (openapi.yaml "Access" and "Faults and limits").

Any implementation is held to these: a schema's `$ref` never makes the server fetch a URL or
read a file, validation work is bounded while the server keeps answering, bodies JSON or the
databases cannot hold are 422, and jobs and job channels belong to their owners.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import socketio
from conformance_target import Target, new_user_token

J = "/v1/joblib"
JSON = {"content-type": "application/json"}


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
async def http(target: Target) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=target.base_url, headers=target.headers, timeout=60) as client:
        yield client


async def register(http: httpx.AsyncClient, schema: dict[str, Any], room: str | None = None) -> httpx.Response:
    room = room or unique("room")
    body = {"category": "modifiers", "name": unique("Job"), "schema": schema}
    return await http.put(f"{J}/rooms/{room}/jobs", json=body)


async def job_with(http: httpx.AsyncClient, schema: dict[str, Any]) -> dict[str, Any]:
    response = await register(http, schema)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_a_url_reference_is_refused_at_registration_and_never_fetched(http: httpx.AsyncClient) -> None:
    hits = 0

    async def accept(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal hits
        hits += 1
        writer.close()

    listener = await asyncio.start_server(accept, "127.0.0.1", 0)
    port = listener.sockets[0].getsockname()[1]
    try:
        for schema in (
            {"$ref": f"http://127.0.0.1:{port}/schema.json"},
            {"type": "object", "properties": {"a": {"$ref": f"http://127.0.0.1:{port}/a.json#/x"}}},
            {"$id": f"http://127.0.0.1:{port}/root.json", "$ref": "other.json"},
        ):
            response = await register(http, schema)
            assert response.status_code == 422, (schema, response.text)
            assert response.json()["type"] == "/v1/problems/validation-error"
        await asyncio.sleep(0.3)
        assert hits == 0
    finally:
        listener.close()


async def test_a_file_reference_is_refused_and_leaks_nothing(http: httpx.AsyncClient) -> None:
    with tempfile.TemporaryDirectory() as folder:
        secret = Path(folder) / "secret.json"
        secret.write_text('{"const": "file-secret-XYZ"}')
        for ref in (secret.as_uri(), "file:///etc/hostname", "/etc/hostname"):
            response = await register(http, {"properties": {"a": {"$ref": ref}}})
            assert response.status_code == 422, (ref, response.text)
            assert "file-secret-XYZ" not in response.text


async def test_a_dangling_local_reference_is_a_422_not_a_500(http: httpx.AsyncClient) -> None:
    response = await register(http, {"properties": {"a": {"$ref": "#/$defs/nowhere"}}})
    assert response.status_code == 422


@pytest.mark.parametrize(
    "raw",
    [
        b'{"payload": {"x": NaN}}',
        b'{"payload": {"x": Infinity}}',
        b'{"payload": {"x": 1e400}}',
        b'{"payload": {"x": "a\\u0000"}}',
    ],
    ids=["nan", "infinity", "overflow", "nul"],
)
async def test_bodies_json_cannot_hold_are_422(http: httpx.AsyncClient, raw: bytes) -> None:
    job = await job_with(http, {"type": "object"})
    response = await http.post(f"{J}/rooms/{job['room_id']}/tasks/{job['full_name']}", content=raw, headers=JSON)
    assert response.status_code == 422, response.text
    listed = await http.get(f"{J}/rooms/{job['room_id']}/tasks")
    assert listed.json()["total"] == 0


async def test_a_task_error_with_nul_is_422(http: httpx.AsyncClient) -> None:
    job = await job_with(http, {})
    task = (await http.post(f"{J}/rooms/{job['room_id']}/tasks/{job['full_name']}", json={})).json()
    claimed = await http.post(f"{J}/tasks/claim", json={"worker_id": job["worker_id"]})
    assert claimed.json()["task"]["id"] == task["id"]
    response = await http.patch(f"{J}/tasks/{task['id']}", json={"status": "failed", "error": "x\u0000y"})
    assert response.status_code == 422


async def answered_while_healthy(http: httpx.AsyncClient, request: Any) -> tuple[httpx.Response, float]:
    """Run `request` while probing /healthz; the answer and the slowest probe (seconds)."""
    pending = asyncio.create_task(request)
    slowest = 0.0
    while not pending.done():
        started = time.monotonic()
        assert (await http.get("/healthz")).status_code == 200
        slowest = max(slowest, time.monotonic() - started)
        await asyncio.sleep(0.05)
    return await pending, slowest


async def test_expensive_validations_are_bounded_and_the_server_keeps_answering(http: httpx.AsyncClient) -> None:
    unique_job = await job_with(http, {"type": "object", "properties": {"xs": {"type": "array", "uniqueItems": True}}})
    items = {"payload": {"xs": [{"i": i, "tags": ["a", "b"]} for i in range(6000)]}}
    pattern_job = await job_with(
        http, {"type": "object", "properties": {"s": {"type": "string", "pattern": "^(a+)+$"}}}
    )
    for job, body in ((unique_job, items), (pattern_job, {"payload": {"s": "a" * 5000 + "!"}})):
        started = time.monotonic()
        response, slowest = await answered_while_healthy(
            http, http.post(f"{J}/rooms/{job['room_id']}/tasks/{job['full_name']}", json=body)
        )
        assert response.status_code in (202, 422), response.text
        assert time.monotonic() - started < 30  # seconds; unbounded, these took ~50 s and forever
        assert slowest < 2.0  # seconds; the server kept answering others


async def test_another_users_room_job_cannot_be_taken_over(target: Target, http: httpx.AsyncClient) -> None:
    job = await job_with(http, {"type": "object"})
    stranger = new_user_token(target, f"{unique('stranger')}@example.com")
    body = {"category": job["category"], "name": job["name"], "schema": {"type": "object"}}
    response = await http.put(
        f"{J}/rooms/{job['room_id']}/jobs", json=body, headers={"Authorization": f"Bearer {stranger}"}
    )
    assert response.status_code == 403
    assert response.json()["type"] == "/v1/problems/forbidden"


async def test_only_a_worker_linked_to_a_job_may_join_its_channel(target: Target, http: httpx.AsyncClient) -> None:
    job = await job_with(http, {})
    idle_worker = (await http.post(f"{J}/workers")).json()["id"]
    client = socketio.AsyncClient()
    await client.connect(target.base_url, auth={"token": target.token}, transports=["websocket"])
    try:
        refused = await client.call(
            "join_job_room", {"job_name": job["full_name"], "worker_id": idle_worker}, timeout=10
        )
        assert refused["ok"] is False
        assert refused["error"]["type"] == "/v1/problems/forbidden"
        linked = await client.call(
            "join_job_room", {"job_name": job["full_name"], "worker_id": job["worker_id"]}, timeout=10
        )
        assert linked == {"ok": True}
    finally:
        await client.disconnect()
