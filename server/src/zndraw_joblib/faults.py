"""Outages of the database and of Redis: recognising them, answering them, remembering them.

A lost connection is not bad input and not a bug: it answers 503 `service-unavailable` with
`Retry-After` (openapi.yaml, "Faults and limits"), is logged once when the outage starts and
once when it ends (not once per request: a 5 s Redis outage once wrote ~1,800 lines), and is
remembered as an interval so that the sweeper does not count time in which nobody could record
a heartbeat (`Outages.silence_cutoff`).

Known limit: each process keeps its own record; a replica that made no database call during an
outage does not know of it.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import asyncpg
import sqlalchemy.exc
from redis import exceptions as redis_exceptions

from . import problems

log = logging.getLogger(__name__)

REMEMBERED_OUTAGES = 64
CHAIN_DEPTH = 8

_UNAVAILABLE: tuple[type[BaseException], ...] = (
    OSError,  # refused or reset connections; TimeoutError is one too
    sqlalchemy.exc.TimeoutError,  # no pooled connection within the pool timeout
    sqlalchemy.exc.OperationalError,  # the database cannot do it now (SQLite: locked, I/O)
    sqlalchemy.exc.InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,  # "connection is closed"
    asyncpg.exceptions.OperatorInterventionError,  # admin shutdown, crash shutdown, cannot connect now
    asyncpg.exceptions.TooManyConnectionsError,
)


_REDIS: tuple[type[BaseException], ...] = (redis_exceptions.ConnectionError, redis_exceptions.TimeoutError)


def unavailable_dependency(exc: BaseException) -> str | None:
    """`"Redis"` or `"The database"` when `exc` (or what caused it) says that dependency could not
    be reached or did not answer in time; None for anything else (bad input, a bug)."""
    seen: BaseException | None = exc
    for _ in range(CHAIN_DEPTH):
        if seen is None:
            return None
        if isinstance(seen, _REDIS):
            return "Redis"
        if isinstance(seen, sqlalchemy.exc.DBAPIError) and seen.connection_invalidated:
            return "The database"
        if isinstance(seen, _UNAVAILABLE):
            return "The database"
        seen = seen.__cause__ or seen.__context__
    return None


def is_unavailable(exc: BaseException) -> bool:
    return unavailable_dependency(exc) is not None


def unavailable(what: str, *, safe_to_retry: bool) -> problems.ServiceUnavailable:
    return problems.ServiceUnavailable(
        f"{what} cannot be reached right now; try again shortly.", safe_to_retry=safe_to_retry
    )


class OutageLog:
    """Log the start of an outage once and its end once, whatever happens in between."""

    def __init__(self, what: str, logger: logging.Logger = log, clock: Callable[[], float] = time.monotonic) -> None:
        self.what = what
        self.logger = logger
        self._clock = clock
        self._down_since: float | None = None
        self.suppressed = 0

    @property
    def down(self) -> bool:
        return self._down_since is not None

    def failed(self, exc: BaseException | None = None) -> None:
        if self._down_since is None:
            self._down_since = self._clock()
            self.suppressed = 0
            self.logger.warning("%s is unreachable (%s); logging again when it is back", self.what, brief(exc))
        else:
            self.suppressed += 1

    def succeeded(self) -> None:
        if self._down_since is not None:
            took = self._clock() - self._down_since
            self.logger.warning(
                "%s is back after %.1f s (%d more failures not logged)", self.what, took, self.suppressed
            )
            self._down_since = None


def brief(exc: BaseException | None) -> str:
    if exc is None:
        return "no detail"
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:200]


class Outages(OutageLog):
    """The database's outages as seen by this process, as wall-clock intervals (for the sweeper)."""

    def __init__(self, clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        super().__init__("the database")
        self._wall = clock
        self._started: datetime | None = None
        self._past: deque[tuple[datetime, datetime]] = deque(maxlen=REMEMBERED_OUTAGES)

    def failed(self, exc: BaseException | None = None) -> None:
        if self._started is None:
            self._started = self._wall()
        super().failed(exc)

    def succeeded(self) -> None:
        if self._started is not None:
            self._past.append((self._started, self._wall()))
            self._started = None
        super().succeeded()

    def silence_cutoff(self, now: datetime, timeout_seconds: float) -> datetime | None:
        """Workers whose last heartbeat is older than this were silent for `timeout_seconds` in
        which heartbeats could have been recorded; None while the database is down (sweep nothing)."""
        if self._started is not None:
            return None
        return silence_cutoff(list(self._past), now, timedelta(seconds=timeout_seconds))


def silence_cutoff(outages: list[tuple[datetime, datetime]], now: datetime, timeout: timedelta) -> datetime:
    """`now - timeout`, moved back by the outage time after it: time nobody could heartbeat in
    does not count as silence. Pure; the intervals may overlap or come in any order."""
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(outages):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    cutoff = now - timeout
    while True:
        down = sum(
            (min(end, now) - max(start, cutoff) for start, end in merged if end > cutoff and start < now), timedelta()
        )
        moved = now - timeout - down
        if moved >= cutoff:
            return cutoff
        cutoff = moved
