"""HTTP: the edge of the server, for any path and method (problems, never a bare error page)."""

from __future__ import annotations

import asyncio
import contextlib

import httpx

from zndraw_joblib_conformance import steps
from zndraw_joblib_conformance.checks import Context, J, Violation, check

CONVENTIONS = "openapi.yaml info.description, Conventions"
MAX_BODY_BYTES = 16 * 1024 * 1024  # the documented default of max_body_bytes
CHUNK = 1024 * 1024  # bytes written between looks for an early answer
EARLY_ANSWER_SECONDS = 1.0  # how long the headers alone wait for a 413


@check(
    "HTTP-health",
    rule="`/healthz` and `/readyz` answer 200 without a token while the server is up and ready.",
    source="openapi.yaml getHealth, getReadiness",
)
async def health_checks_answer(ctx: Context) -> None:
    for path in ("/healthz", "/readyz"):
        steps.expect(ctx.anonymous, await ctx.anonymous.get(path), 200, what=f"GET {path}")


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
    for op in ctx.openapi.operations:
        if "413" not in op.responses or not op.has_body:
            continue
        media = op.body_media or "application/json"
        if media == "application/x-www-form-urlencoded":
            head, tail = b"username=", b"&password=x"
        else:
            head, tail = b'{"payload": {"x": "', b'"}}'
        response = await _send_oversized(ctx, op.method, op.concrete_path(), media=media, head=head, tail=tail)
        steps.expect_problem(ctx.admin, response, 413, "payload-too-large", what=f"{op.label} with a >16 MiB body")


async def _send_oversized(
    ctx: Context, method: str, path: str, *, media: str, head: bytes, tail: bytes
) -> httpx.Response:
    """Send a body one byte over the limit on a raw connection, reading an early answer.

    A server may answer 413 from `Content-Length` alone and close without reading the body; an
    HTTP client that writes the body anyway often loses that answer to a connection reset
    (through a proxy, nearly always). So the headers go first, and the body only if no answer
    came within EARLY_ANSWER_SECONDS (a server that checks the size while reading).
    """
    url = httpx.URL(ctx.options.base_url + path)
    size = MAX_BODY_BYTES + 1
    filler = size - len(head) - len(tail)
    request = httpx.Request(
        method,
        url,
        headers={"Authorization": f"Bearer {ctx.token}", "Content-Type": media, "Connection": "close"},
        content=head + b"<16 MiB of a>" + tail,  # what the reproduction line shows; the body is `size` bytes
    )
    port = url.port or (443 if url.scheme == "https" else 80)
    reader, writer = await asyncio.open_connection(url.host, port, ssl=url.scheme == "https")
    try:
        lines = [f"{method} {url.raw_path.decode()} HTTP/1.1", f"Host: {url.netloc.decode()}"]
        lines += [f"{k}: {v}" for k, v in request.headers.items() if k.lower() not in {"host", "content-length"}]
        lines.append(f"Content-Length: {size}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        answer = asyncio.ensure_future(reader.readuntil(b"\r\n\r\n"))
        await asyncio.wait({answer}, timeout=EARLY_ANSWER_SECONDS)
        with contextlib.suppress(ConnectionError, OSError):
            for chunk in (head, *[b"a" * CHUNK] * (filler // CHUNK), b"a" * (filler % CHUNK), tail):
                if answer.done():
                    break
                writer.write(chunk)
                await writer.drain()
        try:
            raw_head = await asyncio.wait_for(answer, 60)
            status_line, *header_lines = raw_head.decode("latin-1").split("\r\n")
            headers = dict(line.split(": ", 1) for line in header_lines if ": " in line)
            length = int(next((v for k, v in headers.items() if k.lower() == "content-length"), "0"))
            body = await asyncio.wait_for(reader.readexactly(length), 30) if length else b""
        except (ConnectionError, OSError, asyncio.IncompleteReadError) as error:
            shown = f"{method} {path} with a {size}-byte body"
            raise Violation(f"{shown}: the connection ended without a whole answer ({error!r}), no 413") from None
    finally:
        writer.close()
        with contextlib.suppress(ConnectionError, OSError):
            await writer.wait_closed()
    response = httpx.Response(int(status_line.split()[1]), headers=headers, content=body, request=request)
    ctx.admin.observe(response)
    return response
