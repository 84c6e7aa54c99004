"""Providers: register, list, read-through (coalesced, cached, timed out), upload, delete."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from actors import ClientFactory, User
from calls import JOBS, register_job

from zndraw_joblib.providers_cache import request_hash
from zndraw_joblib.realtime.emit import RecordingEmitter


async def _provider(api: httpx.AsyncClient, content_type: str = "application/json") -> dict:
    job = await register_job(api)
    response = await api.put(
        f"{JOBS}/rooms/room1/providers",
        json={"category": "filesystem", "name": "local", "content_type": content_type, "worker_id": job["worker_id"]},
    )
    assert response.status_code == 201
    return response.json()


async def test_a_read_is_answered_by_the_provider_upload_and_then_cached(
    api: httpx.AsyncClient, emitter: RecordingEmitter
) -> None:
    provider = await _provider(api, "application/msgpack")
    url = f"{JOBS}/rooms/room1/providers/{provider['full_name']}"
    emitter.clear()
    readers = [
        asyncio.create_task(api.get(url, params={"path": "/data"}, headers={"Prefer": "wait=2"})) for _ in range(3)
    ]
    await asyncio.sleep(0.2)
    requests = [e for e in emitter.sent if e.name == "provider_request"]
    assert len(requests) == 1  # three identical reads, one request to the provider
    request = requests[0].payload()
    assert requests[0].room == f"providers:{provider['full_name']}"
    assert request["params"] == '{"path":"/data"}'
    assert request["request_id"] == request_hash({"path": "/data"})
    upload = await api.post(
        f"{JOBS}/providers/{provider['id']}/results",
        content=b"\x81\xa1a\x01",
        headers={"X-Request-Hash": request["request_id"]},
    )
    assert upload.status_code == 204
    responses = await asyncio.gather(*readers)
    assert {(r.status_code, r.content, r.headers["content-type"]) for r in responses} == {
        (200, b"\x81\xa1a\x01", "application/msgpack")
    }
    assert ("provider_result_ready", "room:room1") in emitter.names()
    emitter.clear()
    cached = await api.get(url, params={"path": "/data"})
    assert cached.content == b"\x81\xa1a\x01"
    assert emitter.sent == []  # a cache hit asks nobody


async def test_a_read_nobody_answers_is_504_with_retry_after(api: httpx.AsyncClient) -> None:
    provider = await _provider(api)
    response = await api.get(f"{JOBS}/rooms/room1/providers/{provider['full_name']}", headers={"Prefer": "wait=1"})
    assert response.status_code == 504
    assert response.headers["retry-after"] == "2"
    assert response.json()["type"] == "/v1/problems/provider-timeout"


async def test_providers_are_visible_from_their_room_and_global_ones_everywhere(
    client_for: ClientFactory, alice: User, admin: User
) -> None:
    api = client_for(alice)
    await _provider(api)
    assert (
        await client_for(admin).put(f"{JOBS}/rooms/@global/providers", json={"category": "fs", "name": "g"})
    ).status_code == 201
    assert (await api.put(f"{JOBS}/rooms/@global/providers", json={"category": "fs", "name": "h"})).status_code == 403
    assert (await api.put(f"{JOBS}/rooms/@internal/providers", json={"category": "fs", "name": "i"})).status_code == 400
    room1 = {p["full_name"] for p in (await api.get(f"{JOBS}/rooms/room1/providers")).json()["items"]}
    assert room1 == {"room1:filesystem:local", "@global:fs:g"}
    assert (await api.get(f"{JOBS}/rooms/room2/providers/room1:filesystem:local/info")).status_code == 404


async def test_deleting_a_provider_invalidates_the_room(api: httpx.AsyncClient, emitter: RecordingEmitter) -> None:
    provider = await _provider(api)
    emitter.clear()
    assert (await api.delete(f"{JOBS}/providers/{provider['id']}")).status_code == 204
    assert emitter.names() == [("providers_invalidate", "room:room1")]
    assert (await api.delete(f"{JOBS}/providers/{provider['id']}")).status_code == 404


async def test_the_upload_needs_a_well_formed_request_hash(api: httpx.AsyncClient) -> None:
    provider = await _provider(api)
    response = await api.post(
        f"{JOBS}/providers/{provider['id']}/results", content=b"x", headers={"X-Request-Hash": "nope"}
    )
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("content_type", "body", "status"),
    [
        ("application/json", b"", 422),
        ("application/json", b"not json", 422),
        ("application/vnd.zndraw+json", b"{oops", 422),
        ("application/json", b'{"ok": true}', 204),
        ("application/msgpack", b"", 422),
        ("application/msgpack", b"\x81\xa2ok\xc3", 204),
    ],
)
async def test_a_result_is_never_empty_and_is_json_when_the_provider_says_so(
    api: httpx.AsyncClient, content_type: str, body: bytes, status: int
) -> None:
    provider = await _provider(api, content_type)
    hashed = request_hash({"path": "/"})
    response = await api.post(
        f"{JOBS}/providers/{provider['id']}/results", content=body, headers={"X-Request-Hash": hashed}
    )
    assert response.status_code == status, response.text
    if status == 422:
        assert response.json()["type"] == "/v1/problems/validation-error"
        read = await api.get(
            f"{JOBS}/rooms/room1/providers/{provider['full_name']}", params={"path": "/"}, headers={"Prefer": "wait=0"}
        )
        assert read.status_code == 504  # nothing was stored


@pytest.mark.settings(provider_request_repeat_seconds=0.3, provider_long_poll_max_seconds=5)
async def test_a_waiting_read_asks_again_each_interval_once_for_all_readers(
    api: httpx.AsyncClient, emitter: RecordingEmitter
) -> None:
    provider = await _provider(api)
    url = f"{JOBS}/rooms/room1/providers/{provider['full_name']}"
    emitter.clear()
    readers = [
        asyncio.create_task(api.get(url, params={"path": "/slow"}, headers={"Prefer": "wait=1.5"})) for _ in range(3)
    ]
    responses = await asyncio.gather(*readers)
    assert [r.status_code for r in responses] == [504, 504, 504]
    asked = [e for e in emitter.sent if e.name == "provider_request"]
    # the first request, then about one per 0.3 s for all three readers together (not three each)
    assert 3 <= len(asked) <= 7, len(asked)
    assert {e.payload()["request_id"] for e in asked} == {request_hash({"path": "/slow"})}
