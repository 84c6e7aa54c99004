"""The Socket.IO API of asyncapi.yaml: connect-time auth, room membership, worker disconnect cleanup.

Every client → server event (`CLIENT_EVENTS`, generated from asyncapi.yaml) is answered with an
`Ack`; a payload that does not match its schema, an unknown job or provider, a worker of
another user, or a room the policy refuses is refused in the ack, never with an exception. The
checks are the services' own (`owned_worker`, the room policy), run in a `Context` like a
request. A socket that joined a job or provider room as a worker counts as one of that worker's
connections; when the last of them (on this process) disconnects, the worker gets the same
cleanup as `DELETE /workers/{id}` — unless the server itself is shutting down.

Known limit: connections are counted per process. With several replicas, a worker whose old
socket disconnects on replica A while a new one is already open on replica B is cleaned up;
it must re-register (the Python SDK does).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from typing import Any
from uuid import UUID

import socketio
from pydantic import BaseModel, ValidationError

from . import announce, faults, metrics, names, problems
from ._generated import events
from ._generated.event_names import CLIENT_EVENTS
from .access import RoomAction
from .cleanup import clean_up_worker
from .context import Context, Runtime, unit_of_work
from .realtime.rooms import ALL_FRONTEND_ROOMS, frontend_room, job_room, provider_room, worker_room
from .services.workers import owned_worker
from .store import jobs as job_store
from .store import providers as provider_store
from .task_states import Actor

log = logging.getLogger(__name__)

Identify = Callable[[str | None], Awaitable[Any]]
"""Token → an identity with `.id` and `.is_superuser`, or None (the standalone `Authenticator.identify`)."""

UNAUTHORIZED = "unauthorized"


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
        handlers: dict[str, Callable[[str, Any], Awaitable[None]]] = {
            "join_room": self.join_room,
            "leave_room": self.leave_room,
            "join_all_rooms": self.join_all_rooms,
            "leave_all_rooms": self.leave_all_rooms,
            "join_job_room": self.join_job_room,
            "leave_job_room": self.leave_job_room,
            "join_provider_room": self.join_provider_room,
            "leave_provider_room": self.leave_provider_room,
        }
        if set(handlers) != set(CLIENT_EVENTS):  # asyncapi.yaml gained or lost a client event
            raise RuntimeError(f"handlers {sorted(handlers)} differ from asyncapi.yaml's {sorted(CLIENT_EVENTS)}")
        for event, handler in handlers.items():
            self.sio.on(event, self._acknowledged(CLIENT_EVENTS[event], handler))

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
            except Exception as exc:
                dependency = faults.unavailable_dependency(exc)
                if dependency is not None:  # a join changes nothing: asking again is safe
                    return refused(faults.unavailable(dependency, safe_to_retry=True))
                log.exception("socket handler %s failed", model.__name__)
                return refused(problems.InternalError())
            return ok()

        return run

    @contextlib.asynccontextmanager
    async def _context(self, sid: str) -> AsyncIterator[Context]:
        """A request-like context for the socket's user, for the services' checks."""
        session_data: dict[str, Any] = await self.sio.get_session(sid)
        async with self.runtime.session() as session:
            yield Context(session=session, actor=session_data["actor"], runtime=self.runtime)

    # -- connection --

    async def connect(self, sid: str, _environ: dict[str, Any], auth: Any = None) -> None:
        token = auth.get("token") if isinstance(auth, dict) else None
        identity = await self.identify(token if isinstance(token, str) else None)
        if identity is None:
            raise socketio.exceptions.ConnectionRefusedError(UNAUTHORIZED)
        actor = Actor(user_id=identity.id, is_superuser=bool(identity.is_superuser), identity=identity)
        await self.sio.save_session(sid, {"actor": actor, "workers": set()})
        metrics.SOCKET_CONNECTIONS.inc()  # a refused connection never counts, so never uncounts

    async def disconnect(self, sid: str, *_reason: Any) -> None:
        try:
            session = await self.sio.get_session(sid)
        except KeyError:
            return
        metrics.SOCKET_CONNECTIONS.dec()
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

    def _background(self, work: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(work, name=name)
        self.cleanups.add(task)
        task.add_done_callback(self.cleanups.discard)

    async def _clean_up(self, worker_id: UUID) -> None:
        try:
            async with self.runtime.session() as session, unit_of_work(session, self.runtime) as outbox:
                await clean_up_worker(session, outbox, worker_id=worker_id, now=self.runtime.clock())
        except Exception:
            log.exception("cleanup of worker %s after its disconnect failed; the sweeper will retry", worker_id)

    # -- frontends --

    async def join_room(self, sid: str, payload: events.JoinRoom) -> None:
        room_id = names.check_room_id(payload.room_id)
        async with self._context(sid) as ctx:
            await ctx.require_room(room_id, RoomAction.read)
        await self.sio.enter_room(sid, frontend_room(room_id))

    async def leave_room(self, sid: str, payload: events.LeaveRoom) -> None:
        await self.sio.leave_room(sid, frontend_room(payload.room_id))

    async def join_all_rooms(self, sid: str, _payload: events.JoinAllRooms) -> None:
        """The operator's view: every room's events, for superusers only (a host's room policy
        cannot be asked about rooms it has never heard of, so nobody else may)."""
        session_data: dict[str, Any] = await self.sio.get_session(sid)
        actor: Actor = session_data["actor"]
        if not actor.is_superuser:
            raise problems.Forbidden("Only superusers may follow every room.")
        await self.sio.enter_room(sid, ALL_FRONTEND_ROOMS)

    async def leave_all_rooms(self, sid: str, _payload: events.LeaveAllRooms) -> None:
        await self.sio.leave_room(sid, ALL_FRONTEND_ROOMS)

    # -- workers --

    async def _attach(self, sid: str, worker_id: UUID) -> None:
        """The socket now counts as one of the worker's connections, and hears its own events."""
        session_data: dict[str, Any] = await self.sio.get_session(sid)
        session_data["workers"].add(worker_id)
        self.sockets_of_worker[worker_id].add(sid)
        await self.sio.enter_room(sid, worker_room(worker_id))

    async def join_job_room(self, sid: str, payload: events.JoinJobRoom) -> None:
        async with self._context(sid) as ctx:
            await owned_worker(ctx, payload.worker_id)
            job = await job_store.job_get_by_full_name(ctx.session, full_name=payload.job_name)
            if job is None:
                raise problems.JobNotFound(f"No job {payload.job_name!r}.")
            if not await job_store.link_exists(ctx.session, worker_id=payload.worker_id, job_id=job["id"]):
                raise problems.Forbidden(
                    f"Worker {payload.worker_id} does not serve {payload.job_name!r}; register it for the job first."
                )
        await self._attach(sid, payload.worker_id)
        await self.sio.enter_room(sid, job_room(payload.job_name))

    async def leave_job_room(self, sid: str, payload: events.LeaveJobRoom) -> None:
        await self.sio.leave_room(sid, job_room(payload.job_name))

    async def join_provider_room(self, sid: str, payload: events.JoinProviderRoom) -> None:
        async with self._context(sid) as ctx:
            await owned_worker(ctx, payload.worker_id)
            provider = await provider_store.provider_get_by_full_name(ctx.session, full_name=payload.provider_name)
        if provider is None:
            raise problems.ProviderNotFound(f"No provider {payload.provider_name!r}.")
        if provider["worker_id"] != payload.worker_id:
            raise problems.Forbidden(f"Provider {payload.provider_name!r} is served by another worker.")
        await self._attach(sid, payload.worker_id)
        await self.sio.enter_room(sid, provider_room(payload.provider_name))
        # After the ack (this task runs once the handler has returned and the ack is queued).
        self._background(self._send_inflight(sid, provider["id"], payload.provider_name), f"inflight-{sid}")

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
            event, payload = announce.provider_request_payload(
                provider_name=provider_name, request_hash=key.split(":", 1)[1], params=params
            )
            await self.sio.emit(event, payload, to=sid)

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
