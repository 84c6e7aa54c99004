"""TASK (lifecycle): progress, cancelling running tasks, idempotent submits, jobs nobody serves."""

from __future__ import annotations

import uuid

from zndraw_joblib_conformance import steps
from zndraw_joblib_conformance.checks import Context, J, Violation, check
from zndraw_joblib_conformance.options import Suite


async def _running(ctx: Context, room: str) -> tuple[dict[str, str], dict[str, str]]:
    job = await steps.register_job(ctx.admin, room)
    task = await steps.submit(ctx.admin, room, job["full_name"])
    await steps.claim(ctx.admin, job["worker_id"])
    await steps.update(ctx.admin, task["id"], "running")
    return job, task


@check(
    "TASK-progress",
    suite=Suite.EVENTS,
    rule="The claiming worker's owner reports progress of a running task (204): it is kept with the task and "
    "announced to the room as `task_progress`; progress of a task that is not running is 409.",
    source="openapi.yaml reportTaskProgress; asyncapi.yaml operations.sendTaskProgress",
)
async def progress_is_kept_and_announced(ctx: Context) -> None:
    room = ctx.unique("conf")
    job, task = await _running(ctx, room)
    async with ctx.listener() as frontend:
        await frontend.must_join("join_room", {"room_id": room}, f"room:{room}")
        report = {"fraction": 0.5, "current": 5, "total": 10, "message": "halfway"}
        response = await ctx.admin.put(f"{J}/tasks/{task['id']}/progress", json=report)
        steps.expect(ctx.admin, response, 204, what="reporting progress")
        event = await frontend.next("task_progress", lambda d: d["id"] == task["id"])
        if {k: event["progress"].get(k) for k in report} != report:
            raise Violation(f"task_progress carried {event['progress']!r}, not the report {report!r}")
    kept = await steps.get_task(ctx.admin, task["id"])
    if not isinstance(kept.get("progress"), dict) or kept["progress"].get("fraction") != 0.5:
        raise Violation(f"the task keeps progress {kept.get('progress')!r}")
    pending = await steps.submit(ctx.admin, room, job["full_name"])
    early = await ctx.admin.put(f"{J}/tasks/{pending['id']}/progress", json={"fraction": 0.1})
    steps.expect_problem(ctx.admin, early, 409, "invalid-task-transition", what="progress of a pending task")


@check(
    "TASK-cancel-running",
    suite=Suite.EVENTS,
    rule="Cancelling a running task makes it `cancelled` and tells the worker that claimed it (`task_cancelled` "
    "in its worker channel); the worker's later update is 409.",
    source="openapi.yaml updateTask; asyncapi.yaml operations.sendTaskCancelled",
)
async def cancelling_a_running_task_tells_its_worker(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    async with ctx.listener() as worker:
        await worker.must_join(
            "join_job_room", {"job_name": job["full_name"], "worker_id": job["worker_id"]}, f"jobs:{job['full_name']}"
        )
        task = await steps.submit(ctx.admin, room, job["full_name"])
        await steps.claim(ctx.admin, job["worker_id"])
        await steps.update(ctx.admin, task["id"], "running")
        cancelled = await steps.update(ctx.admin, task["id"], "cancelled")
        if cancelled["status"] != "cancelled":
            raise Violation(f"cancelling a running task left it {cancelled['status']}")
        told = await worker.next("task_cancelled", lambda d: d["id"] == task["id"])
        if told.get("name") != job["full_name"] or told.get("room_id") != room:
            raise Violation(f"task_cancelled carried {told!r}")
        late = await ctx.admin.patch(f"{J}/tasks/{task['id']}", json={"status": "completed"})
        steps.expect_problem(ctx.admin, late, 409, "invalid-task-transition", what="completing a cancelled task")


@check(
    "TASK-idempotent-submit",
    rule="A submit repeated with the same `Idempotency-Key` answers the first task again (202, same id); the same "
    "key with another body is 422 `idempotency-key-reused`.",
    source="openapi.yaml submitTask (Idempotent submit)",
)
async def a_repeated_key_answers_the_same_task(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    url, key = f"{J}/rooms/{room}/tasks/{job['full_name']}", {"Idempotency-Key": str(uuid.uuid4())}
    first = steps.expect(ctx.admin, await ctx.admin.post(url, json={"payload": {"a": 1}}, headers=key), 202,
                         what="a submit with a key")  # fmt: skip
    again = steps.expect(ctx.admin, await ctx.admin.post(url, json={"payload": {"a": 1}}, headers=key), 202,
                         what="the same submit again")  # fmt: skip
    if again["id"] != first["id"]:
        raise Violation(f"the repeated submit created task {again['id']} besides {first['id']}")
    other = await ctx.admin.post(url, json={"payload": {"a": 2}}, headers=key)
    steps.expect_problem(ctx.admin, other, 422, "idempotency-key-reused", what="the key with another body")


@check(
    "TASK-no-workers-available",
    rule="Submitting to an active job no worker serves answers 409 `no-workers-available`.",
    source="openapi.yaml submitTask responses.409",
)
async def a_job_nobody_serves_refuses_work(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    await steps.submit(ctx.admin, room, job["full_name"])  # a pending task keeps the job active
    steps.expect(ctx.admin, await ctx.admin.delete(f"{J}/workers/{job['worker_id']}"), 204, what="deleting")
    response = await ctx.admin.post(f"{J}/rooms/{room}/tasks/{job['full_name']}", json={"payload": {}})
    steps.expect_problem(ctx.admin, response, 409, "no-workers-available", what="submitting to an unserved job")
