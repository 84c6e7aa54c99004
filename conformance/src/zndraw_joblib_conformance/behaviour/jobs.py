"""JOB: registering (idempotent upserts, conflicts, categories, room ids, the `schema_` synonym)
and resolving jobs from rooms."""

from __future__ import annotations

import uuid

from zndraw_joblib_conformance import steps
from zndraw_joblib_conformance.checks import Context, J, Violation, check

REGISTER = "openapi.yaml registerJob"


@check(
    "JOB-idempotent",
    rule="Registering a new job answers 201; the same registration again answers 200 with the same job.",
    source=REGISTER,
)
async def registering_twice_is_idempotent(ctx: Context) -> None:
    room = ctx.unique("conf")
    body = {"category": "modifiers", "name": "Twice", "schema": {"type": "object"}}
    first = steps.expect(ctx.admin, await ctx.admin.put(f"{J}/rooms/{room}/jobs", json=body), 201, what="registering")
    body["worker_id"] = first["worker_id"]
    again = steps.expect(ctx.admin, await ctx.admin.put(f"{J}/rooms/{room}/jobs", json=body), 200, what="again")
    if again["id"] != first["id"] or again["full_name"] != f"{room}:modifiers:Twice":
        raise Violation(f"the second registration returned {again['id']} / {again['full_name']}")


@check(
    "JOB-schema-conflict",
    rule="Registering an active job with a different schema answers 409 `schema-conflict`.",
    source=REGISTER + " responses.409",
)
async def a_different_schema_conflicts(ctx: Context) -> None:
    room = ctx.unique("conf")
    await steps.register_job(ctx.admin, room, name="Conflicted", schema={"type": "object"})
    response = await ctx.admin.put(
        f"{J}/rooms/{room}/jobs", json={"category": "modifiers", "name": "Conflicted", "schema": {"type": "array"}}
    )
    steps.expect_problem(ctx.admin, response, 409, "schema-conflict", what="registering with another schema")


@check(
    "JOB-schema-synonym",
    rule="`schema_` is accepted as a synonym of `schema`; sending both is 422.",
    source="openapi.yaml components.schemas.JobRegisterRequest",
)
async def schema_underscore_is_a_synonym(ctx: Context) -> None:
    room = ctx.unique("conf")
    response = await ctx.admin.put(
        f"{J}/rooms/{room}/jobs", json={"category": "modifiers", "name": "Syn", "schema_": {"type": "object"}}
    )
    job = steps.expect(ctx.admin, response, 201, what="registering with schema_")
    if job["schema"] != {"type": "object"}:
        raise Violation(f"a job registered with schema_ reads schema {job['schema']!r}", ctx.admin.curl(response))
    both = await ctx.admin.put(
        f"{J}/rooms/{room}/jobs",
        json={"category": "modifiers", "name": "Both", "schema": {}, "schema_": {}},
    )
    steps.expect_problem(ctx.admin, both, 422, "validation-error", what="registering with schema and schema_")


@check(
    "JOB-invalid-category",
    rule="A category outside the server's `allowed_categories` answers 400 `invalid-category`.",
    source=REGISTER + " responses.400",
)
async def unknown_categories_are_refused(ctx: Context) -> None:
    response = await ctx.admin.put(
        f"{J}/rooms/{ctx.unique('conf')}/jobs", json={"category": "no-such-category", "name": "X"}
    )
    steps.expect_problem(ctx.admin, response, 400, "invalid-category", what="registering in an unknown category")


@check(
    "JOB-invalid-room-id",
    rule="A room id with `:` or `@` (other than `@global`/`@internal`) or longer than 128 characters answers "
    "400 `invalid-room-id` (registering, listing, submitting).",
    source="openapi.yaml components.schemas.RoomId; info.description, Conventions",
)
async def malformed_room_ids_are_refused(ctx: Context) -> None:
    for room in ("a:b", "a@b", "@elsewhere", "r" * 129):
        response = await ctx.admin.put(f"{J}/rooms/{room}/jobs", json={"category": "modifiers", "name": "X"})
        steps.expect_problem(ctx.admin, response, 400, "invalid-room-id", what=f"registering in room {room[:20]!r}")
        listed = await ctx.admin.get(f"{J}/rooms/{room}/jobs")
        steps.expect_problem(ctx.admin, listed, 400, "invalid-room-id", what=f"listing room {room[:20]!r}")
        submitted = await ctx.admin.post(f"{J}/rooms/{room}/tasks/@global:modifiers:X", json={"payload": {}})
        steps.expect_problem(ctx.admin, submitted, 400, "invalid-room-id", what=f"submitting in room {room[:20]!r}")


@check(
    "JOB-unknown-worker",
    rule="Registering with a `worker_id` that does not exist answers 404 `worker-not-found`.",
    source=REGISTER + " responses.404",
)
async def registering_for_an_unknown_worker_is_404(ctx: Context) -> None:
    response = await ctx.admin.put(
        f"{J}/rooms/{ctx.unique('conf')}/jobs",
        json={"category": "modifiers", "name": "X", "worker_id": str(uuid.uuid4())},
    )
    steps.expect_problem(ctx.admin, response, 404, "worker-not-found", what="registering for an unknown worker")


@check(
    "JOB-visibility",
    rule="Jobs listed from `@global` are the global ones only; from a room: global, internal and the room's "
    "own, never another room's. A job is read by its full name from any room it is visible from.",
    source="openapi.yaml listJobs, getJob",
)
async def jobs_are_listed_per_room(ctx: Context) -> None:
    room, other = ctx.unique("conf"), ctx.unique("conf")
    mine = await steps.register_job(ctx.admin, room, name="Mine")
    theirs = await steps.register_job(ctx.admin, other, name="Theirs")
    shared = await steps.register_job(ctx.admin, "@global", name=ctx.unique("Shared"))
    listed = steps.expect(
        ctx.admin, await ctx.admin.get(f"{J}/rooms/{room}/jobs", params={"limit": 500}), 200, what="listing"
    )
    names = {j["full_name"] for j in listed["items"]}
    if mine["full_name"] not in names or theirs["full_name"] in names:
        raise Violation(f"listing {room}: own job listed={mine['full_name'] in names}, another room's listed="
                        f"{theirs['full_name'] in names}")  # fmt: skip
    if shared["full_name"] not in names and listed["total"] <= len(listed["items"]):
        raise Violation(f"listing {room} does not show the global job {shared['full_name']}")
    global_list = steps.expect(
        ctx.admin, await ctx.admin.get(f"{J}/rooms/@global/jobs", params={"limit": 500}), 200, what="listing @global"
    )
    if any(not j["full_name"].startswith("@global:") for j in global_list["items"]):
        raise Violation("listing @global shows a job of another room")
    read = await ctx.admin.get(f"{J}/rooms/{room}/jobs/{shared['full_name']}")
    job = steps.expect(ctx.admin, read, 200, what="reading a global job from a room")
    if job["full_name"] != shared["full_name"] or job["worker_id"] is not None:
        raise Violation(f"reading {shared['full_name']} gave {job['full_name']} with worker_id {job['worker_id']}")
    hidden = await ctx.admin.get(f"{J}/rooms/{room}/jobs/{theirs['full_name']}")
    steps.expect_problem(ctx.admin, hidden, 404, "job-not-found", what="reading another room's job")


@check(
    "JOB-name-with-slash",
    rule="A name may contain `/` and `:`; sent percent-encoded (`%2F`) a job named `a/tasks` is that job, "
    "never the task listing of a job `a`.",
    source="openapi.yaml info.description, Conventions (full names)",
)
async def names_may_contain_slashes(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room, name="x:y/tasks")
    encoded = job["full_name"].replace("/", "%2F")
    read = await ctx.admin.get(f"{J}/rooms/{room}/jobs/{encoded}")
    body = steps.expect(ctx.admin, read, 200, what="reading a job whose name has a slash")
    if body.get("full_name") != f"{room}:modifiers:x:y/tasks":
        raise Violation(f"reading {encoded} gave {str(body)[:200]}", ctx.admin.curl(read))
    task = await steps.submit(ctx.admin, room, encoded)
    if task["job_name"] != job["full_name"]:
        raise Violation(f"a task of {job['full_name']} names {task['job_name']}")
