"""Jobs have owners, rooms a policy (openapi.yaml, "Access").

The room policy is tested the way a host application uses it: a host app with its own users,
its own `RoomPolicy`, the router and the Socket.IO handlers, served by uvicorn, driven by real
HTTP and Socket.IO clients.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import pytest
import socketio
import uvicorn
from actors import ClientFactory, User
from calls import JOBS, claim, register_job, submit
from fastapi import FastAPI, Header

from zndraw_joblib import Runtime, Settings, install_problem_handlers, router
from zndraw_joblib.access import RoomAction
from zndraw_joblib.dependencies import get_current_user, get_is_superuser, get_session
from zndraw_joblib.realtime import socketio as realtime
from zndraw_joblib.sockets import SocketHandlers
from zndraw_joblib.store import migrate
from zndraw_joblib.store.engine import make_engine, make_sessionmaker
from zndraw_joblib.task_states import Actor
from zndraw_joblib.testing import free_port

# -- job ownership --


async def test_another_user_cannot_take_over_a_room_job_even_with_the_same_schema(
    client_for: ClientFactory, alice: User, bob: User
) -> None:
    job = await register_job(client_for(alice))
    await submit(client_for(alice), job["full_name"], payload={"secret": 1})
    body = {"category": "modifiers", "name": "Rotate", "schema": {}}
    taken = await client_for(bob).put(f"{JOBS}/rooms/room1/jobs", json=body)
    assert taken.status_code == 403
    assert "belongs to another user" in taken.json()["detail"]
    # bob's workers never got linked, so nothing of alice's can be claimed by him
    bobs_worker = (await client_for(bob).post(f"{JOBS}/workers")).json()["id"]
    assert await claim(client_for(bob), bobs_worker) is None
    job_now = (await client_for(alice).get(f"{JOBS}/rooms/room1/jobs/{job['full_name']}")).json()
    assert job_now["workers"] == [job["worker_id"]]


async def test_the_owner_registers_more_workers_and_a_superuser_may_too(
    client_for: ClientFactory, alice: User, admin: User
) -> None:
    first = await register_job(client_for(alice))
    second = await register_job(client_for(alice))
    assert second["worker_id"] != first["worker_id"]
    by_admin = await client_for(admin).put(
        f"{JOBS}/rooms/room1/jobs", json={"category": "modifiers", "name": "Rotate", "schema": {}}
    )
    assert by_admin.status_code == 200
    assert len(by_admin.json()["workers"]) == 3


async def test_an_orphaned_job_is_revived_by_its_next_registrant_who_then_owns_it(
    client_for: ClientFactory, alice: User, bob: User
) -> None:
    job = await register_job(client_for(alice))
    assert (await client_for(alice).delete(f"{JOBS}/workers/{job['worker_id']}")).status_code == 204
    revived = await client_for(bob).put(
        f"{JOBS}/rooms/room1/jobs", json={"category": "modifiers", "name": "Rotate", "schema": {"type": "object"}}
    )
    assert revived.status_code == 201
    again = await client_for(alice).put(
        f"{JOBS}/rooms/room1/jobs", json={"category": "modifiers", "name": "Rotate", "schema": {"type": "object"}}
    )
    assert again.status_code == 403


# -- the room policy, as a host application uses it --


@dataclass(frozen=True)
class HostUser:
    id: UUID
    name: str

    @property
    def is_superuser(self) -> bool:
        return self.name == "root"


class MembersOnly:
    """A host's policy: room `lab` is for alice only (reading, submitting, registering)."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str, RoomAction]] = []

    async def allows(self, actor: Actor, room_id: str, action: RoomAction) -> bool:
        user: HostUser = actor.identity
        self.asked.append((user.name, room_id, action))
        return room_id != "lab" or user.name == "alice"


USERS = {name: HostUser(UUID(int=index + 1), name) for index, name in enumerate(("alice", "bob", "root"))}


@dataclass
class Host:
    url: str
    policy: MembersOnly


@pytest.fixture
def host(tmp_path: Path) -> Iterator[Host]:
    """A host app (own users by `X-User` header or socket auth name) served by uvicorn in a thread."""
    policy = MembersOnly()
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'host.sqlite'}")
    sessionmaker = make_sessionmaker(engine)
    sio = realtime.create_server()
    runtime = Runtime(
        Settings(data_dir=tmp_path),
        sessionmaker=sessionmaker,
        emitter=realtime.SocketIOEmitter(sio),
        room_policy=policy,
    )

    async def identify(token: str | None) -> Any:
        return USERS.get(token or "")

    SocketHandlers(sio, runtime, identify).install()

    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await migrate.upgrade(engine)
        yield
        await realtime.shutdown_server(sio)
        await engine.dispose()

    app = FastAPI(lifespan=lifespan)
    app.include_router(router)
    install_problem_handlers(app)
    app.state.zndraw_joblib = runtime
    app.mount("/socket.io", realtime.asgi_app(sio))

    async def host_session() -> AsyncIterator[Any]:
        async with sessionmaker() as session:
            yield session

    async def host_user(x_user: str = Header()) -> HostUser:
        return USERS[x_user]

    async def host_is_admin(x_user: str = Header()) -> bool:
        return USERS[x_user].is_superuser

    app.dependency_overrides[get_session] = host_session
    app.dependency_overrides[get_current_user] = host_user
    app.dependency_overrides[get_is_superuser] = host_is_admin
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), "the host app stopped"
        assert time.monotonic() < deadline, "the host app did not start"
        time.sleep(0.02)
    yield Host(f"http://127.0.0.1:{port}", policy)
    server.should_exit = True
    thread.join(timeout=10)


async def test_a_host_policy_guards_every_rest_room_operation(host: Host) -> None:
    async with httpx.AsyncClient(base_url=host.url, timeout=10) as client:
        alice, bob = {"X-User": "alice"}, {"X-User": "bob"}
        job = await client.put(f"{JOBS}/rooms/lab/jobs", json={"category": "modifiers", "name": "Scan"}, headers=alice)
        assert job.status_code == 201
        name = job.json()["full_name"]
        task = await client.post(f"{JOBS}/rooms/lab/tasks/{name}", json={}, headers=alice)
        assert task.status_code == 202
        refused = {
            "registerJob": client.put(
                f"{JOBS}/rooms/lab/jobs", json={"category": "modifiers", "name": "B"}, headers=bob
            ),
            "listJobs": client.get(f"{JOBS}/rooms/lab/jobs", headers=bob),
            "getJob": client.get(f"{JOBS}/rooms/lab/jobs/{name}", headers=bob),
            "listJobTasks": client.get(f"{JOBS}/rooms/lab/jobs/{name}/tasks", headers=bob),
            "listRoomTasks": client.get(f"{JOBS}/rooms/lab/tasks", headers=bob),
            "listRoomWorkers": client.get(f"{JOBS}/rooms/lab/workers", headers=bob),
            "submitTask": client.post(f"{JOBS}/rooms/lab/tasks/{name}", json={}, headers=bob),
            "getTask": client.get(f"{JOBS}/tasks/{task.json()['id']}", headers=bob),
            "longPollTask": client.get(f"{JOBS}/tasks/{task.json()['id']}", headers={**bob, "Prefer": "wait=5"}),
            "registerProvider": client.put(
                f"{JOBS}/rooms/lab/providers", json={"category": "fs", "name": "p"}, headers=bob
            ),
            "listProviders": client.get(f"{JOBS}/rooms/lab/providers", headers=bob),
            "getProviderInfo": client.get(f"{JOBS}/rooms/lab/providers/lab:fs:p/info", headers=bob),
            "readProvider": client.get(f"{JOBS}/rooms/lab/providers/lab:fs:p", headers=bob),
        }
        for operation, call in refused.items():
            response = await call
            assert response.status_code == 403, (operation, response.text)
            assert response.json()["type"] == "/v1/problems/forbidden"
        assert (await client.get(f"{JOBS}/rooms/lab/tasks", headers=alice)).json()["total"] == 1
        assert (await client.get(f"{JOBS}/rooms/elsewhere/jobs", headers=bob)).status_code == 200
    assert ("bob", "lab", RoomAction.submit) in host.policy.asked
    assert ("alice", "lab", RoomAction.register) in host.policy.asked


async def test_a_host_policy_guards_socket_joins_and_only_linked_workers_hear_a_job(host: Host) -> None:
    async with httpx.AsyncClient(base_url=host.url, timeout=10) as client:
        job = await client.put(
            f"{JOBS}/rooms/lab/jobs", json={"category": "modifiers", "name": "Scan"}, headers={"X-User": "alice"}
        )
        bobs_worker = (await client.post(f"{JOBS}/workers", headers={"X-User": "bob"})).json()["id"]
    bob = socketio.AsyncClient()
    alice = socketio.AsyncClient()
    await bob.connect(host.url, auth={"token": "bob"}, transports=["websocket"])
    await alice.connect(host.url, auth={"token": "alice"}, transports=["websocket"])
    try:
        refused = await bob.call("join_room", {"room_id": "lab"}, timeout=10)
        assert refused == {
            "ok": False,
            "error": {"type": "/v1/problems/forbidden", "detail": refused["error"]["detail"]},
        }
        assert (await bob.call("join_room", {"room_id": "elsewhere"}, timeout=10)) == {"ok": True}
        unlinked = await bob.call(
            "join_job_room", {"job_name": job.json()["full_name"], "worker_id": bobs_worker}, timeout=10
        )
        assert unlinked["ok"] is False
        assert unlinked["error"]["type"] == "/v1/problems/forbidden"
        linked = await alice.call(
            "join_job_room", {"job_name": job.json()["full_name"], "worker_id": job.json()["worker_id"]}, timeout=10
        )
        assert linked == {"ok": True}
        assert (await alice.call("join_room", {"room_id": "lab"}, timeout=10)) == {"ok": True}
    finally:
        await asyncio.gather(bob.disconnect(), alice.disconnect())


async def test_only_a_superuser_follows_every_room_even_rooms_the_policy_hides_and_hears_each_event_once(
    host: Host,
) -> None:
    async with httpx.AsyncClient(base_url=host.url, timeout=10) as client:
        alice = {"X-User": "alice"}
        job = await client.put(f"{JOBS}/rooms/lab/jobs", json={"category": "modifiers", "name": "Scan"}, headers=alice)
        name = job.json()["full_name"]
        bob = socketio.AsyncClient()
        root = socketio.AsyncClient()
        heard: list[dict[str, Any]] = []
        root.on("task_status_event", heard.append)
        await bob.connect(host.url, auth={"token": "bob"}, transports=["websocket"])
        await root.connect(host.url, auth={"token": "root"}, transports=["websocket"])
        try:
            refused = await bob.call("join_all_rooms", {}, timeout=10)
            assert refused["ok"] is False
            assert refused["error"]["type"] == "/v1/problems/forbidden"
            invalid = await root.call("join_all_rooms", {"room_id": "lab"}, timeout=10)
            assert invalid["error"]["type"] == "/v1/problems/validation-error"
            assert (await root.call("join_all_rooms", {}, timeout=10)) == {"ok": True}
            assert (await root.call("join_room", {"room_id": "elsewhere"}, timeout=10)) == {"ok": True}
            other = (
                await client.put(
                    f"{JOBS}/rooms/elsewhere/jobs", json={"category": "modifiers", "name": "B"}, headers=alice
                )
            ).json()
            lab_task = (await client.post(f"{JOBS}/rooms/lab/tasks/{name}", json={}, headers=alice)).json()
            elsewhere_task = (
                await client.post(f"{JOBS}/rooms/elsewhere/tasks/{other['full_name']}", json={}, headers=alice)
            ).json()
            wanted = {lab_task["id"], elsewhere_task["id"]}
            await until(lambda: wanted <= {event["id"] for event in heard})
            await asyncio.sleep(0.3)  # a second copy (room:* and room:elsewhere) would have arrived by now
            assert sorted(event["id"] for event in heard) == sorted(wanted)

            assert (await root.call("leave_all_rooms", {}, timeout=10)) == {"ok": True}
            heard.clear()
            await client.post(f"{JOBS}/rooms/lab/tasks/{name}", json={}, headers=alice)
            still = (
                await client.post(f"{JOBS}/rooms/elsewhere/tasks/{other['full_name']}", json={}, headers=alice)
            ).json()
            await until(lambda: bool(heard))
            await asyncio.sleep(0.3)
            assert [event["id"] for event in heard] == [still["id"]]  # its own room only
        finally:
            await asyncio.gather(bob.disconnect(), root.disconnect())


async def until(condition: Callable[[], bool], seconds: float = 30) -> None:
    """Poll `condition` until it holds (generous deadline: the machine may be busy)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)
