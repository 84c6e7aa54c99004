"""`RealtimeConnection`: the Socket.IO connection of a `Client` (asyncapi.yaml).

It owns the python-socketio client: connecting with the bearer token, reconnecting after an
outage (python-socketio's own loop, forever, until `close`), validating server → client
events against the generated models in `_generated.events`, and turning a refused
acknowledgement into the same exception a REST problem of that `type` raises.

Frontend rooms (`join_room`) are counted and re-entered after every reconnect. Worker rooms
(`join_job_room`, `join_provider_room`) are not: a worker's socket dropping makes the server
clean the worker up, so re-entering them is the owner's business (the `JobManager` checks its
worker first and re-registers when it is gone).

Known limits: python-socketio runs each incoming event in its own thread, so two events may be
handled out of order; listeners must not rely on the order (the manager's only wake the claim
loop, the task watch re-reads the task).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

import socketio
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from . import errors
from ._generated import events
from ._generated.event_names import SERVER_EVENTS
from .connection import Client
from .retry import Backoff

log = logging.getLogger(__name__)

EVENT_MODELS: dict[str, type[BaseModel]] = SERVER_EVENTS
"""Server → client events and their payload models (generated from asyncapi.yaml)."""

ACK_TIMEOUT_DEFAULT = 15.0
"""Seconds to wait for the acknowledgement of a client → server event."""
CONNECT_TIMEOUT_DEFAULT = 30.0
"""Seconds `connect` keeps trying before it gives up."""

Listener = Callable[[Any], None]
ConnectionListener = Callable[[], None]


class RealtimeConnection:
    """One Socket.IO connection, shared by the manager's threads (thread-safe)."""

    def __init__(self, client: Client, *, ack_timeout: float = ACK_TIMEOUT_DEFAULT) -> None:
        self.client = client
        self.ack_timeout = ack_timeout
        self._sio = socketio.Client(
            reconnection=True,
            reconnection_attempts=0,  # forever; `close` stops it
            reconnection_delay=0.5,
            reconnection_delay_max=3.0,
            logger=False,
            engineio_logger=False,
        )
        self._lock = threading.Lock()
        self._listeners: defaultdict[str, list[Listener]] = defaultdict(list)
        self._on_reconnect: list[ConnectionListener] = []
        self._on_disconnect: list[ConnectionListener] = []
        self._frontend_rooms: Counter[str] = Counter()
        self._ever_connected = False
        self._closed = False
        self._last_connect_error: Any = None
        self._sio.on("connect", self._handle_connect)
        self._sio.on("connect_error", self._handle_connect_error)
        self._sio.on("disconnect", self._handle_disconnect)
        for name, model in EVENT_MODELS.items():
            self._sio.on(name, self._dispatcher(name, model))

    # -- connecting --

    @property
    def connected(self) -> bool:
        return bool(self._sio.connected)

    @property
    def ever_connected(self) -> bool:
        """True once `connect` succeeded: from then on python-socketio reconnects by itself."""
        return self._ever_connected

    def connect(self, *, timeout: float = CONNECT_TIMEOUT_DEFAULT, stop: threading.Event | None = None) -> None:
        """Connect, retrying with backoff for up to `timeout` seconds.

        Raises `errors.Unauthorized` when the server refuses the token and
        `errors.APIConnectionError` when it cannot be reached in time.
        """
        deadline = time.monotonic() + timeout
        delays = Backoff().delays()
        while True:
            if self._closed:
                raise errors.ManagerStopped("the realtime connection is closed")
            try:
                self._sio.connect(
                    self.client.socketio_url,
                    auth={"token": self.client.token},
                    transports=["websocket"],
                    socketio_path=self.client.socketio_path,
                    wait_timeout=10,
                )
            except socketio.exceptions.ConnectionError as exc:
                if "unauthorized" in f"{exc} {self._last_connect_error}".lower():
                    raise errors.Unauthorized("the server refused the token on the Socket.IO connection") from exc
                delay = next(delays)
                if time.monotonic() + delay > deadline:
                    raise errors.APIConnectionError(f"Socket.IO connection failed: {exc}") from exc
                log.warning("Socket.IO connection failed (%s); retrying in %.1f s", exc, delay)
                if stop is None:
                    time.sleep(delay)
                elif stop.wait(delay):
                    raise errors.ManagerStopped("stopped while connecting") from exc
            else:
                return

    def close(self) -> None:
        """Disconnect and stop reconnecting. Idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        try:
            self._sio.shutdown()
        except Exception:  # a transport already gone may raise anything; closing must not
            log.debug("Socket.IO shutdown raised", exc_info=True)

    # -- listening --

    def on(self, event: str, listener: Listener) -> Callable[[], None]:
        """Call `listener(model)` for each valid `event`; returns a function that unsubscribes."""
        if event not in EVENT_MODELS:
            raise ValueError(f"unknown server event {event!r}; known: {sorted(EVENT_MODELS)}")
        with self._lock:
            self._listeners[event].append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners[event]:
                    self._listeners[event].remove(listener)

        return unsubscribe

    def on_reconnect(self, listener: ConnectionListener) -> None:
        """Call `listener()` after every reconnection (not the first connection), in its own
        thread, once the frontend rooms are re-entered."""
        with self._lock:
            self._on_reconnect.append(listener)

    def on_disconnect(self, listener: ConnectionListener) -> None:
        """Call `listener()` when the connection drops (not after `close`)."""
        with self._lock:
            self._on_disconnect.append(listener)

    def _dispatcher(self, name: str, model: type[BaseModel]) -> Callable[[Any], None]:
        def dispatch(data: Any = None) -> None:
            try:
                payload = model.model_validate(data)
            except PydanticValidationError as exc:
                log.warning("dropped a %s event that does not match the contract: %s", name, exc)
                return
            with self._lock:
                listeners = list(self._listeners[name])
            for listener in listeners:
                _safely(listener, payload, what=f"{name} listener")

        return dispatch

    def _handle_connect(self) -> None:
        if not self._ever_connected:
            self._ever_connected = True
            return
        with self._lock:
            listeners = list(self._on_reconnect)
            rooms = list(self._frontend_rooms)
        # ack round-trips must not block the Socket.IO thread that delivered this event
        self._sio.start_background_task(self._after_reconnect, rooms, listeners)

    def _handle_connect_error(self, data: Any = None) -> None:
        self._last_connect_error = data

    def _after_reconnect(self, rooms: list[str], listeners: list[ConnectionListener]) -> None:
        for room_id in rooms:
            try:
                self.request("join_room", events.JoinRoom(room_id=room_id))
            except errors.JobLibError as exc:
                log.warning("could not re-enter room %s after reconnecting: %s", room_id, exc)
        for listener in listeners:
            _safely(listener, what="reconnect listener")

    def _handle_disconnect(self, *_reason: Any) -> None:
        self._release_dropped_websocket()
        if self._closed:
            return
        with self._lock:
            listeners = list(self._on_disconnect)
        for listener in listeners:
            _safely(listener, what="disconnect listener")

    def _release_dropped_websocket(self) -> None:
        """Close the socket of a websocket that dropped.

        python-engineio 4.x ends its read loop on a dropped websocket without closing it, and
        connects a new one on reconnect: each outage would leak a file descriptor until the
        garbage collector finds it. At this point (the read loop's disconnect event, the write
        loop already joined) nobody else uses the old websocket.
        """
        eio = self._sio.eio
        ws = getattr(eio, "ws", None)
        if ws is None or getattr(eio, "state", None) != "connected":
            return  # a disconnect we asked for: engineio closes the websocket itself
        try:
            ws.shutdown()
        except Exception:  # the transport is already broken; closing is best effort
            log.debug("closing a dropped websocket raised", exc_info=True)

    # -- requests --

    def request(self, event: str, payload: BaseModel, *, timeout: float | None = None) -> None:
        """Send a client → server event and wait up to `timeout` seconds (default `ack_timeout`)
        for its ack; a refusal raises its problem."""
        wait = self.ack_timeout if timeout is None else timeout
        try:
            ack = self._sio.call(event, payload.model_dump(mode="json"), timeout=wait)
        except socketio.exceptions.TimeoutError as exc:
            raise errors.APIConnectionError(f"no acknowledgement of {event} within {wait} s") from exc
        except socketio.exceptions.SocketIOError as exc:  # not connected, namespace gone
            raise errors.APIConnectionError(f"{event} not sent: {exc}") from exc
        try:
            parsed = events.Ack.model_validate(ack)
        except PydanticValidationError as exc:
            raise errors.UnexpectedResponse(f"{event} was answered with {ack!r}") from exc
        if not parsed.ok:
            error = getattr(parsed, "error", None)
            raise errors.from_ack_error(error.model_dump() if isinstance(error, BaseModel) else None)

    def join_room(self, room_id: str) -> None:
        """Receive the room's frontend events (`task_status_event`, …); counted, so nested
        joins and leaves of one room by several watchers keep it joined until the last leave."""
        with self._lock:
            self._frontend_rooms[room_id] += 1
            first = self._frontend_rooms[room_id] == 1
        if first:
            try:
                self.request("join_room", events.JoinRoom(room_id=room_id))
            except errors.JobLibError:
                with self._lock:
                    self._frontend_rooms[room_id] -= 1
                    if self._frontend_rooms[room_id] <= 0:
                        del self._frontend_rooms[room_id]
                raise

    def leave_room(self, room_id: str) -> None:
        """Undo one `join_room`."""
        with self._lock:
            if self._frontend_rooms[room_id] <= 0:
                self._frontend_rooms.pop(room_id, None)
                return
            self._frontend_rooms[room_id] -= 1
            last = self._frontend_rooms[room_id] == 0
            if last:
                del self._frontend_rooms[room_id]
        if last and self.connected:
            try:
                self.request("leave_room", events.LeaveRoom(room_id=room_id))
            except errors.JobLibError as exc:
                log.debug("leave_room %s: %s", room_id, exc)


def _safely(listener: Callable[..., None], *args: Any, what: str) -> None:
    """Run a listener; an exception is logged, never raised into python-socketio's threads."""
    try:
        listener(*args)
    except Exception:
        log.exception("%s failed", what)
