"""How a `JobManager` stops: by itself from a background thread, by `disconnect()`, or on a
signal while `wait()` blocks; and the shutdown all three end in (idempotent, thread-safe).

A mixin of `JobManager`: it uses the manager's threads, locks and parts declared below.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from types import FrameType, TracebackType
from typing import Any, Self

from . import errors
from .claims import Claims
from .keeper import Keeper, StopReason
from .progress import ProgressReporter
from .realtime import RealtimeConnection
from .worker import WorkerSession

log = logging.getLogger("zndraw_joblib_client.manager")  # the manager's logger: users filter on its name


class Stopping:
    """The stop and shutdown half of `JobManager`."""

    shutdown_timeout: float
    claims: Claims
    keeper: Keeper
    reporter: ProgressReporter
    session: WorkerSession
    realtime: RealtimeConnection | None
    _start_lock: threading.Lock
    _shutdown_lock: threading.Lock
    _stopping: threading.Event
    _closed: threading.Event
    _stop_reason: StopReason | None
    _threads: list[threading.Thread]

    def _request_stop(self, reason: StopReason) -> None:
        """Stop from a background thread: the closer thread shuts down (the worker is not deleted)."""
        if not self._claim_stop(reason):
            return
        threading.Thread(
            target=self._shutdown, kwargs={"delete_worker": False}, name="zndraw-joblib-closer", daemon=True
        ).start()

    def _claim_stop(self, reason: StopReason) -> bool:
        with self._start_lock:
            if self._stopping.is_set():
                return False
            self._stop_reason = reason
            self._stopping.set()
        self.claims.wake()
        self.keeper.wake()
        return True

    def disconnect(self) -> None:
        """Stop the threads, leave the rooms, DELETE the worker, close the socket.

        Idempotent and thread-safe: later and concurrent calls return once the first is done.
        Tasks this worker still holds are failed by the server ("Worker disconnected").
        """
        self._claim_stop(StopReason.DISCONNECTED)
        self._shutdown(delete_worker=True)

    def _shutdown(self, *, delete_worker: bool) -> None:
        with self._shutdown_lock:
            if self._closed.is_set():
                return
            try:
                current = threading.current_thread()
                for thread in self._threads:
                    if thread is not current:
                        thread.join(self.shutdown_timeout)
                        if thread.is_alive():
                            log.warning("%s still busy after %.0f s; leaving it", thread.name, self.shutdown_timeout)
                self.reporter.stop()
                self.session.leave_rooms()
                if delete_worker:
                    try:
                        self.session.delete()
                    except errors.JobLibError as exc:
                        log.warning("could not delete worker %s: %s", self.session.worker_id, exc)
            finally:
                if self.realtime is not None:
                    self.realtime.close()
                self._closed.set()

    def wait(self, timeout: float | None = None) -> StopReason | None:
        """Block until the manager stops; return why (None: `timeout` seconds passed first).

        In the main thread, SIGINT and SIGTERM disconnect (previous handlers are restored).
        """
        received = threading.Event()
        previous: dict[int, Any] = {}
        if threading.current_thread() is threading.main_thread():

            def on_signal(signum: int, _frame: FrameType | None) -> None:
                log.info("signal %s: disconnecting", signum)
                received.set()

            for stop_signal in (signal.SIGINT, signal.SIGTERM):
                previous[stop_signal] = signal.signal(stop_signal, on_signal)
        try:
            deadline = None if timeout is None else time.monotonic() + timeout
            while not self._closed.wait(0.2):
                if received.is_set():
                    self.disconnect()
                    break
                if deadline is not None and time.monotonic() >= deadline:
                    return None
            return self._stop_reason
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.disconnect()
