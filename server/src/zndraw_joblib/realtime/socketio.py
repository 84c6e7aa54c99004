"""The Socket.IO API of asyncapi.yaml: connect-time auth, room membership, worker disconnect cleanup.

Every client → server event is answered with an `Ack`; a payload that does not match its
schema, an unknown job or provider, or a worker of another user is refused in the ack, never
with an exception. A socket that joined a job or provider room as a worker counts as one of
that worker's connections; when the last of them (on this process) disconnects, the worker
gets the same cleanup as `DELETE /workers/{id}`.

Known limit: connections are counted per process. With several replicas, a worker whose old
socket disconnects on replica A while a new one is already open on replica B is cleaned up;
it must re-register (the Python SDK does).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any
from uuid import UUID

import socketio
from pydantic import BaseModel, ValidationError

from zndraw_joblib import names, problems
from zndraw_joblib._generated import events
from zndraw_joblib.access import RoomAction, require_room
from zndraw_joblib.cleanup import clean_up_worker
from zndraw_joblib.context import Runtime, unit_of_work
from zndraw_joblib.realtime.emit import Emission
from zndraw_joblib.realtime.rooms import frontend_room, job_room, provider_room
from zndraw_joblib.store import jobs as job_store
from zndraw_joblib.store import providers as provider_store
from zndraw_joblib.store import workers as worker_store
from zndraw_joblib.task_states import Actor

log = logging.getLogger(__name__)

Identify = Callable[[str | None], Awaitable[Any]]
"""Token → an identity with `.id` and `.is_superuser`, or None (the standalone `Authenticator.identify`)."""

SOCKETIO_PATH = "socket.io"
SOCKETIO_CHANNEL = "zndraw-joblib:socketio"  # the Redis channel of AsyncRedisManager: replicas and workers agree
UNAUTHORIZED = "unauthorized"


class SocketIOEmitter:
    """Sends emissions to Socket.IO rooms (across replicas when the server has a Redis manager)."""

    def __init__(self, sio: socketio.AsyncServer) -> None:
        self.sio = sio

    async def emit(self, emissions: Sequence[Emission]) -> None:
        for emission in emissions:
            await self.sio.emit(emission.name, emission.payload(), room=emission.room)


class ManagerEmitter:
    """Emits through a write-only Redis client manager: processes without a Socket.IO server
    (the taskiq worker of internal jobs) reach the sockets connected to any replica."""

    def __init__(self, manager: socketio.AsyncRedisManager) -> None:
        self.manager = manager

    async def emit(self, emissions: Sequence[Emission]) -> None:
        for emission in emissions:
            await self.manager.emit(emission.name, emission.payload(), namespace="/", room=emission.room)


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


def ok() -> dict[str, Any]:
    return {"ok": True}


def refused(problem: problems.Problem) -> dict[str, Any]:
    return {"ok": False, "error": {"type": problem.type, "detail": problem.detail or problem.title}}


def _validation_detail(exc: ValidationError) -> str:
    first = exc.errors(include_url=False)[0]
    where = ".".join(str(p) for p in first["loc"]) or "payload"
    return f"{where}: {first['msg']} ({exc.error_count()} error(s))"


class SocketHandlers:
    """The handlers of one server, bound to a runtime; `install` registers them on an AsyncServer."""

    def __init__(self, sio: socketio.AsyncServer, runtime: Runtime, identify: Identify) -> None:
        self.sio = sio
        self.runtime = runtime
        self.identify = identify
        self.sockets_of_worker: defaultdict[UUID, set[str]] = defaultdict(set)
        self.cleanups: set[asyncio.Task[None]] = set()
        self.stopping = False
        """Set at shutdown: sockets closed by the server leaving are not workers leaving."""

    def install(self) -> None:
        self.sio.on("connect", self.connect)
        self.sio.on("disconnect", self.disconnect)
        for event, model, handler in (
            ("join_room", events.JoinRoom, self.join_room),
            ("leave_room", events.LeaveRoom, self.leave_room),
            ("join_job_room", events.JoinJobRoom, self.join_job_room),
            ("leave_job_room", events.LeaveJobRoom, self.leave_job_room),
            ("join_provider_room", events.JoinProviderRoom, self.join_provider_room),
            ("leave_provider_room", events.LeaveProviderRoom, self.leave_provider_room),
        ):
            self.sio.on(event, self._acknowledged(model, handler))

    def _acknowledged(
        self, model: type[BaseModel], handler: Callable[[str, Any], Awaitable[None]]
    ) -> Callable[..., Awaitable[dict[str, Any]]]:
        async def run(sid: str, data: Any = None) -> dict[str, Any]:
            try:
                payload = model.model_validate(data, by_alias=True, by_name=False)
            except ValidationError as exc:
                return refused(problems.ValidationFailed([], detail=_validation_detail(exc)))
            try:
                await handler(sid, payload)
            except problems.Problem as problem:
                return refused(problem)
            except Exception:
                log.exception("socket handler %s failed", model.__name__)
                return refused(problems.InternalError())
            return ok()

        return run

    # -- connection --

    async def connect(self, sid: str, _environ: dict[str, Any], auth: Any = None) -> None:
        token = auth.get("token") if isinstance(auth, dict) else None
        identity = await self.identify(token if isinstance(token, str) else None)
        if identity is None:
            raise socketio.exceptions.ConnectionRefusedError(UNAUTHORIZED)
        actor = Actor(user_id=identity.id, is_superuser=bool(identity.is_superuser), identity=identity)
        await self.sio.save_session(
            sid, {"user_id": identity.id, "is_superuser": actor.is_superuser, "actor": actor, "workers": set()}
        )

    async def disconnect(self, sid: str, *_reason: Any) -> None:
        try:
            session = await self.sio.get_session(sid)
        except KeyError:
            return
        if self.stopping:  # the server leaves, not the worker: it reconnects, or the sweeper decides
            return
        for worker_id in session.get("workers", ()):
            sockets = self.sockets_of_worker.get(worker_id)
            if sockets is None:
                continue
            sockets.discard(sid)
            if not sockets:
                del self.sockets_of_worker[worker_id]
                self._background(self._clean_up(worker_id), f"cleanup-{worker_id}")

    async def _clean_up(self, worker_id: UUID) -> None:
        try:
            async with self.runtime.session() as session, unit_of_work(session, self.runtime) as outbox:
                await clean_up_worker(session, outbox, worker_id=worker_id, now=self.runtime.clock())
        except Exception:
            log.exception("cleanup of worker %s after its disconnect failed; the sweeper will retry", worker_id)

    # -- frontends --

    async def join_room(self, sid: str, payload: events.JoinRoom) -> None:
        room_id = names.check_room_id(payload.room_id)
        session_data: dict[str, Any] = await self.sio.get_session(sid)
        await require_room(self.runtime.room_policy, session_data["actor"], room_id, RoomAction.read)
        await self.sio.enter_room(sid, frontend_room(room_id))

    async def leave_room(self, sid: str, payload: events.LeaveRoom) -> None:
        await self.sio.leave_room(sid, frontend_room(payload.room_id))

    # -- workers --

    async def _owned_worker(self, sid: str, worker_id: UUID) -> dict[str, Any]:
        session_data: dict[str, Any] = await self.sio.get_session(sid)
        async with self.runtime.session() as session:
            worker = await worker_store.worker_get(session, worker_id=worker_id)
        if worker is None:
            raise problems.WorkerNotFound(f"No worker {worker_id}.")
        if worker["user_id"] != session_data["user_id"]:
            raise problems.Forbidden(f"Worker {worker_id} belongs to another user.")
        return session_data

    def _attach(self, sid: str, session_data: dict[str, Any], worker_id: UUID) -> None:
        session_data["workers"].add(worker_id)
        self.sockets_of_worker[worker_id].add(sid)

    async def join_job_room(self, sid: str, payload: events.JoinJobRoom) -> None:
        session_data = await self._owned_worker(sid, payload.worker_id)
        async with self.runtime.session() as session:
            job = await job_store.job_get_by_full_name(session, full_name=payload.job_name)
            linked = job is not None and await job_store.link_exists(
                session, worker_id=payload.worker_id, job_id=job["id"]
            )
        if job is None:
            raise problems.JobNotFound(f"No job {payload.job_name!r}.")
        if not linked:
            raise problems.Forbidden(
                f"Worker {payload.worker_id} does not serve {payload.job_name!r}; register it for the job first."
            )
        self._attach(sid, session_data, payload.worker_id)
        await self.sio.enter_room(sid, job_room(payload.job_name))

    async def leave_job_room(self, sid: str, payload: events.LeaveJobRoom) -> None:
        await self.sio.leave_room(sid, job_room(payload.job_name))

    async def join_provider_room(self, sid: str, payload: events.JoinProviderRoom) -> None:
        session_data = await self._owned_worker(sid, payload.worker_id)
        async with self.runtime.session() as session:
            provider = await provider_store.provider_get_by_full_name(session, full_name=payload.provider_name)
        if provider is None:
            raise problems.ProviderNotFound(f"No provider {payload.provider_name!r}.")
        if provider["worker_id"] != payload.worker_id:
            raise problems.Forbidden(f"Provider {payload.provider_name!r} is served by another worker.")
        self._attach(sid, session_data, payload.worker_id)
        await self.sio.enter_room(sid, provider_room(payload.provider_name))
        # After the ack (this task runs once the handler has returned and the ack is queued).
        self._background(self._send_inflight(sid, provider["id"], payload.provider_name), f"inflight-{sid}")

    def _background(self, work: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(work, name=name)
        self.cleanups.add(task)
        task.add_done_callback(self.cleanups.discard)

    async def _send_inflight(self, sid: str, provider_id: UUID, provider_name: str) -> None:
        """The reads still waiting for this provider: a provider that joined after a read's
        `provider_request` was emitted (to an empty room) answers them now, not after the lock expires."""
        if self.runtime.results is None:
            return
        try:
            held = await self.runtime.results.inflight(f"{provider_id}:")
        except Exception as exc:  # the readers still ask again each interval
            log.warning("could not list the reads waiting for %s: %s", provider_name, exc)
            return
        for key, params in held:
            if not params.startswith("{"):
                continue  # a lock taken before locks kept their parameters
            digest = key.split(":", 1)[1]
            request = events.ProviderRequest(request_id=digest, provider_name=provider_name, params=params)
            await self.sio.emit(Emission(request, "").name, request.model_dump(mode="json"), to=sid)

    async def leave_provider_room(self, sid: str, payload: events.LeaveProviderRoom) -> None:
        await self.sio.leave_room(sid, provider_room(payload.provider_name))

    async def close_all(self) -> None:
        """Shutdown: disconnect every socket without treating its worker as gone."""
        self.stopping = True
        if self.sio.eio.sockets:  # engine.io waits on an empty set of tasks otherwise, and fails
            await self.sio.eio.disconnect()

    async def drain(self) -> None:
        """Wait for disconnect cleanups in flight (shutdown, tests)."""
        if self.cleanups:
            await asyncio.gather(*list(self.cleanups), return_exceptions=True)
