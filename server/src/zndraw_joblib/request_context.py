"""A request id for every request, its latency per operation, and (in JSON log mode) one access
line with both: the middleware for hosts, and `record`, which the standalone server's
`edge.Edge` shares.

Latency is labelled by the operationId of the route that served the request (the generated
router names each route after its operation), else the route's template (`/socket.io`, `/docs`),
else `unmatched` (404s): never the raw path, whose ids would make a series per task.
"""

from __future__ import annotations

import logging
import time

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import metrics, request_ids

access_log = logging.getLogger("zndraw_joblib.access")
UNMATCHED = "unmatched"


def operation_of(scope: Scope) -> str:
    """The operationId (or route template) that served the request."""
    route = scope.get("route")
    if route is None:
        return UNMATCHED
    operation = getattr(route, "operation_id", None) or getattr(route, "path", None)
    return str(operation) if operation else UNMATCHED


class RequestContext:
    """Sets `request_ids.current` for the request, answers `X-Request-ID`, observes
    `request_duration_seconds`, and writes an access line when `log_access`."""

    def __init__(self, app: ASGIApp, *, log_access: bool = False) -> None:
        self.app = app
        self.log_access = log_access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_ids.from_headers(dict(scope["headers"]))
        token = request_ids.current.set(request_id)
        started = time.perf_counter()
        status = 500  # what the client gets when nothing answered (the server closes the connection)

        async def answering(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[request_ids.HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, answering)
        finally:
            record(scope, status, time.perf_counter() - started, log_access=self.log_access)
            request_ids.current.reset(token)


def record(scope: Scope, status: int, seconds: float, *, log_access: bool) -> None:
    """Observe a finished request's latency under its operation, and write its access line."""
    operation = operation_of(scope)
    metrics.labelled(metrics.REQUEST_DURATION, operation, str(status)).observe(seconds)
    if log_access:
        access_log.info(
            "%s %s %s",
            scope.get("method"),
            scope.get("path"),
            status,
            extra={
                "method": scope.get("method"),
                "path": scope.get("path"),
                "operation": operation,
                "status": status,
                "duration_ms": round(seconds * 1000, 3),
            },
        )
