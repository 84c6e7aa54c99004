"""Every error as `application/problem+json`, and the guards on request bodies.

Starlette's own 404/405 answers become `not-found` / `method-not-allowed` problems, with an
`Allow` header computed from every route matching the path (Starlette only lists the first
partial match's methods). FastAPI's validation errors become `validation-error` with `errors`.
A lost database or Redis becomes `service-unavailable` (503, `Retry-After`), for hosts too.

Anything unexpected is logged and answered as an `internal-error` problem by `CatchAll` (the
standalone server), with `Connection: close`: the exception never reaches uvicorn, which would
otherwise drop the connection without saying so and fail the client's next request on it.
A client that goes away mid-body is not an error of ours and is not logged as one.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import asyncpg
import sqlalchemy.exc
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from redis.exceptions import RedisError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import faults, problems, request_ids

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"
RECEIVE_GRACE_SECONDS = 0.05


def problem_response(problem: problems.Problem, request: Request | None = None) -> JSONResponse:
    instance = request_ids.instance(request.url.path if request is not None else None)
    return JSONResponse(
        problem.body(instance),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers=problem.headers or None,
    )


def allowed_methods(app: FastAPI, scope: Scope) -> list[str]:
    methods: set[str] = set()
    probe = {**scope, "method": "__probe__"}
    for route in app.router.routes:
        match, _ = route.matches(probe)
        if match is not Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {
            "loc": [p if isinstance(p, int) else str(p) for p in e.get("loc", ())],
            "msg": e["msg"],
            "type": e["type"],
        }
        for e in exc.errors()
    ]


def install(app: FastAPI) -> None:
    """Register the problem handlers on `app`."""

    @app.exception_handler(problems.Problem)
    async def _problem(request: Request, exc: problems.Problem) -> JSONResponse:
        return problem_response(exc, request)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(problems.ValidationFailed(_validation_errors(exc)), request)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        problem: problems.Problem
        if exc.status_code == 404:
            problem = problems.NotFound(f"No route for {request.url.path}.")
        elif exc.status_code == 405:
            allow = ", ".join(allowed_methods(request.app, request.scope))
            problem = problems.MethodNotAllowed(f"{request.method} is not allowed here.", headers={"Allow": allow})
        elif exc.status_code == 401:
            problem = problems.Unauthorized(str(exc.detail), headers={"WWW-Authenticate": "Bearer"})
        elif exc.status_code == 413:
            problem = problems.PayloadTooLarge(str(exc.detail))
        elif exc.status_code in (400, 415, 422):  # e.g. an unparsable form body
            problem = problems.ValidationFailed([{"loc": ["body"], "msg": str(exc.detail), "type": "invalid_body"}])
        else:
            log.error("unexpected HTTP %s: %s", exc.status_code, exc.detail)
            problem = problems.InternalError()
        return problem_response(problem, request)

    async def _infrastructure(request: Request, exc: Exception) -> JSONResponse:
        dependency = faults.unavailable_dependency(exc)
        if dependency is None:
            log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
            response = problem_response(problems.InternalError(), request)
            response.headers["Connection"] = "close"
            return response
        log.info("%s unavailable on %s %s: %s", dependency, request.method, request.url.path, exc)
        # Outside the queue's own operations nobody knows whether something was committed.
        return problem_response(faults.unavailable(dependency, safe_to_retry=False), request)

    for kind in (sqlalchemy.exc.SQLAlchemyError, asyncpg.PostgresError, asyncpg.InterfaceError, RedisError, OSError):
        app.add_exception_handler(kind, _infrastructure)

    @app.exception_handler(ClientDisconnect)
    async def _gone(request: Request, _exc: ClientDisconnect) -> Response:
        log.debug("client went away during %s %s", request.method, request.url.path)
        return Response(status_code=400, headers={"Connection": "close"})


class CatchAll:
    """The last resort inside Starlette's ServerErrorMiddleware: an unexpected exception becomes a
    logged 500 problem with `Connection: close` instead of propagating to the server."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception as exc:
            if started:  # too late for an answer of our own; the server closes the connection
                raise
            log.error("unhandled error on %s %s", scope.get("method"), scope.get("path"), exc_info=exc)
            response = JSONResponse(
                problems.InternalError().body(request_ids.instance(scope.get("path"))),
                status_code=500,
                media_type=PROBLEM_JSON,
                headers={"Connection": "close"},
            )
            await response(scope, receive, send)


class BodySizeLimit:
    """413 for request bodies over `max_bytes`, by `Content-Length` or while streaming; 408 for a
    body that has not arrived within `timeout_seconds` of the request; and no answer before the
    request body is read.

    An answer that does not need the body (404, 401, 405, …) would otherwise leave unread bytes
    in the socket; closing a connection with unread bytes (`Connection: close`) makes the kernel
    send a reset that can destroy the answer before the client reads it (seen through a proxy
    by the conformance suite). So the rest of an unread body, up to `max_bytes`, is consumed
    before the response starts.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, timeout_seconds: float = 30.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_seconds = timeout_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await self._reject(scope, send)
            return
        seen = 0
        complete = False
        deadline = time.monotonic() + self.timeout_seconds

        async def within_deadline() -> Message:
            # A body that has arrived is handed over at once; the grace only bounds a wait for more.
            try:
                async with asyncio.timeout(max(RECEIVE_GRACE_SECONDS, deadline - time.monotonic())):
                    return await receive()
            except TimeoutError:
                detail = f"The request body did not arrive within {self.timeout_seconds:g} s."
                raise problems.RequestTimeout(detail, headers={"Connection": "close"}) from None

        async def limited() -> Message:
            nonlocal seen, complete
            message = await within_deadline()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                complete = not message.get("more_body", False)
                if seen > self.max_bytes:
                    raise problems.PayloadTooLarge(f"The body exceeds {self.max_bytes} bytes.")
            elif message["type"] == "http.disconnect":
                complete = True
            return message

        async def send_after_body(message: Message) -> None:
            nonlocal seen, complete
            if message["type"] == "http.response.start":
                try:
                    while not complete and seen <= self.max_bytes:
                        rest = await within_deadline()
                        seen += len(rest.get("body", b""))
                        complete = rest["type"] == "http.disconnect" or not rest.get("more_body", False)
                except problems.RequestTimeout:  # a client that stopped sending: answer, then close
                    message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        await self.app(scope, limited, send_after_body)

    async def _reject(self, scope: Scope, send: Send) -> None:
        problem = problems.PayloadTooLarge(f"The body exceeds {self.max_bytes} bytes.")
        response = JSONResponse(
            problem.body(request_ids.instance(scope.get("path"))), status_code=413, media_type=PROBLEM_JSON
        )
        await response(scope, _drain, send)


async def _drain() -> Message:
    return {"type": "http.disconnect"}
