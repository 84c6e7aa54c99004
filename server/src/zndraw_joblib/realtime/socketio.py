"""Socket.IO plumbing: the server object, its ASGI mount, the emitters, its shutdown.

The handlers of asyncapi.yaml's client → server events live in `zndraw_joblib.sockets`; this
module only knows how events reach sockets (in-process, or across replicas through Redis).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence

import socketio

from .emit import Emission
from .rooms import audience

SOCKETIO_PATH = "socket.io"
SOCKETIO_CHANNEL = "zndraw-joblib:socketio"  # the Redis channel of AsyncRedisManager: replicas and workers agree


class SocketIOEmitter:
    """Sends emissions to Socket.IO rooms (across replicas when the server has a Redis manager)."""

    def __init__(self, sio: socketio.AsyncServer) -> None:
        self.sio = sio
        # Without a Redis manager an emit only queues packets for this process's sockets.
        self.local = type(sio.manager) is socketio.AsyncManager

    async def emit(self, emissions: Sequence[Emission]) -> None:
        for emission in emissions:
            rooms = audience(emission.room)
            if self.local and not self._heard(rooms):
                continue  # nobody to send it to: spare building and encoding the packet
            await self.sio.emit(emission.name, emission.payload(), room=rooms)

    def _heard(self, rooms: str | list[str]) -> bool:
        """Whether a socket of this process is in one of `rooms` (all sockets are, when local)."""
        return next(iter(self.sio.manager.get_participants("/", rooms)), None) is not None


class ManagerEmitter:
    """Emits through a write-only Redis client manager: processes without a Socket.IO server
    (the taskiq worker of internal jobs) reach the sockets connected to any replica."""

    def __init__(self, manager: socketio.AsyncRedisManager) -> None:
        self.manager = manager

    async def emit(self, emissions: Sequence[Emission]) -> None:
        for emission in emissions:
            await self.manager.emit(emission.name, emission.payload(), namespace="/", room=audience(emission.room))


def create_server(
    *, client_manager: socketio.AsyncManager | None = None, cors_origins: Sequence[str] = ()
) -> socketio.AsyncServer:
    return socketio.AsyncServer(
        async_mode="asgi",
        client_manager=client_manager,
        cors_allowed_origins=list(cors_origins) or [],
        logger=False,
        engineio_logger=False,
    )


async def shutdown_server(sio: socketio.AsyncServer) -> None:
    """Stop Socket.IO's background work, including a Redis client manager's listener.

    python-socketio's `AsyncRedisManager` has no close: its listener task and Redis connection
    would outlive the app (a leaked socket per app start). Stopped here explicitly.
    """
    await sio.shutdown()
    manager = sio.manager
    listener = getattr(manager, "thread", None)
    if isinstance(listener, asyncio.Task):
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await listener
    for resource in (getattr(manager, "pubsub", None), getattr(manager, "redis", None)):
        if resource is not None:
            with contextlib.suppress(Exception):
                await resource.aclose()


def asgi_app(sio: socketio.AsyncServer) -> socketio.ASGIApp:
    """The ASGI app to mount at `/socket.io` of the FastAPI app."""
    return socketio.ASGIApp(sio, socketio_path=SOCKETIO_PATH)
