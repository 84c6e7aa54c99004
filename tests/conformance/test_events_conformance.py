"""Socket.IO conformance against asyncapi.yaml, with real clients on a live server.

Every event any socket receives is checked: its payload validates against the document, it
is declared as a server → client event, and it arrived in a room the socket joined whose
channel the document gives for that event (a bystander in another room gets nothing). The
last test checks that every declared server → client event was seen at least once.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import socketio
from asyncapi_contract import AsyncApiContract
from conformance_target import ROOT, Target, new_user_token

CONTRACT = AsyncApiContract(ROOT / "asyncapi.yaml")
SEEN: set[str] = set()
PROBLEMS: list[str] = []
STATUS_RANK = {"pending": 0, "claimed": 1, "running": 2, "completed": 3, "failed": 3, "cancelled": 3}
J = "/v1/joblib"
TIMEOUT = 10.0


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@dataclass
class Listener:
    """A connected socket that records and checks every event it receives."""

    client: socketio.AsyncClient
    rooms: set[str] = field(default_factory=set)
    inbox: list[tuple[str, Any]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    def record(self, event: str, data: Any) -> None:
        SEEN.add(event)
        PROBLEMS.extend(f"{event}: {e}" for e in CONTRACT.errors("send", event, data))
        if not any(CONTRACT.room_matches(event, room) and _room_fits(event, room, data) for room in self.rooms):
            PROBLEMS.append(f"{event} reached a socket in {sorted(self.rooms)}, not in its documented room")
        self.inbox.append((event, data))
        self.arrived.set()

    async def join(self, event: str, payload: dict[str, Any], room: str) -> dict[str, Any]:
        ack = await self.client.call(event, payload, timeout=TIMEOUT)
        if ack.get("ok"):
            self.rooms.add(room)
        return ack

    async def next(self, event: str, predicate: Any = None, within: float = TIMEOUT) -> Any:
        """The first not yet consumed `event` matching `predicate`, waiting for it if needed."""
        deadline = time.monotonic() + within
        while True:
            for i, (name, data) in enumerate(self.inbox):
                if name == event and (predicate is None or predicate(data)):
                    del self.inbox[i]
                    return data
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {event} within {within} s; got {[n for n, _ in self.inbox]}")
            self.arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.arrived.wait(), remaining)


ALL_ROOMS = "room:*"
"""The channel of a superuser's socket that follows every room (`join_all_rooms`)."""


def _room_fits(event: str, room: str, data: Any) -> bool:
    """The room parameter agrees with the payload where the payload names it."""
    if event == "task_status_event":
        return room in (f"room:{data.get('room_id')}", ALL_ROOMS)
    if event == "task_available":
        return room == f"jobs:{data.get('job_name')}"
    if event == "provider_request":
        return room == f"providers:{data.get('provider_name')}"
    return True


@contextlib.asynccontextmanager
async def listener(target: Target, token: str | None = None) -> AsyncIterator[Listener]:
    client = socketio.AsyncClient(reconnection=False)
    socket = Listener(client)

    @client.on("*")
    async def _any(event: str, data: Any = None) -> None:
        socket.record(event, data)

    await client.connect(
        target.base_url, auth={"token": token or target.token}, transports=["websocket"], wait_timeout=10
    )
    try:
        yield socket
    finally:
        await client.disconnect()


@pytest.fixture
async def http(target: Target) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=target.base_url, headers=target.headers, timeout=30) as client:
        yield client


async def register(http: httpx.AsyncClient, room: str, name: str = "Rotate", **extra: Any) -> dict[str, Any]:
    response = await http.put(f"{J}/rooms/{room}/jobs", json={"category": "modifiers", "name": name, **extra})
    assert response.status_code in (200, 201), response.text
    return response.json()


async def submit(http: httpx.AsyncClient, room: str, job_name: str) -> dict[str, Any]:
    response = await http.post(f"{J}/rooms/{room}/tasks/{job_name}", json={"payload": {}})
    assert response.status_code == 202, response.text
    return response.json()


async def patch(http: httpx.AsyncClient, task_id: str, status: str, error: str | None = None) -> None:
    body = {"status": status, **({"error": error} if error else {})}
    response = await http.patch(f"{J}/tasks/{task_id}", json=body)
    assert response.status_code == 200, response.text


async def assert_readable(http: httpx.AsyncClient, event: dict[str, Any]) -> None:
    """What the event reports is already visible over REST (events follow the commit)."""
    task = (await http.get(f"{J}/tasks/{event['id']}")).json()
    assert STATUS_RANK[task["status"]] >= STATUS_RANK[event["status"]], (task["status"], event["status"])


async def test_sockets_without_a_valid_token_are_refused(target: Target) -> None:
    for auth in (None, {"token": "not-a-jwt"}, {"token": ""}, {"nothing": 1}):
        client = socketio.AsyncClient(reconnection=False)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await client.connect(target.base_url, auth=auth, transports=["websocket"], wait_timeout=5)
        await client.disconnect()


async def test_malformed_and_unauthorised_joins_are_refused_in_the_ack(target: Target, http: httpx.AsyncClient) -> None:
    job = await register(http, unique("conf"))
    other = new_user_token(target, f"{unique('stranger')}@example.com")
    async with listener(target) as mine, listener(target, other) as theirs:
        assert (await mine.join("join_room", {"room_id": "bad:room"}, "-"))["ok"] is False
        bad = await mine.client.call("join_room", {"room": "x"}, timeout=TIMEOUT)
        assert bad["ok"] is False
        assert bad["error"]["type"] == "/v1/problems/validation-error"
        unknown = await mine.client.call(
            "join_job_room", {"job_name": job["full_name"], "worker_id": str(uuid.uuid4())}, timeout=TIMEOUT
        )
        assert unknown["error"]["type"] == "/v1/problems/worker-not-found"
        stolen = await theirs.client.call(
            "join_job_room", {"job_name": job["full_name"], "worker_id": job["worker_id"]}, timeout=TIMEOUT
        )
        assert stolen["error"]["type"] == "/v1/problems/forbidden"
        assert mine.client.connected  # nothing above broke the connection


async def test_a_task_lifecycle_is_announced_to_its_room_and_wakes_the_worker(
    target: Target, http: httpx.AsyncClient
) -> None:
    room, elsewhere = unique("conf"), unique("conf")
    job = await register(http, room)
    async with listener(target) as frontend, listener(target) as bystander, listener(target) as worker:
        assert (await frontend.join("join_room", {"room_id": room}, f"room:{room}"))["ok"]
        assert (await bystander.join("join_room", {"room_id": elsewhere}, f"room:{elsewhere}"))["ok"]
        joined = await worker.join(
            "join_job_room", {"job_name": job["full_name"], "worker_id": job["worker_id"]}, f"jobs:{job['full_name']}"
        )
        assert joined == {"ok": True}

        task = await submit(http, room, job["full_name"])
        available = await worker.next("task_available")
        assert available == {"job_name": job["full_name"], "room_id": room, "task_id": task["id"]}
        pending = await frontend.next("task_status_event", lambda d: d["id"] == task["id"] and d["status"] == "pending")
        assert pending["queue_position"] == 1
        await assert_readable(http, pending)

        claimed = (await http.post(f"{J}/tasks/claim", json={"worker_id": job["worker_id"]})).json()["task"]
        assert claimed["id"] == task["id"]
        await patch(http, task["id"], "running")
        await patch(http, task["id"], "completed")
        for status in ("claimed", "running", "completed"):
            event = await frontend.next(
                "task_status_event", lambda d, s=status: d["id"] == task["id"] and d["status"] == s
            )
            await assert_readable(http, event)
            assert event["name"] == job["full_name"]
        await asyncio.sleep(0.3)
        assert bystander.inbox == []
        assert [name for name, _ in worker.inbox] == []  # workers get task_available only
    assert PROBLEMS == []


async def test_failed_and_cancelled_tasks_are_announced(target: Target, http: httpx.AsyncClient) -> None:
    room = unique("conf")
    job = await register(http, room)
    async with listener(target) as frontend:
        await frontend.join("join_room", {"room_id": room}, f"room:{room}")
        doomed, dropped = await submit(http, room, job["full_name"]), await submit(http, room, job["full_name"])
        await http.post(f"{J}/tasks/claim", json={"worker_id": job["worker_id"]})
        await patch(http, doomed["id"], "failed", error="ValueError: nope")
        await patch(http, dropped["id"], "cancelled")
        failed = await frontend.next("task_status_event", lambda d: d["id"] == doomed["id"] and d["status"] == "failed")
        assert failed["error"] == "ValueError: nope"
        assert failed["completed_at"] is not None
        await frontend.next("task_status_event", lambda d: d["id"] == dropped["id"] and d["status"] == "cancelled")
    assert PROBLEMS == []


async def test_deleting_a_worker_fails_its_task_and_invalidates_the_jobs(
    target: Target, http: httpx.AsyncClient
) -> None:
    room = unique("conf")
    job = await register(http, room)
    task = await submit(http, room, job["full_name"])
    await http.post(f"{J}/tasks/claim", json={"worker_id": job["worker_id"]})
    async with listener(target) as frontend:
        await frontend.join("join_room", {"room_id": room}, f"room:{room}")
        assert (await http.delete(f"{J}/workers/{job['worker_id']}")).status_code == 204
        failed = await frontend.next("task_status_event", lambda d: d["id"] == task["id"])
        assert (failed["status"], failed["error"]) == ("failed", "Worker disconnected")
        await frontend.next("jobs_invalidate")
    assert PROBLEMS == []


async def test_a_worker_whose_socket_drops_is_cleaned_up_within_a_second(
    target: Target, http: httpx.AsyncClient
) -> None:
    room = unique("conf")
    job = await register(http, room)
    task = await submit(http, room, job["full_name"])
    async with listener(target) as frontend:
        await frontend.join("join_room", {"room_id": room}, f"room:{room}")
        async with listener(target) as worker:
            await worker.join(
                "join_job_room",
                {"job_name": job["full_name"], "worker_id": job["worker_id"]},
                f"jobs:{job['full_name']}",
            )
            await http.post(f"{J}/tasks/claim", json={"worker_id": job["worker_id"]})
            await patch(http, task["id"], "running")
            dropped_at = time.monotonic()
        failed = await frontend.next(
            "task_status_event", lambda d: d["id"] == task["id"] and d["status"] == "failed", within=5
        )
        assert time.monotonic() - dropped_at < 1.0
        assert failed["error"] == "Worker disconnected"
        assert (await http.patch(f"{J}/workers/{job['worker_id']}")).status_code == 404
    assert PROBLEMS == []


async def test_a_silent_worker_is_swept_and_its_task_fails(target: Target, http: httpx.AsyncClient) -> None:
    room = unique("conf")
    job = await register(http, room)
    task = await submit(http, room, job["full_name"])
    await http.post(f"{J}/tasks/claim", json={"worker_id": job["worker_id"]})
    async with listener(target) as frontend:
        await frontend.join("join_room", {"room_id": room}, f"room:{room}")
        failed = await frontend.next(
            "task_status_event",
            lambda d: d["id"] == task["id"] and d["status"] == "failed",
            within=target.sweep_within,
        )
        assert failed["error"] == "Worker disconnected"
    assert PROBLEMS == []


async def test_a_provider_read_goes_through_the_provider_socket(target: Target, http: httpx.AsyncClient) -> None:
    room = unique("conf")
    job = await register(http, room)
    async with listener(target) as frontend, listener(target) as provider_socket:
        await frontend.join("join_room", {"room_id": room}, f"room:{room}")
        created = await http.put(
            f"{J}/rooms/{room}/providers",
            json={
                "category": "filesystem",
                "name": "files",
                "worker_id": job["worker_id"],
                "content_type": "application/json",
            },
        )
        assert created.status_code == 201
        provider = created.json()
        await frontend.next("providers_invalidate")
        joined = await provider_socket.join(
            "join_provider_room",
            {"provider_name": provider["full_name"], "worker_id": job["worker_id"]},
            f"providers:{provider['full_name']}",
        )
        assert joined == {"ok": True}
        read = asyncio.create_task(
            http.get(
                f"{J}/rooms/{room}/providers/{provider['full_name']}",
                params={"path": "/"},
                headers={"Prefer": "wait=3"},
            )
        )
        request = await provider_socket.next("provider_request")
        assert request["params"] == '{"path":"/"}'
        upload = await http.post(
            f"{J}/providers/{provider['id']}/results",
            content=b'["a.xyz"]',
            headers={"X-Request-Hash": request["request_id"]},
        )
        assert upload.status_code == 204
        response = await read
        assert (response.status_code, response.json()) == (200, ["a.xyz"])
        ready = await frontend.next("provider_result_ready")
        assert ready == {"provider_name": provider["full_name"], "request_hash": request["request_id"]}
    assert PROBLEMS == []


async def test_a_provider_that_joins_after_a_read_began_still_answers_it(
    target: Target, http: httpx.AsyncClient
) -> None:
    """The upstream client's order: register the provider, a read arrives, then the socket joins."""
    room = unique("conf")
    job = await register(http, room)
    created = await http.put(
        f"{J}/rooms/{room}/providers", json={"category": "filesystem", "name": "late", "worker_id": job["worker_id"]}
    )
    assert created.status_code == 201
    provider = created.json()
    started = time.monotonic()
    read = asyncio.create_task(
        http.get(
            f"{J}/rooms/{room}/providers/{provider['full_name']}", params={"p": "1"}, headers={"Prefer": "wait=20"}
        )
    )
    await asyncio.sleep(0.5)  # the first provider_request went to an empty room
    async with listener(target) as provider_socket:
        joined = await provider_socket.join(
            "join_provider_room",
            {"provider_name": provider["full_name"], "worker_id": job["worker_id"]},
            f"providers:{provider['full_name']}",
        )
        assert joined == {"ok": True}
        request = await provider_socket.next("provider_request", within=TIMEOUT)
        upload = await http.post(
            f"{J}/providers/{provider['id']}/results",
            content=b'{"ok": 1}',
            headers={"X-Request-Hash": request["request_id"]},
        )
        assert upload.status_code == 204
    response = await read
    assert (response.status_code, response.json()) == (200, {"ok": 1})
    assert time.monotonic() - started < 15  # seconds; it used to wait out the 30 s in-flight lock
    assert PROBLEMS == []


async def test_an_idle_worker_woken_by_task_available_claims_without_polling(
    target: Target, http: httpx.AsyncClient
) -> None:
    room = unique("conf")
    job = await register(http, room)
    async with listener(target) as worker:
        await worker.join(
            "join_job_room", {"job_name": job["full_name"], "worker_id": job["worker_id"]}, f"jobs:{job['full_name']}"
        )
        submitted_at = time.monotonic()
        task = await submit(http, room, job["full_name"])
        await worker.next("task_available")
        claimed = (await http.post(f"{J}/tasks/claim", json={"worker_id": job["worker_id"]})).json()["task"]
        assert claimed["id"] == task["id"]
        assert time.monotonic() - submitted_at < 2.0  # generous; bench/ measures the real figure


async def test_a_superuser_follows_every_room_with_one_membership_and_others_may_not(
    target: Target, http: httpx.AsyncClient
) -> None:
    rooms = [unique("conf"), unique("conf")]
    jobs = [await register(http, room) for room in rooms]
    regular = new_user_token(target, f"{unique('regular')}@example.com")
    async with listener(target) as operator, listener(target, regular) as user:
        refused = await user.join("join_all_rooms", {}, ALL_ROOMS)
        assert refused["ok"] is False
        assert refused["error"]["type"] == "/v1/problems/forbidden"
        assert (await user.join("join_all_rooms", {"rooms": "*"}, ALL_ROOMS))["error"]["type"] == (
            "/v1/problems/validation-error"
        )
        assert await operator.join("join_all_rooms", {}, ALL_ROOMS) == {"ok": True}
        # also in one room's own channel: still one copy of each of its events
        assert (await operator.join("join_room", {"room_id": rooms[0]}, f"room:{rooms[0]}"))["ok"]

        tasks = [await submit(http, room, job["full_name"]) for room, job in zip(rooms, jobs, strict=True)]
        ours = {task["id"] for task in tasks}  # the server may be busy with other rooms meanwhile
        for task in tasks:
            event = await operator.next("task_status_event", lambda d, t=task: d["id"] == t["id"])
            assert (event["room_id"], event["status"]) == (task["room_id"], "pending")
        await asyncio.sleep(0.3)
        assert [d["id"] for n, d in operator.inbox if n == "task_status_event" and d["id"] in ours] == []
        assert user.inbox == []

        assert await operator.client.call("leave_all_rooms", {}, timeout=TIMEOUT) == {"ok": True}
        operator.rooms.discard(ALL_ROOMS)
        await patch(http, tasks[1]["id"], "cancelled")
        await patch(http, tasks[0]["id"], "cancelled")
        cancelled = await operator.next("task_status_event", lambda d: d["id"] in ours)
        assert (cancelled["id"], cancelled["status"]) == (tasks[0]["id"], "cancelled")  # through its own room
        await asyncio.sleep(0.3)
        assert [d["id"] for n, d in operator.inbox if n == "task_status_event" and d["id"] in ours] == []
    assert PROBLEMS == []


def test_every_declared_server_event_was_received_and_nothing_undeclared() -> None:
    """Runs last in this module: the suite as a whole exercised every server → client event."""
    assert CONTRACT.events("send") == SEEN
    assert PROBLEMS == []
