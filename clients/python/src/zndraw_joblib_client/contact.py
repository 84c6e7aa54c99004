"""`Contact`: what the manager knows about its link to the server, to tell an outage from an eviction.

A 404 (or 403) for our own worker means one of two things:
- the worker was deleted while we were in touch (an admin's DELETE, the sweeper after missed
  heartbeats): the manager must stop, someone wants it gone;
- the worker was cleaned up because we lost touch (the server restarted, our socket dropped,
  which makes the server clean the worker up at once): the manager must re-register.

`interrupted` says which: it is set by any failure to reach the server and by a dropped
socket, and cleared only by a completed resynchronisation (the worker checked, re-created if
needed, its rooms re-entered).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Contact:
    """Thread-safe record of reachability; `clock` returns seconds (monotonic)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._unreachable_since: float | None = None
        self._interrupted = False

    @property
    def interrupted(self) -> bool:
        """Contact was lost since the worker was last resynchronised."""
        with self._lock:
            return self._interrupted

    def answered(self) -> None:
        """The server answered a request (any answer, problems included)."""
        with self._lock:
            self._unreachable_since = None

    def failed(self) -> float:
        """A request got no answer; returns the seconds since the server last answered."""
        with self._lock:
            now = self._clock()
            if self._unreachable_since is None:
                self._unreachable_since = now
            self._interrupted = True
            return now - self._unreachable_since

    def dropped(self) -> None:
        """The Socket.IO connection dropped (the server may have cleaned our worker up)."""
        with self._lock:
            self._interrupted = True

    def resynchronised(self) -> None:
        """The worker was checked (and re-created if needed) after an interruption."""
        with self._lock:
            self._interrupted = False
            self._unreachable_since = None
