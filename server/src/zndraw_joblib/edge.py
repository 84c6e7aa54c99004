"""The standalone server's HTTP edge: one middleware layer that every request passes through.

What it does, outermost first (each was once a middleware of its own; one layer wraps `send`
and `receive` once per request instead of four times, which a long-poll woken among a
thousand others pays on its way out):

- a request id for every request (`request_ids`), answered in `X-Request-ID`; the request's
  latency per operation, and in JSON log mode one access line (`request_context.record`);
- a 413 problem for a body over `max_bytes`, by `Content-Length` before anything runs or while
  the body streams in; a 408 problem for a body that has not arrived within `timeout_seconds`;
  and no answer before the request body is read (an answer that leaves unread bytes in the
  socket can be destroyed by the kernel's reset when the connection closes);
- routing on a path where each `%2F` stays one character (`routing.routed_path`);
- an answer the app sends ahead of its request's end (`ahead`: a woken long-poll), after
  which the app's own messages are dropped;
- the last resort: an unexpected exception becomes a logged `internal-error` problem with
  `Connection: close`, never an exception that reaches uvicorn.

A request that announces no body (HTTP/1.x without `Content-Length` or `Transfer-Encoding`,
or `Content-Length: 0`) has nothing to guard, so its `receive` is passed through untouched.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import ahead, problems, request_ids
from .http_errors import problem_response
from .request_context import record
from .routing import routed_path

log = logging.getLogger(__name__)
RECEIVE_GRACE_SECONDS = 0.05
"""The least a wait for more body bytes is given, even past the deadline: a body that has
arrived is handed over, however late the request was."""
_ID_HEADER = request_ids.KEY


class Edge:
    def __init__(self, app: ASGIApp, *, max_bytes: int, timeout_seconds: float = 30.0, log_access: bool = False):
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_seconds = timeout_seconds
        self.log_access = log_access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        request_id = request_ids.from_headers(headers)
        token = request_ids.current.set(request_id)
        exchange = _Exchange(
            self,
            receive,
            send,
            request_id=request_id.encode("latin-1"),
            headers=headers,
            version=scope.get("http_version", ""),
        )
        path = routed_path(scope.get("raw_path"))
        routed = scope if path is None else {**scope, "path": path}
        offered = ahead.current.set(exchange.answer_ahead)
        try:
            if exchange.oversized:  # answered at once, without reading the body
                exchange.complete = True
                too_large = problem_response(problems.PayloadTooLarge(exchange.too_large), path=scope.get("path"))
                await too_large(scope, receive, exchange.send)
            else:
                await self._guarded(routed, exchange.receive, exchange)
        finally:
            if "route" in routed:  # what served it, for the latency metric
                scope["route"] = routed["route"]
            record(scope, exchange.status, time.perf_counter() - exchange.started, log_access=self.log_access)
            ahead.current.reset(offered)
            request_ids.current.reset(token)

    async def _guarded(self, scope: Scope, receive: Receive, exchange: _Exchange) -> None:
        try:
            await self.app(scope, receive, exchange.send)
        except Exception as exc:
            if exchange.responded:  # too late for an answer of our own; the server closes the connection
                raise
            log.error("unhandled error on %s %s", scope.get("method"), scope.get("path"), exc_info=exc)
            response = problem_response(
                problems.InternalError(), path=scope.get("path"), headers={"Connection": "close"}
            )
            await response(scope, receive, exchange.send)


class _Exchange:
    """One request's state at the edge: its body so far, and whether and how it was answered."""

    def __init__(
        self, edge: Edge, receive: Receive, send: Send, *, request_id: bytes, headers: dict[bytes, bytes], version: str
    ) -> None:
        self.edge = edge
        self.started = time.perf_counter()
        self._receive = receive
        self._send = send
        self._request_id = request_id
        self.status = 500  # what the client gets when nothing answered (the server closes the connection)
        self.responded = False
        self.answered_ahead = False
        """Answered by `answer_ahead`: what the app sends afterwards is dropped."""
        self.seen = 0
        self._deadline = time.monotonic() + edge.timeout_seconds
        length = headers.get(b"content-length")
        self.oversized = length is not None and length.isdigit() and int(length) > edge.max_bytes
        # HTTP/1.x: without either header there is no body (RFC 9112 6.3); HTTP/2 may omit both
        bodiless = length is None and b"transfer-encoding" not in headers and version in ("1.0", "1.1")
        self.complete = bodiless or length == b"0"
        self.receive = receive if self.complete else self._limited
        """What the app reads the body with: the server's own `receive` when there is no body."""

    @property
    def too_large(self) -> str:
        return f"The body exceeds {self.edge.max_bytes} bytes."

    async def _within_deadline(self, receive: Receive) -> Message:
        # A body that has arrived is handed over at once; the grace only bounds a wait for more.
        try:
            async with asyncio.timeout(max(RECEIVE_GRACE_SECONDS, self._deadline - time.monotonic())):
                return await receive()
        except TimeoutError:
            detail = f"The request body did not arrive within {self.edge.timeout_seconds:g} s."
            raise problems.RequestTimeout(detail, headers={"Connection": "close"}) from None

    async def _limited(self) -> Message:
        """The body, counted against the limit and the deadline until it is complete."""
        if self.complete:
            return await self._receive()
        message = await self._within_deadline(self._receive)
        self._took(message)
        if self.seen > self.edge.max_bytes:
            raise problems.PayloadTooLarge(self.too_large)
        return message

    def _took(self, message: Message) -> None:
        if message["type"] == "http.request":
            self.seen += len(message.get("body", b""))
            self.complete = not message.get("more_body", False)
        else:  # http.disconnect
            self.complete = True

    async def answer_ahead(self, status: int, headers: Sequence[ahead.Header], body: bytes) -> None:
        """A complete answer now, before the app's own (`ahead.answer`)."""
        await self.send({"type": "http.response.start", "status": status, "headers": headers})
        await self.send({"type": "http.response.body", "body": body})
        self.answered_ahead = True

    async def send(self, message: Message) -> None:
        if self.answered_ahead:
            return
        if message["type"] == "http.response.start":
            self.responded = True
            self.status = message["status"]
            extra = [(_ID_HEADER, self._request_id)]
            try:
                while not self.complete and self.seen <= self.edge.max_bytes:
                    self._took(await self._within_deadline(self._receive))
            except problems.RequestTimeout:  # a client that stopped sending: answer, then close
                extra.append((b"connection", b"close"))
            headers = [(k, v) for k, v in message.get("headers", ()) if k != _ID_HEADER]
            message = {**message, "headers": headers + extra}
        await self._send(message)
