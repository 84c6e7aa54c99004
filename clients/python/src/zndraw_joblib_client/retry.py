"""Retrying calls, with exponential backoff, in two scopes.

`call_with_retry` keeps trying a start-up call while the server is unreachable: no answer at
all (`APIConnectionError`) and 5xx answers. A 4xx answer (a schema conflict, a validation
error, a forbidden room) is the same on every attempt and is raised at once.

`request_retry_delay` is the policy of every single request (`Client(retry_timeout=…)`): send it
again only when that cannot do anything twice —
- the request never left (no connection could be made);
- the connection broke without an answer, for an idempotent method (GET, PUT, DELETE);
- the server answered 503 and said nothing took effect (`safe_to_retry`), whatever the
  method, or the method is idempotent; waiting at least its `Retry-After`.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from . import errors

log = logging.getLogger(__name__)

T = TypeVar("T")

#: failures worth another attempt
TRANSIENT: tuple[type[errors.JobLibError], ...] = (errors.APIConnectionError, errors.ServerError)


IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
REQUEST_RETRY_TIMEOUT_DEFAULT = 10.0
"""Seconds a single request keeps being retried (0: never)."""


def request_retry_delay(exc: BaseException, backoff_delay: float) -> float | None:
    """Seconds to wait before sending the failed request again, or None: do not send it again."""
    method = getattr(exc, "method", None)
    if isinstance(exc, errors.APIConnectionError):
        if exc.sent is False or method in IDEMPOTENT:
            return backoff_delay
        return None
    if isinstance(exc, errors.ServiceUnavailable) and (exc.safe_to_retry or method in IDEMPOTENT):
        return max(backoff_delay, exc.retry_after or 0.0)
    return None


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


def send_with_retries(send: Callable[[], T], *, within: float, backoff: Backoff | None = None) -> T:
    """`send()`, again after each failure `request_retry_delay` allows, for at most `within` seconds."""
    deadline = time.monotonic() + within
    delays = (backoff or Backoff(initial=0.1)).delays()
    while True:
        try:
            return send()
        except errors.JobLibError as exc:
            delay = request_retry_delay(exc, next(delays))
            if delay is None or time.monotonic() + delay > deadline:
                raise
            log.info("request failed (%s); sending it again in %.1f s", exc, delay)
            time.sleep(delay)


async def asend_with_retries(send: Callable[[], Awaitable[T]], *, within: float, backoff: Backoff | None = None) -> T:
    """`send_with_retries` for coroutines."""
    deadline = time.monotonic() + within
    delays = (backoff or Backoff(initial=0.1)).delays()
    while True:
        try:
            return await send()
        except errors.JobLibError as exc:
            delay = request_retry_delay(exc, next(delays))
            if delay is None or time.monotonic() + delay > deadline:
                raise
            log.info("request failed (%s); sending it again in %.1f s", exc, delay)
            await asyncio.sleep(delay)
