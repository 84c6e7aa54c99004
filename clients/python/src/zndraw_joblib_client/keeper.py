"""`Keeper`: keeps the worker alive on the server and decides what a failure means.

It runs as the manager's *keeper* thread: a heartbeat every `heartbeat_interval` seconds and,
after an interruption (no answer, a dropped socket), a resynchronisation — check the worker,
register everything again under a new worker if the server cleaned it up, re-enter the
Socket.IO rooms. The claim loop reports its failures here too, so one place decides:

- no answer → keep trying; after `max_unreachable_seconds` of silence → stop (`UNREACHABLE`);
- 404/403 for our worker while in touch → stop (`WORKER_GONE`): someone deleted it;
- 404/403 after an interruption → resynchronise (see `contact.Contact`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import StrEnum

from . import errors
from .contact import Contact
from .realtime import RealtimeConnection
from .retry import TRANSIENT, Backoff
from .worker import WorkerSession

log = logging.getLogger(__name__)


class StopReason(StrEnum):
    """Why a manager stopped."""

    DISCONNECTED = "disconnected"  # `disconnect()`, a context-manager exit, or a signal in `wait()`
    WORKER_GONE = "worker-gone"  # the server deleted our worker while we were in touch
    UNREACHABLE = "unreachable"  # no answer from the server for `max_unreachable_seconds`
    ERROR = "error"  # a background thread hit an unexpected exception (a bug: see the log)


class Keeper:
    """Heartbeats and resynchronisation; thread-safe entry points for the other threads."""

    def __init__(
        self,
        session: WorkerSession,
        realtime: RealtimeConnection | None,
        *,
        heartbeat_interval: float,
        max_unreachable_seconds: float,
        stop: Callable[[StopReason], None],
        resynchronised: Callable[[], None],
        stopping: threading.Event,
    ) -> None:
        """`stop(reason)` ends the manager; `resynchronised()` runs after each resync (the
        claim loop looks for tasks submitted meanwhile); `stopping` ends the loop."""
        self.session = session
        self.realtime = realtime
        self.heartbeat_interval = heartbeat_interval
        self.max_unreachable_seconds = max_unreachable_seconds
        self.contact = Contact()
        self._stop = stop
        self._resynchronised = resynchronised
        self._stopping = stopping
        self._wake = threading.Event()
        self._resync_requested = threading.Event()

    def run(self) -> None:
        """The keeper thread: until the manager stops."""
        pause = self.heartbeat_interval
        delays = Backoff().delays()
        while not self._stopping.is_set():
            self._wake.wait(pause)
            self._wake.clear()
            if self._stopping.is_set():
                return
            done = self._resync() if self._resync_requested.is_set() else self._beat()
            if done:
                pause, delays = self.heartbeat_interval, Backoff().delays()
            else:
                pause = min(next(delays), self.heartbeat_interval)

    def wake(self) -> None:
        """End the current pause (the manager is stopping, or a resync is due)."""
        self._wake.set()

    # -- reports from the other threads --

    def request_resync(self) -> None:
        """Check the worker now (after a reconnect, or a 404 after an interruption)."""
        self._resync_requested.set()
        self._wake.set()

    def socket_dropped(self) -> None:
        """The Socket.IO connection dropped; the reconnect will ask for the resync."""
        self.contact.dropped()
        self._resync_requested.set()

    def answered(self) -> None:
        self.contact.answered()

    def worker_missing(self) -> None:
        """The server answered 404/403 for our worker."""
        self.contact.answered()
        if self.contact.interrupted or self._resync_requested.is_set():
            self.request_resync()
        else:
            log.warning("worker %s was deleted on the server; stopping", self.session.worker_id)
            self._stop(StopReason.WORKER_GONE)

    def unreachable(self, exc: errors.JobLibError, what: str) -> float:
        """A call got no answer; stop once the server was silent too long. Returns a pause (s)."""
        silent = self.contact.failed()
        self._resync_requested.set()
        if silent > self.max_unreachable_seconds:
            log.error("no answer from the server for %.0f s (%s); stopping", silent, exc)
            self._stop(StopReason.UNREACHABLE)
            return 0.0
        log.warning("%s failed (%s); server silent for %.1f s", what, exc, silent)
        return min(self.heartbeat_interval, 1.0 + silent / 4)

    # -- the two duties --

    def _beat(self) -> bool:
        try:
            self.session.heartbeat()
        except (errors.WorkerNotFound, errors.Forbidden):
            self.worker_missing()
            return False
        except TRANSIENT as exc:
            self.unreachable(exc, "heartbeat")
            return False
        except errors.JobLibError as exc:
            log.warning("heartbeat failed: %s", exc)
            return False
        self.contact.answered()
        return True

    def _resync(self) -> bool:
        """Check the worker after an interruption; re-create it if the server cleaned it up."""
        if self.realtime is not None and not self.realtime.connected:
            # the reconnect listener asks again once the socket is back; meanwhile keep the
            # worker alive and the outage counted
            self._beat()
            return False
        try:
            try:
                self.session.heartbeat()
                self.session.join_rooms()
            except (errors.WorkerNotFound, errors.Forbidden):
                old = self.session.worker_id
                new = self.session.recreate()
                log.warning("worker %s was cleaned up during an outage; registered again as %s", old, new)
        except TRANSIENT as exc:
            self.unreachable(exc, "resync")
            return False
        except errors.JobLibError as exc:
            log.error("could not register again after an outage: %s", exc)
            self._stop(StopReason.WORKER_GONE)
            return False
        self._resync_requested.clear()
        self.contact.resynchronised()
        self._resynchronised()
        return True
