"""Every error as `application/problem+json`.

Starlette's own 404/405 answers become `not-found` / `method-not-allowed` problems, with an
`Allow` header computed from every route matching the path (Starlette only lists the first
partial match's methods). FastAPI's validation errors become `validation-error` with `errors`.
A lost database or Redis becomes `service-unavailable` (503, `Retry-After`), for hosts too.

Anything unexpected is logged and answered as an `internal-error` problem by `edge.Edge` (the
standalone server), with `Connection: close`: the exception never reaches uvicorn, which would
otherwise drop the connection without saying so and fail the client's next request on it.
A client that goes away mid-body is not an error of ours and is not logged as one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
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
from starlette.types import Scope

from . import faults, problems, request_ids

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"


def problem_response(
    problem: problems.Problem,
    request: Request | None = None,
    *,
    path: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """The problem's answer; its `instance` names the request's path (`request`, or `path` where
    there is no request object yet, at the edge) and id. `headers` add to the problem's own."""
    instance = request_ids.instance(request.url.path if request is not None else path)
    return JSONResponse(
        problem.body(instance),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers={**(problem.headers or {}), **(headers or {})} or None,
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
