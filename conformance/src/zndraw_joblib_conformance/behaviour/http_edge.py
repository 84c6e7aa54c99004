"""HTTP: the edge of the server, for any path and method (problems, never a bare error page)."""

from __future__ import annotations

from zndraw_joblib_conformance import steps
from zndraw_joblib_conformance.checks import Context, J, Violation, check

CONVENTIONS = "openapi.yaml info.description, Conventions"
MAX_BODY_BYTES = 16 * 1024 * 1024  # the documented default of max_body_bytes


@check(
    "HTTP-unknown-route",
    rule="A path no operation has answers 404 `not-found` as a problem.",
    source="openapi.yaml components.responses.NotFound",
)
async def unknown_routes_are_problems(ctx: Context) -> None:
    response = await ctx.admin.get(f"{J}/no-such-route")
    steps.expect_problem(ctx.admin, response, 404, "not-found", what="an unknown route")


@check(
    "HTTP-method-not-allowed",
    rule="A known path with a method it does not support answers 405 `method-not-allowed` with an `Allow` "
    "header naming the methods it does support.",
    source="openapi.yaml components.responses.MethodNotAllowed",
)
async def wrong_methods_are_405_with_allow(ctx: Context) -> None:
    response = await ctx.admin.delete(f"{J}/tasks/claim")
    steps.expect_problem(ctx.admin, response, 405, "method-not-allowed", what="DELETE /tasks/claim")
    allow = {m.strip().upper() for m in response.headers.get("allow", "").split(",") if m.strip()}
    if "POST" not in allow or "DELETE" in allow:
        raise Violation(f"Allow is {response.headers.get('allow')!r} for a POST-only path", ctx.admin.curl(response))


@check(
    "HTTP-malformed-json",
    rule="A body that is not JSON answers 422 `validation-error` (never 500).",
    source=CONVENTIONS,
)
async def malformed_json_is_422(ctx: Context) -> None:
    response = await ctx.admin.post(
        f"{J}/tasks/claim", content=b'{"worker_id": ', headers={"content-type": "application/json"}
    )
    steps.expect_problem(ctx.admin, response, 422, "validation-error", what="a truncated JSON body")


@check(
    "HTTP-body-too-large",
    rule=f"A body larger than the server's `max_body_bytes` (documented default {MAX_BODY_BYTES // 2**20} MiB) "
    "answers 413 `payload-too-large`, on every operation that documents it.",
    source="openapi.yaml components.responses.PayloadTooLarge",
)
async def oversized_bodies_are_413(ctx: Context) -> None:
    filler = b"a" * MAX_BODY_BYTES
    for op in ctx.openapi.operations:
        if "413" not in op.responses or not op.has_body:
            continue
        if op.body_media == "application/x-www-form-urlencoded":
            blob = b"username=" + filler + b"&password=x"
        else:
            blob = b'{"payload": {"x": "' + filler + b'"}}'
        response = await ctx.admin.request(
            op.method, op.concrete_path(), content=blob, headers={"content-type": op.body_media or "application/json"}
        )
        steps.expect_problem(ctx.admin, response, 413, "payload-too-large", what=f"{op.label} with {len(blob)} bytes")
