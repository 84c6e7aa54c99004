"""CLEANUP: a worker that leaves (DELETE), drops its socket or goes silent loses its tasks and jobs."""

from __future__ import annotations

import time

from zndraw_joblib_conformance import steps
from zndraw_joblib_conformance.checks import Context, J, Violation, check
from zndraw_joblib_conformance.options import Need, Suite

DISCONNECTED = "Worker disconnected"


@check(
    "CLEANUP-worker-delete",
    suite=Suite.EVENTS,
    rule='Deleting a worker fails its claimed task with "Worker disconnected" (announced to the room) and '
    "tells the job's room `jobs_invalidate`.",
    source="openapi.yaml deleteWorker; asyncapi.yaml operations.sendJobsInvalidate",
)
async def deleting_a_worker_fails_its_task(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    task = await steps.submit(ctx.admin, room, job["full_name"])
    await steps.claim(ctx.admin, job["worker_id"])
    async with ctx.listener() as frontend:
        await frontend.must_join("join_room", {"room_id": room}, f"room:{room}")
        steps.expect(ctx.admin, await ctx.admin.delete(f"{J}/workers/{job['worker_id']}"), 204, what="deleting")
        failed = await frontend.next("task_status_event", lambda d: d["id"] == task["id"])
        if (failed["status"], failed["error"]) != ("failed", DISCONNECTED):
            raise Violation(f"the task became {failed['status']} with error {failed['error']!r}")
        await frontend.next("jobs_invalidate")


@check(
    "CLEANUP-socket-drop",
    suite=Suite.EVENTS,
    rule="A worker whose socket (joined to its job's channel) drops is cleaned up within a second: its "
    'running task fails with "Worker disconnected" and the worker is gone (heartbeat 404).',
    source="asyncapi.yaml info.description, Conventions (disconnect)",
)
async def a_dropped_socket_is_cleaned_up_at_once(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    task = await steps.submit(ctx.admin, room, job["full_name"])
    async with ctx.listener() as frontend:
        await frontend.must_join("join_room", {"room_id": room}, f"room:{room}")
        async with ctx.listener() as worker:
            await worker.must_join(
                "join_job_room",
                {"job_name": job["full_name"], "worker_id": job["worker_id"]},
                f"jobs:{job['full_name']}",
            )
            await steps.claim(ctx.admin, job["worker_id"])
            await steps.update(ctx.admin, task["id"], "running")
            dropped_at = time.monotonic()
        failed = await frontend.next(
            "task_status_event", lambda d: d["id"] == task["id"] and d["status"] == "failed", within=5
        )
        elapsed = time.monotonic() - dropped_at
        if elapsed >= 1.0:
            raise Violation(f"the task failed {elapsed:.2f} s after the socket dropped (bound: 1 s)")
        if failed["error"] != DISCONNECTED:
            raise Violation(f"the task failed with {failed['error']!r}, not {DISCONNECTED!r}")
        gone = await ctx.admin.patch(f"{J}/workers/{job['worker_id']}")
        if gone.status_code != 404:
            raise Violation(f"the dropped worker still answers its heartbeat: {gone.status_code}", ctx.admin.curl(gone))


@check(
    "CLEANUP-sweep",
    suite=Suite.EVENTS,
    needs=[Need.SWEEP],
    rule='A worker that stops heartbeating is swept: its claimed task fails with "Worker disconnected" '
    "within --sweep-within seconds.",
    source="openapi.yaml heartbeatWorker (worker_timeout_seconds)",
    timeout=600,
)
async def a_silent_worker_is_swept(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    task = await steps.submit(ctx.admin, room, job["full_name"])
    await steps.claim(ctx.admin, job["worker_id"])
    assert ctx.options.sweep_within is not None
    async with ctx.listener() as frontend:
        await frontend.must_join("join_room", {"room_id": room}, f"room:{room}")
        failed = await frontend.next(
            "task_status_event",
            lambda d: d["id"] == task["id"] and d["status"] == "failed",
            within=ctx.options.sweep_within,
        )
        if failed["error"] != DISCONNECTED:
            raise Violation(f"the swept task failed with {failed['error']!r}, not {DISCONNECTED!r}")


@check(
    "CLEANUP-orphan-job",
    rule="A job whose last worker is deleted and that has no pending task is hidden (not listed, 404) and its "
    "tasks stay readable; registering it again re-activates it (201).",
    source="openapi.yaml deleteWorker, registerJob",
)
async def an_orphaned_job_is_hidden_and_revived(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room, schema={"type": "object"})
    task = await steps.submit(ctx.admin, room, job["full_name"])
    await steps.claim(ctx.admin, job["worker_id"])
    await steps.update(ctx.admin, task["id"], "running")
    await steps.update(ctx.admin, task["id"], "completed")
    steps.expect(ctx.admin, await ctx.admin.delete(f"{J}/workers/{job['worker_id']}"), 204, what="deleting")
    listed = steps.expect(ctx.admin, await ctx.admin.get(f"{J}/rooms/{room}/jobs"), 200, what="listing jobs")
    if any(item["full_name"] == job["full_name"] for item in listed["items"]):
        raise Violation(f"the orphaned job {job['full_name']} is still listed")
    hidden = await ctx.admin.get(f"{J}/rooms/{room}/jobs/{job['full_name']}")
    steps.expect_problem(ctx.admin, hidden, 404, "job-not-found", what="reading an orphaned job")
    still = await steps.get_task(ctx.admin, task["id"])
    if still["job_name"] != job["full_name"]:
        raise Violation(f"the orphaned job's task names {still['job_name']!r}, not {job['full_name']!r}")
    revived = await ctx.admin.put(
        f"{J}/rooms/{room}/jobs", json={"category": "modifiers", "name": job["name"], "schema": {"type": "array"}}
    )
    body = steps.expect(ctx.admin, revived, 201, what="re-registering an orphaned job with a new schema")
    if body["schema"] != {"type": "array"}:
        raise Violation(f"the revived job kept the schema {body['schema']!r}")
