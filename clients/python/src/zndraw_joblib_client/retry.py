"""Retrying a call while the server is unreachable, with exponential backoff.

Only failures that may go away by themselves are retried: no answer at all
(`APIConnectionError`) and 5xx answers. A 4xx answer (a schema conflict, a validation error,
a forbidden room) is the same on every attempt and is raised at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from . import errors

log = logging.getLogger(__name__)

T = TypeVar("T")

#: failures worth another attempt
TRANSIENT: tuple[type[errors.JobLibError], ...] = (errors.APIConnectionError, errors.ServerError)


@dataclass(frozen=True)
class Backoff:
    """Delays between attempts: `initial`, then times `factor`, capped at `maximum` (seconds)."""

    initial: float = 0.2
    maximum: float = 5.0
    factor: float = 2.0

    def delays(self) -> Iterator[float]:
        delay = self.initial
        while True:
            yield delay
            delay = min(delay * self.factor, self.maximum)


def is_transient(exc: BaseException) -> bool:
    """True for failures another attempt may not see (outage, restart, overload)."""
    return isinstance(exc, TRANSIENT)


def call_with_retry(
    call: Callable[[], T],
    *,
    timeout: float,
    what: str,
    backoff: Backoff | None = None,
    stop: threading.Event | None = None,
) -> T:
    """Run `call`, retrying transient failures until `timeout` seconds have passed.

    Raises the last failure when the time is up, any non-transient failure at once, and
    `ManagerStopped` when `stop` is set while waiting between attempts.
    """
    deadline = time.monotonic() + timeout
    delays = (backoff or Backoff()).delays()
    while True:
        try:
            return call()
        except TRANSIENT as exc:
            delay = next(delays)
            if time.monotonic() + delay > deadline:
                raise
            log.warning("%s failed (%s); retrying in %.1f s", what, exc, delay)
            if stop is None:
                time.sleep(delay)
            elif stop.wait(delay):
                raise errors.ManagerStopped(f"stopped while retrying {what}") from exc
