"""PROVIDER: reads served by a provider's socket, uploaded, cached, coalesced, and bounded in time."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from zndraw_joblib_conformance import steps
from zndraw_joblib_conformance.checks import Context, J, Violation, check
from zndraw_joblib_conformance.options import Suite

READ = "openapi.yaml readProvider; asyncapi.yaml operations.sendProviderRequest"


async def _provider(ctx: Context, room: str, name: str = "files") -> tuple[dict[str, Any], dict[str, Any]]:
    job = await steps.register_job(ctx.admin, room)
    provider = await steps.register_provider(
        ctx.admin, room, name=name, worker_id=job["worker_id"], content_type="application/json"
    )
    return job, provider


@check(
    "PROVIDER-read-roundtrip",
    suite=Suite.EVENTS,
    rule="A read that misses the cache sends `provider_request` (params as canonical JSON) to the provider's "
    "channel; the upload (204) answers the waiting read with the bytes, and the room hears "
    "`provider_result_ready`.",
    source=READ,
)
async def a_read_goes_through_the_provider(ctx: Context) -> None:
    room = ctx.unique("conf")
    async with ctx.listener() as frontend, ctx.listener() as provider_socket:
        await frontend.must_join("join_room", {"room_id": room}, f"room:{room}")
        job, provider = await _provider(ctx, room)
        await frontend.next("providers_invalidate")
        await provider_socket.must_join(
            "join_provider_room",
            {"provider_name": provider["full_name"], "worker_id": job["worker_id"]},
            f"providers:{provider['full_name']}",
        )
        url = f"{J}/rooms/{room}/providers/{provider['full_name']}"
        read = ctx.spawn(ctx.admin.get(url, params={"path": "/"}, headers={"Prefer": "wait=5"}))
        request = await provider_socket.next("provider_request")
        if request["params"] != '{"path":"/"}':
            raise Violation(f'provider_request params are {request["params"]!r}, not the canonical \'{{"path":"/"}}\'')
        upload = await ctx.admin.post(
            f"{J}/providers/{provider['id']}/results",
            content=b'["a.xyz"]',
            headers={"X-Request-Hash": request["request_id"], "Content-Type": "application/json"},
        )
        steps.expect(ctx.admin, upload, 204, what="uploading a result")
        response = await read
        body = steps.expect(ctx.admin, response, 200, what="the waiting read")
        if body != ["a.xyz"]:
            raise Violation(f"the read answered {body!r}, not the uploaded ['a.xyz']", ctx.admin.curl(response))
        ready = await frontend.next("provider_result_ready")
        expected = {"provider_name": provider["full_name"], "request_hash": request["request_id"]}
        if ready != expected:
            raise Violation(f"provider_result_ready carried {ready!r}, not {expected!r}")
        again = await ctx.admin.get(url, params={"path": "/"})
        if again.status_code != 200 or again.json() != ["a.xyz"]:
            raise Violation("a second identical read is not answered from the cache", ctx.admin.curl(again))
        await asyncio.sleep(0.3)
        repeated = [d for name, d in provider_socket.inbox if name == "provider_request"]
        if repeated:
            raise Violation(f"a cached read sent provider_request again: {repeated}")


@check(
    "PROVIDER-late-join",
    suite=Suite.EVENTS,
    rule="A provider that joins its channel after a read began is still sent the waiting request and the "
    "read is answered (well before the in-flight lock would expire).",
    source="asyncapi.yaml info.description, Conventions (late providers)",
)
async def a_provider_that_joins_late_still_answers(ctx: Context) -> None:
    room = ctx.unique("conf")
    job, provider = await _provider(ctx, room, name="late")
    started = time.monotonic()
    read = ctx.spawn(
        ctx.admin.get(
            f"{J}/rooms/{room}/providers/{provider['full_name']}", params={"p": "1"}, headers={"Prefer": "wait=20"}
        )
    )
    await asyncio.sleep(0.5)  # the first provider_request went to an empty channel
    async with ctx.listener() as provider_socket:
        await provider_socket.must_join(
            "join_provider_room",
            {"provider_name": provider["full_name"], "worker_id": job["worker_id"]},
            f"providers:{provider['full_name']}",
        )
        request = await provider_socket.next("provider_request")
        upload = await ctx.admin.post(
            f"{J}/providers/{provider['id']}/results",
            content=b'{"ok": 1}',
            headers={"X-Request-Hash": request["request_id"], "Content-Type": "application/json"},
        )
        steps.expect(ctx.admin, upload, 204, what="uploading a result")
    response = await read
    body = steps.expect(ctx.admin, response, 200, what="the waiting read")
    if body != {"ok": 1}:
        raise Violation(f"the read answered {body!r}")
    if time.monotonic() - started >= 15:
        raise Violation("the read waited ≥ 15 s for a provider that had joined")


@check(
    "PROVIDER-coalesce",
    suite=Suite.EVENTS,
    rule="Concurrent identical reads that miss the cache send one `provider_request` and are all answered by "
    "one upload.",
    source="openapi.yaml readProvider",
)
async def identical_reads_coalesce(ctx: Context) -> None:
    room = ctx.unique("conf")
    job, provider = await _provider(ctx, room, name="shared")
    async with ctx.listener() as provider_socket:
        await provider_socket.must_join(
            "join_provider_room",
            {"provider_name": provider["full_name"], "worker_id": job["worker_id"]},
            f"providers:{provider['full_name']}",
        )
        url = f"{J}/rooms/{room}/providers/{provider['full_name']}"
        reads = [ctx.spawn(ctx.admin.get(url, params={"q": "same"}, headers={"Prefer": "wait=10"})) for _ in range(3)]
        request = await provider_socket.next("provider_request")
        await asyncio.sleep(0.3)
        upload = await ctx.admin.post(
            f"{J}/providers/{provider['id']}/results",
            content=b"[1]",
            headers={"X-Request-Hash": request["request_id"], "Content-Type": "application/json"},
        )
        steps.expect(ctx.admin, upload, 204, what="uploading a result")
        answers = await asyncio.gather(*reads)
        if [r.status_code for r in answers] != [200, 200, 200]:
            raise Violation(f"the coalesced reads answered {[r.status_code for r in answers]}")
        extra = [d for name, d in provider_socket.inbox if name == "provider_request" and d == request]
        if extra:
            raise Violation(f"three identical reads sent provider_request {1 + len(extra)} times")


@check(
    "PROVIDER-timeout",
    rule="A read nobody answers ends after the requested wait with 504 `provider-timeout` and `Retry-After`.",
    source="openapi.yaml readProvider responses.504",
)
async def an_unanswered_read_times_out(ctx: Context) -> None:
    room = ctx.unique("conf")
    _, provider = await _provider(ctx, room, name="silent")
    started = time.monotonic()
    response = await ctx.admin.get(
        f"{J}/rooms/{room}/providers/{provider['full_name']}", params={"x": "1"}, headers={"Prefer": "wait=1"}
    )
    elapsed = time.monotonic() - started
    steps.expect_problem(ctx.admin, response, 504, "provider-timeout", what="a read nobody answers")
    if not response.headers.get("retry-after", "").isdigit():
        raise Violation("the 504 has no numeric Retry-After", ctx.admin.curl(response))
    if elapsed > 1 + 5:
        raise Violation(f"a read asking to wait 1 s answered after {elapsed:.1f} s")


@check(
    "PROVIDER-visibility",
    rule="Providers listed from `@global` are the global ones only; from a room, the global ones and the room's "
    "own, never another room's.",
    source="openapi.yaml listProviders",
)
async def providers_are_listed_per_room(ctx: Context) -> None:
    room, other = ctx.unique("conf"), ctx.unique("conf")
    _, mine = await _provider(ctx, room, name="mine")
    _, theirs = await _provider(ctx, other, name="theirs")
    listed = steps.expect(ctx.admin, await ctx.admin.get(f"{J}/rooms/{room}/providers", params={"limit": 500}), 200,
                          what="listing providers")  # fmt: skip
    names = {p["full_name"] for p in listed["items"]}
    if mine["full_name"] not in names or theirs["full_name"] in names:
        raise Violation(f"listing {room} gave {sorted(names)[:10]}: own provider missing or another room's shown")
    global_list = steps.expect(ctx.admin, await ctx.admin.get(f"{J}/rooms/@global/providers", params={"limit": 500}),
                               200, what="listing @global providers")  # fmt: skip
    if any(not p["full_name"].startswith("@global:") for p in global_list["items"]):
        raise Violation("listing @global providers shows a room's provider")


@check(
    "PROVIDER-delete",
    rule="Deleting a provider answers 204; afterwards it is not found (404 `provider-not-found`) and a second "
    "delete is 404.",
    source="openapi.yaml deleteProvider, getProviderInfo",
)
async def a_deleted_provider_is_gone(ctx: Context) -> None:
    room = ctx.unique("conf")
    _, provider = await _provider(ctx, room, name="doomed")
    info = f"{J}/rooms/{room}/providers/{provider['full_name']}/info"
    steps.expect(ctx.admin, await ctx.admin.get(info), 200, what="reading the provider's info")
    steps.expect(ctx.admin, await ctx.admin.delete(f"{J}/providers/{provider['id']}"), 204, what="deleting it")
    gone = await ctx.admin.get(info)
    steps.expect_problem(ctx.admin, gone, 404, "provider-not-found", what="reading a deleted provider")
    again = await ctx.admin.delete(f"{J}/providers/{provider['id']}")
    steps.expect_problem(ctx.admin, again, 404, "provider-not-found", what="deleting it again")


@check(
    "PROVIDER-error",
    suite=Suite.EVENTS,
    rule="A provider that uploads `X-Result-Status: error` with a problem makes the waiting read answer 502 "
    "`provider-error` carrying the provider's problem, instead of waiting for a 504.",
    source="openapi.yaml uploadProviderResult, readProvider responses.502",
)
async def a_provider_error_reaches_the_reader(ctx: Context) -> None:
    room = ctx.unique("conf")
    job, provider = await _provider(ctx, room, name="broken")
    async with ctx.listener() as provider_socket:
        await provider_socket.must_join(
            "join_provider_room",
            {"provider_name": provider["full_name"], "worker_id": job["worker_id"]},
            f"providers:{provider['full_name']}",
        )
        read = ctx.spawn(
            ctx.admin.get(
                f"{J}/rooms/{room}/providers/{provider['full_name']}", params={"f": "x"}, headers={"Prefer": "wait=10"}
            )
        )
        request = await provider_socket.next("provider_request")
        problem = {"title": "No such file", "detail": "x does not exist"}
        upload = await ctx.admin.post(
            f"{J}/providers/{provider['id']}/results",
            json=problem,
            headers={"X-Request-Hash": request["request_id"], "X-Result-Status": "error"},
        )
        steps.expect(ctx.admin, upload, 204, what="uploading an error")
        response = await read
        steps.expect_problem(ctx.admin, response, 502, "provider-error", what="a read the provider failed")
        carried = response.json().get("provider_problem") or {}
        if carried.get("title") != problem["title"]:
            raise Violation(f"the 502 carries provider_problem {carried!r}", ctx.admin.curl(response))
