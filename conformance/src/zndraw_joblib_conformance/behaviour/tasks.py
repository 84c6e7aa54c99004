"""TASK: submitting (payload validation, visibility, headers), moving (transitions, timestamps),
queue positions and listings."""

from __future__ import annotations

import re
import uuid
from typing import Any

from zndraw_joblib_conformance import steps
from zndraw_joblib_conformance.checks import Context, J, Violation, check

RFC3339_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
ANGLE = {"type": "object", "properties": {"angle": {"type": "number"}}, "required": ["angle"]}


@check(
    "TASK-payload-validated",
    rule="A payload that does not match the job's JSON Schema is refused with 422 `validation-error` listing "
    "the errors (nothing is queued); a matching one is accepted.",
    source="openapi.yaml submitTask",
)
async def payloads_are_validated(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room, schema=ANGLE)
    url = f"{J}/rooms/{room}/tasks/{job['full_name']}"
    for payload in ({"angle": "x"}, {}):
        response = await ctx.admin.post(url, json={"payload": payload})
        steps.expect_problem(ctx.admin, response, 422, "validation-error", what=f"submitting payload {payload}")
        if not response.json().get("errors"):
            raise Violation("the 422 lists no errors", ctx.admin.curl(response))
    listed = steps.expect(ctx.admin, await ctx.admin.get(f"{J}/rooms/{room}/tasks"), 200, what="listing tasks")
    if listed["total"] != 0:
        raise Violation(f"refused payloads left {listed['total']} task(s) in the room")
    await steps.submit(ctx.admin, room, job["full_name"], {"angle": 45})


@check(
    "TASK-submit-response",
    rule="A submission answers 202 with the pending task (every key present, its payload, queue position 1 for "
    "a job's first task), `Location: /v1/joblib/tasks/{id}` and `Retry-After`.",
    source="openapi.yaml submitTask responses.202",
)
async def a_submission_points_at_its_task(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    response = await ctx.admin.post(f"{J}/rooms/{room}/tasks/{job['full_name']}", json={"payload": {"k": [1]}})
    task = steps.expect(ctx.admin, response, 202, what="submitting")
    expected = {"status": "pending", "payload": {"k": [1]}, "queue_position": 1, "room_id": room}
    wrong = {k: task.get(k) for k, v in expected.items() if task.get(k) != v}
    if wrong:
        raise Violation(f"the submitted task has {wrong}, expected {expected}", ctx.admin.curl(response))
    location = response.headers.get("location", "")
    if not location.endswith(f"/v1/joblib/tasks/{task['id']}"):
        raise Violation(f"Location is {location!r}", ctx.admin.curl(response))
    if not response.headers.get("retry-after", "").isdigit():
        raise Violation("no numeric Retry-After on the 202", ctx.admin.curl(response))


@check(
    "TASK-job-visibility",
    rule="A room may submit to `@global` jobs and its own; another room's private job is 404 `job-not-found`.",
    source="openapi.yaml submitTask",
)
async def submissions_see_only_visible_jobs(ctx: Context) -> None:
    room, other = ctx.unique("conf"), ctx.unique("conf")
    private = await steps.register_job(ctx.admin, other)
    refused = await ctx.admin.post(f"{J}/rooms/{room}/tasks/{private['full_name']}", json={"payload": {}})
    steps.expect_problem(ctx.admin, refused, 404, "job-not-found", what="submitting to another room's job")
    shared = await steps.register_job(ctx.admin, "@global", name=ctx.unique("Shared"))
    task = await steps.submit(ctx.admin, room, shared["full_name"])
    if task["room_id"] != room or task["job_name"] != shared["full_name"]:
        raise Violation(f"a global job's task submitted in {room} reads room {task['room_id']}, job {task['job_name']}")


@check(
    "TASK-transitions",
    rule="Only `pending → claimed → running → completed | failed`, `claimed → failed`, and `cancelled` from "
    "pending, claimed or running are allowed; anything else (from a terminal state, skipping a step) is 409 "
    "`invalid-task-transition`.",
    source="openapi.yaml updateTask; components.schemas.TaskStatus",
)
async def only_documented_transitions_are_allowed(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    url = f"{J}/tasks/{{}}"

    async def refused(task_id: str, status: str, state: str) -> None:
        response = await ctx.admin.patch(url.format(task_id), json={"status": status})
        steps.expect_problem(ctx.admin, response, 409, "invalid-task-transition", what=f"{state} → {status}")

    pending = await steps.submit(ctx.admin, room, job["full_name"])
    for status in ("running", "completed", "failed"):
        await refused(pending["id"], status, "pending")
    await steps.update(ctx.admin, pending["id"], "cancelled")
    for status in ("pending", "claimed", "running", "completed", "failed", "cancelled"):
        await refused(pending["id"], status, "cancelled")
    task = await steps.submit(ctx.admin, room, job["full_name"])
    await steps.claim(ctx.admin, job["worker_id"])
    await refused(task["id"], "completed", "claimed")
    await steps.update(ctx.admin, task["id"], "running")
    await refused(task["id"], "claimed", "running")
    await steps.update(ctx.admin, task["id"], "completed")
    await refused(task["id"], "failed", "completed")
    doomed = await steps.submit(ctx.admin, room, job["full_name"])
    await steps.claim(ctx.admin, job["worker_id"])
    await steps.update(ctx.admin, doomed["id"], "failed", error="could not start")


@check(
    "TASK-timestamps",
    rule="`started_at` is set on running, `completed_at` on a terminal state, `error` is kept with a terminal "
    "status; every timestamp is RFC 3339 with an offset.",
    source="openapi.yaml components.schemas.TaskResponse; info.description, Conventions",
)
async def transitions_stamp_their_times(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    task = await steps.submit(ctx.admin, room, job["full_name"])
    _offsets(task, "a submitted task")
    if task["started_at"] is not None or task["completed_at"] is not None:
        raise Violation(f"a pending task has started_at={task['started_at']}, completed_at={task['completed_at']}")
    await steps.claim(ctx.admin, job["worker_id"])
    running = await steps.update(ctx.admin, task["id"], "running")
    if running["started_at"] is None or running["completed_at"] is not None:
        raise Violation(
            f"a running task has started_at={running['started_at']}, completed_at={running['completed_at']}"
        )
    failed = await steps.update(ctx.admin, task["id"], "failed", error="RuntimeError: boom")
    if failed["completed_at"] is None or failed["error"] != "RuntimeError: boom":
        raise Violation(f"a failed task has completed_at={failed['completed_at']}, error={failed['error']!r}")
    _offsets(failed, "a failed task")
    worker = steps.expect(ctx.admin, await ctx.admin.patch(f"{J}/workers/{job['worker_id']}"), 200, what="heartbeat")
    _offsets(worker, "a heartbeat")


def _offsets(item: dict[str, Any], what: str) -> None:
    for key in ("created_at", "started_at", "completed_at", "last_heartbeat"):
        value = item.get(key)
        if isinstance(value, str) and not RFC3339_WITH_OFFSET.match(value):
            raise Violation(f"{what}: {key}={value!r} is not RFC 3339 with an offset")


@check(
    "TASK-queue-position",
    rule="`queue_position` is the 1-based FIFO position among the job's pending tasks, and null once claimed.",
    source="openapi.yaml components.schemas.TaskResponse.queue_position",
)
async def queue_positions_follow_the_queue(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    tasks = [await steps.submit(ctx.admin, room, job["full_name"]) for _ in range(3)]
    if [t["queue_position"] for t in tasks] != [1, 2, 3]:
        raise Violation(f"three submissions got queue positions {[t['queue_position'] for t in tasks]}")
    claimed = await steps.claim(ctx.admin, job["worker_id"])
    now = [await steps.get_task(ctx.admin, t["id"]) for t in tasks]
    positions = [t["queue_position"] for t in now]
    if claimed is None or positions != [None, 1, 2]:
        raise Violation(f"after one claim the positions are {positions}, expected [None, 1, 2]")


@check(
    "TASK-listing",
    rule="A room's task list is newest first, filters by `status`, and pages with `limit`/`offset` without "
    "repeating or skipping a task; `total` counts all matches.",
    source="openapi.yaml listRoomTasks; info.description, Conventions (lists)",
)
async def room_tasks_page_newest_first(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    submitted = [(await steps.submit(ctx.admin, room, job["full_name"]))["id"] for _ in range(5)]
    await steps.claim(ctx.admin, job["worker_id"])
    pages: list[str] = []
    for offset in (0, 2, 4):
        page = steps.expect(
            ctx.admin,
            await ctx.admin.get(f"{J}/rooms/{room}/tasks", params={"limit": 2, "offset": offset}),
            200,
            what="listing a page",
        )
        if page["total"] != 5 or page["limit"] != 2 or page["offset"] != offset:
            raise Violation(
                f"page at offset {offset}: total={page['total']} limit={page['limit']} offset={page['offset']}"
            )
        pages += [t["id"] for t in page["items"]]
    if pages != list(reversed(submitted)):
        raise Violation(f"pages gave {pages}, newest first would be {list(reversed(submitted))}")
    pending = steps.expect(
        ctx.admin, await ctx.admin.get(f"{J}/rooms/{room}/tasks", params={"status": "pending"}), 200, what="filter"
    )
    if pending["total"] != 4 or any(t["status"] != "pending" for t in pending["items"]):
        raise Violation(f"status=pending gave total {pending['total']}: {[t['status'] for t in pending['items']]}")


@check(
    "TASK-internal-without-executor",
    rule="A task for an `@internal` job this server has no executor for answers 503 "
    "`internal-job-not-configured` (and no `task_available` is ever sent for internal jobs).",
    source="openapi.yaml submitTask responses.503",
)
async def internal_jobs_need_an_executor(ctx: Context) -> None:
    job = await steps.register_job(ctx.admin, "@internal", name=ctx.unique("NoExecutor"))
    response = await ctx.admin.post(f"{J}/rooms/{ctx.unique('conf')}/tasks/{job['full_name']}", json={"payload": {}})
    steps.expect_problem(ctx.admin, response, 503, "internal-job-not-configured", what="submitting an internal job")


@check(
    "TASK-not-found",
    rule="Reading or moving a task that does not exist answers 404 `task-not-found`.",
    source="openapi.yaml getTask, updateTask responses.404",
)
async def unknown_tasks_are_404(ctx: Context) -> None:
    missing = str(uuid.uuid4())
    steps.expect_problem(ctx.admin, await ctx.admin.get(f"{J}/tasks/{missing}"), 404, "task-not-found", what="GET")
    moved = await ctx.admin.patch(f"{J}/tasks/{missing}", json={"status": "running"})
    steps.expect_problem(ctx.admin, moved, 404, "task-not-found", what="PATCH")
