"""ACCESS: who may do what (openapi.yaml, "Access"). Most rules need a second, non-superuser
account (`--user-token`, or one the suite creates)."""

from __future__ import annotations

from zndraw_joblib_conformance import steps
from zndraw_joblib_conformance.checks import Context, J, Violation, check
from zndraw_joblib_conformance.options import Need, Suite

ACCESS = "openapi.yaml info.description, Access"


@check(
    "ACCESS-job-owner",
    needs=[Need.USER_TOKEN],
    rule="A job of a regular room belongs to the user who first registered it: another (non-superuser) user's "
    "registration of it, even with an equal schema, is 403 `forbidden`.",
    source=ACCESS + "; registerJob",
)
async def another_users_job_cannot_be_taken_over(ctx: Context) -> None:
    job = await steps.register_job(ctx.admin, ctx.unique("room"), name=ctx.unique("Job"), schema={"type": "object"})
    other = ctx.other()
    body = {"category": job["category"], "name": job["name"], "schema": {"type": "object"}}
    response = await other.put(f"{J}/rooms/{job['room_id']}/jobs", json=body)
    steps.expect_problem(other, response, 403, "forbidden", what="another user registering an existing job")


@check(
    "ACCESS-superuser-rooms",
    needs=[Need.USER_TOKEN],
    rule="Only superusers register jobs in `@global` or `@internal` and providers in `@global` (403 `forbidden`).",
    source=ACCESS,
)
async def reserved_rooms_are_for_superusers(ctx: Context) -> None:
    other = ctx.other()
    for room in ("@global", "@internal"):
        response = await other.put(f"{J}/rooms/{room}/jobs", json={"category": "modifiers", "name": ctx.unique("X")})
        steps.expect_problem(other, response, 403, "forbidden", what=f"a regular user registering in {room}")
    response = await other.put(f"{J}/rooms/@global/providers", json={"category": "filesystem", "name": ctx.unique("p")})
    steps.expect_problem(other, response, 403, "forbidden", what="a regular user registering a @global provider")


@check(
    "ACCESS-worker-owner",
    needs=[Need.USER_TOKEN],
    rule="Another user's worker cannot be heartbeated, claimed with or deleted (403 `forbidden`); a superuser "
    "may delete any worker.",
    source=ACCESS + "; heartbeatWorker, claimTask, deleteWorker",
)
async def workers_belong_to_their_user(ctx: Context) -> None:
    other = ctx.other()
    admins = await steps.create_worker(ctx.admin)
    wid = admins["id"]
    for method, url, body in (
        ("PATCH", f"{J}/workers/{wid}", None),
        ("POST", f"{J}/tasks/claim", {"worker_id": wid}),
        ("DELETE", f"{J}/workers/{wid}", None),
    ):
        response = await other.request(method, url, **({"json": body} if body else {}))
        steps.expect_problem(other, response, 403, "forbidden", what=f"{method} {url} on another user's worker")
    theirs = await steps.create_worker(other)
    deleted = await ctx.admin.delete(f"{J}/workers/{theirs['id']}")
    steps.expect(ctx.admin, deleted, 204, what="a superuser deleting another user's worker")


@check(
    "ACCESS-task-update",
    needs=[Need.USER_TOKEN],
    rule="A task claimed by one user's worker cannot be moved by another (non-superuser) user: 403 `forbidden`.",
    source=ACCESS + "; updateTask",
)
async def tasks_are_moved_by_their_workers_owner(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    task = await steps.submit(ctx.admin, room, job["full_name"])
    await steps.claim(ctx.admin, job["worker_id"])
    other = ctx.other()
    response = await other.patch(f"{J}/tasks/{task['id']}", json={"status": "running"})
    steps.expect_problem(other, response, 403, "forbidden", what="another user moving a claimed task")


@check(
    "ACCESS-submitter-cancels",
    needs=[Need.USER_TOKEN],
    rule="The user who submitted a task may cancel it while it is pending, though the job is another user's.",
    source="openapi.yaml updateTask (allowed callers)",
)
async def a_submitter_may_cancel_a_pending_task(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    other = ctx.other()
    task = await steps.submit(other, room, job["full_name"])
    cancelled = await steps.update(other, task["id"], "cancelled")
    if cancelled["status"] != "cancelled":
        raise Violation(f"the submitter's cancel left the task {cancelled['status']}")


@check(
    "ACCESS-provider-owner",
    needs=[Need.USER_TOKEN],
    rule="Another (non-superuser) user cannot overwrite, delete or upload results for a user's provider: "
    "403 `forbidden`.",
    source=ACCESS + "; registerProvider, deleteProvider, uploadProviderResult",
)
async def providers_belong_to_their_user(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    provider = await steps.register_provider(ctx.admin, room, name="owned", worker_id=job["worker_id"])
    other = ctx.other()
    overwrite = await other.put(f"{J}/rooms/{room}/providers", json={"category": "filesystem", "name": "owned"})
    steps.expect_problem(other, overwrite, 403, "forbidden", what="overwriting another user's provider")
    upload = await other.post(
        f"{J}/providers/{provider['id']}/results", content=b"{}", headers={"X-Request-Hash": "0" * 64}
    )
    steps.expect_problem(other, upload, 403, "forbidden", what="uploading for another user's provider")
    delete = await other.delete(f"{J}/providers/{provider['id']}")
    steps.expect_problem(other, delete, 403, "forbidden", what="deleting another user's provider")


@check(
    "ACCESS-join_job_room-linked",
    suite=Suite.EVENTS,
    rule="Only a worker linked to a job may join its channel: a worker of the same user that is not linked is "
    "refused (`forbidden`), a linked one accepted.",
    source="asyncapi.yaml info.description, Conventions (Access)",
)
async def only_linked_workers_join_a_job_channel(ctx: Context) -> None:
    job = await steps.register_job(ctx.admin, ctx.unique("room"))
    idle = await steps.create_worker(ctx.admin)
    async with ctx.listener() as socket:
        refused = await socket.call("join_job_room", {"job_name": job["full_name"], "worker_id": idle["id"]})
        kind = (refused.get("error") or {}).get("type") if isinstance(refused, dict) else None
        if not isinstance(refused, dict) or refused.get("ok") is not False or kind != "/v1/problems/forbidden":
            raise Violation(f"an unlinked worker's join_job_room was answered {refused!r}")
        linked = await socket.call("join_job_room", {"job_name": job["full_name"], "worker_id": job["worker_id"]})
        if linked != {"ok": True}:
            raise Violation(f"the linked worker's join_job_room was answered {linked!r}")


@check(
    "ACCESS-join_job_room-owner",
    suite=Suite.EVENTS,
    needs=[Need.USER_TOKEN],
    rule="A socket cannot join a job channel as another user's worker (`forbidden` in the ack).",
    source="asyncapi.yaml info.description, Conventions (Access)",
)
async def nobody_joins_as_another_users_worker(ctx: Context) -> None:
    job = await steps.register_job(ctx.admin, ctx.unique("room"))
    ctx.other()  # not applicable without a second account
    async with ctx.listener(ctx.user_token) as socket:
        stolen = await socket.call("join_job_room", {"job_name": job["full_name"], "worker_id": job["worker_id"]})
        kind = (stolen.get("error") or {}).get("type") if isinstance(stolen, dict) else None
        if kind != "/v1/problems/forbidden":
            raise Violation(f"joining as another user's worker was answered {stolen!r}")
        if not socket.client.connected:
            raise Violation("the server closed the connection after a refused join")


@check(
    "ACCESS-operator-views",
    needs=[Need.USER_TOKEN],
    rule="The operator's views across rooms (all tasks, all rooms, queue statistics) are for superusers: "
    "403 `forbidden` for a regular user.",
    source="openapi.yaml listTasks, listRooms, getStats",
)
async def operator_views_are_for_superusers(ctx: Context) -> None:
    other = ctx.other()
    for op in ctx.openapi.operations:
        if op.operation_id in {"listTasks", "listRooms", "getStats"}:
            response = await other.request(op.method, op.concrete_path())
            steps.expect_problem(other, response, 403, "forbidden", what=f"a regular user on {op.label}")
            steps.expect(ctx.admin, await ctx.admin.request(op.method, op.concrete_path()), 200, what=op.label)


@check(
    "ACCESS-progress-owner",
    needs=[Need.USER_TOKEN],
    rule="Only the owner of the worker that claimed a task (or a superuser) reports its progress: 403 otherwise.",
    source="openapi.yaml reportTaskProgress",
)
async def progress_is_reported_by_the_workers_owner(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    task = await steps.submit(ctx.admin, room, job["full_name"])
    await steps.claim(ctx.admin, job["worker_id"])
    await steps.update(ctx.admin, task["id"], "running")
    other = ctx.other()
    response = await other.put(f"{J}/tasks/{task['id']}/progress", json={"fraction": 0.2})
    steps.expect_problem(other, response, 403, "forbidden", what="another user reporting progress")
