"""HOSTILE: input meant to hurt (openapi.yaml, "Faults and limits" and "Conventions").

A schema's `$ref` never makes the server fetch a URL or read a file, validation work is bounded
while the server keeps answering, and bodies JSON or the databases cannot hold are 422.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

import httpx

from zndraw_joblib_conformance import steps
from zndraw_joblib_conformance.checks import Context, J, Violation, check

LIMITS = "openapi.yaml info.description, Faults and limits"
CONVENTIONS = "openapi.yaml info.description, Conventions"
JSON = {"content-type": "application/json"}


async def _register(ctx: Context, schema: dict[str, Any]) -> httpx.Response:
    body = {"category": "modifiers", "name": ctx.unique("Job"), "schema": schema}
    return await ctx.admin.put(f"{J}/rooms/{ctx.unique('room')}/jobs", json=body)


async def _job_with(ctx: Context, schema: dict[str, Any]) -> dict[str, Any]:
    job: dict[str, Any] = steps.expect(ctx.admin, await _register(ctx, schema), 201, what="registering")
    return job


@check(
    "HOSTILE-schema-url-ref",
    rule="A job schema whose `$ref` points at a URL is refused (422) at registration and the URL is never fetched.",
    source=LIMITS,
)
async def url_references_are_never_fetched(ctx: Context) -> None:
    hits = 0

    async def accept(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal hits
        hits += 1
        writer.close()

    listener = await asyncio.start_server(accept, "127.0.0.1", 0)
    port = listener.sockets[0].getsockname()[1]
    try:
        for schema in (
            {"$ref": f"http://127.0.0.1:{port}/schema.json"},
            {"type": "object", "properties": {"a": {"$ref": f"http://127.0.0.1:{port}/a.json#/x"}}},
            {"$id": f"http://127.0.0.1:{port}/root.json", "$ref": "other.json"},
        ):
            response = await _register(ctx, schema)
            steps.expect_problem(ctx.admin, response, 422, "validation-error", what=f"registering {schema}")
        await asyncio.sleep(0.3)
        if hits:
            raise Violation(f"the server fetched the referenced URL {hits} time(s)")
    finally:
        listener.close()


@check(
    "HOSTILE-schema-file-ref",
    rule="A job schema whose `$ref` names a file is refused (422) and nothing of the file leaks.",
    source=LIMITS,
)
async def file_references_leak_nothing(ctx: Context) -> None:
    with tempfile.TemporaryDirectory() as folder:
        secret = Path(folder) / "secret.json"
        secret.write_text('{"const": "file-secret-XYZ"}')
        for ref in (secret.as_uri(), "file:///etc/hostname", "/etc/hostname"):
            response = await _register(ctx, {"properties": {"a": {"$ref": ref}}})
            steps.expect(ctx.admin, response, 422, what=f"registering a $ref to {ref}")
            if "file-secret-XYZ" in response.text:
                raise Violation(f"the answer to a $ref to {ref} shows the file's content", ctx.admin.curl(response))


@check(
    "HOSTILE-schema-dangling-ref",
    rule="A job schema with a local `$ref` that resolves to nothing is 422, not a 500.",
    source=LIMITS,
)
async def dangling_references_are_422(ctx: Context) -> None:
    response = await _register(ctx, {"properties": {"a": {"$ref": "#/$defs/nowhere"}}})
    steps.expect(ctx.admin, response, 422, what="registering a dangling $ref")


@check(
    "HOSTILE-json-nonfinite",
    rule="Bodies with `NaN`, `Infinity` or numbers beyond the double range (`1e400`) are 422 and store nothing.",
    source=CONVENTIONS + " (RFC 8259)",
)
async def non_finite_numbers_are_422(ctx: Context) -> None:
    await _refused_bodies(
        ctx, [b'{"payload": {"x": NaN}}', b'{"payload": {"x": Infinity}}', b'{"payload": {"x": 1e400}}']
    )


@check(
    "HOSTILE-json-nul",
    rule="A NUL character (U+0000) in a string of a body (a payload, a task's error) is 422 and stores nothing.",
    source=CONVENTIONS + " (RFC 8259)",
)
async def nul_characters_are_422(ctx: Context) -> None:
    await _refused_bodies(ctx, [b'{"payload": {"x": "a\\u0000"}}'])
    job = await _job_with(ctx, {})
    task = await steps.submit(ctx.admin, job["room_id"], job["full_name"])
    await steps.claim(ctx.admin, job["worker_id"])
    response = await ctx.admin.patch(f"{J}/tasks/{task['id']}", json={"status": "failed", "error": "x\u0000y"})
    steps.expect(ctx.admin, response, 422, what="a task error with a NUL")


async def _refused_bodies(ctx: Context, bodies: list[bytes]) -> None:
    job = await _job_with(ctx, {"type": "object"})
    for raw in bodies:
        response = await ctx.admin.post(
            f"{J}/rooms/{job['room_id']}/tasks/{job['full_name']}", content=raw, headers=JSON
        )
        steps.expect(ctx.admin, response, 422, what=f"submitting {raw.decode()}")
    listed = steps.expect(ctx.admin, await ctx.admin.get(f"{J}/rooms/{job['room_id']}/tasks"), 200, what="listing")
    if listed["total"] != 0:
        raise Violation(f"refused bodies left {listed['total']} task(s)")


async def _answered_while_healthy(ctx: Context, request: Awaitable[httpx.Response]) -> tuple[httpx.Response, float]:
    """Run `request` while probing a cheap read; the answer and the slowest probe (seconds)."""
    pending = ctx.spawn(request)
    slowest = 0.0
    while not pending.done():
        started = time.monotonic()
        probe = await ctx.admin.client.get(f"{J}/workers", params={"limit": 0})
        if probe.status_code != 200:
            raise Violation(f"GET {J}/workers?limit=0 answered {probe.status_code} while a validation ran")
        slowest = max(slowest, time.monotonic() - started)
        await asyncio.sleep(0.05)
    return await pending, slowest


@check(
    "HOSTILE-validation-budget",
    rule="Expensive payload validations (huge `uniqueItems` arrays, catastrophic `pattern`s) are bounded "
    "(answered within 30 s, 202 or 422) while the server keeps answering other requests within 2 s.",
    source=LIMITS + " (payload_validation_budget_seconds)",
)
async def expensive_validations_are_bounded(ctx: Context) -> None:
    unique_job = await _job_with(ctx, {"type": "object", "properties": {"xs": {"type": "array", "uniqueItems": True}}})
    items = {"payload": {"xs": [{"i": i, "tags": ["a", "b"]} for i in range(6000)]}}
    pattern_job = await _job_with(
        ctx, {"type": "object", "properties": {"s": {"type": "string", "pattern": "^(a+)+$"}}}
    )
    for job, body in ((unique_job, items), (pattern_job, {"payload": {"s": "a" * 5000 + "!"}})):
        started = time.monotonic()
        url = f"{J}/rooms/{job['room_id']}/tasks/{job['full_name']}"
        response, slowest = await _answered_while_healthy(ctx, ctx.admin.post(url, json=body))
        steps.expect(ctx.admin, response, 202, 422, what="an expensive validation")
        elapsed = time.monotonic() - started
        if elapsed >= 30:
            raise Violation(f"an expensive validation took {elapsed:.1f} s (bound: 30 s)")
        if slowest >= 2.0:
            raise Violation(f"/healthz took {slowest:.1f} s while a validation ran (bound: 2 s)")
