"""Every error as `application/problem+json`, and the request-body size limit.

Starlette's own 404/405 answers become `not-found` / `method-not-allowed` problems, with an
`Allow` header computed from every route matching the path (Starlette only lists the first
partial match's methods). FastAPI's validation errors become `validation-error` with `errors`.
Anything unexpected is logged and answered as an `internal-error` problem.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import problems

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"


def problem_response(problem: problems.Problem, request: Request | None = None) -> JSONResponse:
    instance = request.url.path if request is not None else None
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

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return problem_response(problems.InternalError(), request)


class BodySizeLimit:
    """413 for request bodies over `max_bytes`, by `Content-Length` or while streaming; and no
    answer before the request body is read.

    An answer that does not need the body (404, 401, 405, …) would otherwise leave unread bytes
    in the socket; closing a connection with unread bytes (`Connection: close`) makes the kernel
    send a reset that can destroy the answer before the client reads it (seen through a proxy
    by the conformance suite). So the rest of an unread body, up to `max_bytes`, is consumed
    before the response starts.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

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

        async def limited() -> Message:
            nonlocal seen, complete
            message = await receive()
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
                while not complete and seen <= self.max_bytes:
                    rest = await receive()
                    seen += len(rest.get("body", b""))
                    complete = rest["type"] == "http.disconnect" or not rest.get("more_body", False)
            await send(message)

        await self.app(scope, limited, send_after_body)

    async def _reject(self, scope: Scope, send: Send) -> None:
        problem = problems.PayloadTooLarge(f"The body exceeds {self.max_bytes} bytes.")
        response = JSONResponse(problem.body(scope.get("path")), status_code=413, media_type=PROBLEM_JSON)
        await response(scope, _drain, send)


async def _drain() -> Message:
    return {"type": "http.disconnect"}
