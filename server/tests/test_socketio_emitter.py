"""The Socket.IO emitter of the standalone server: what a room with no listener costs.

Without a Redis manager every socket is in this process, so an emission to rooms no socket is
in reaches nobody: the emitter skips it before building and encoding the packet. With a Redis
manager another replica may hold the listeners, so nothing is skipped there.
"""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import uuid4

import socketio

from zndraw_joblib._generated import events
from zndraw_joblib.realtime.emit import Emission
from zndraw_joblib.realtime.rooms import ALL_FRONTEND_ROOMS, frontend_room
from zndraw_joblib.realtime.socketio import SocketIOEmitter

BUILT: list[str] = []


class CountedEmission(Emission):
    """An emission that notes each time its payload is built."""

    def payload(self) -> dict[str, Any]:
        BUILT.append(self.name)
        return super().payload()


def emission(room_id: str) -> CountedEmission:
    event = events.TasksSubmitted(name="@global:modifiers:a", room_id=room_id, task_ids=[uuid4()])
    return CountedEmission(event, frontend_room(room_id))


async def test_an_emission_nobody_listens_to_is_not_built() -> None:
    BUILT.clear()
    emitter = SocketIOEmitter(socketio.AsyncServer(async_mode="asgi"))
    await emitter.emit([emission("lab")])
    assert BUILT == []


async def test_an_emission_to_a_room_with_a_socket_is_built_and_sent() -> None:
    BUILT.clear()
    sio = socketio.AsyncServer(async_mode="asgi")
    sent: list[tuple[str, str]] = []

    async def send_eio_packet(eio_sid: str, packet: Any) -> None:
        sent.append((eio_sid, packet.data))

    sio._send_eio_packet = send_eio_packet  # type: ignore[method-assign]  # record instead of a socket
    sid = await sio.manager.connect("eio-1", "/")
    await sio.manager.enter_room(sid, "/", ALL_FRONTEND_ROOMS, eio_sid="eio-1")  # a dashboard following every room
    await SocketIOEmitter(sio).emit([emission("lab")])
    await asyncio.sleep(0)  # python-socketio sends from a task per recipient
    assert BUILT == ["tasks_submitted"]
    assert [eio for eio, _ in sent] == ["eio-1"]


async def test_with_a_redis_manager_nothing_is_skipped() -> None:
    manager = socketio.AsyncRedisManager("redis://127.0.0.1:1", write_only=True)
    assert SocketIOEmitter(socketio.AsyncServer(async_mode="asgi", client_manager=manager)).local is False
