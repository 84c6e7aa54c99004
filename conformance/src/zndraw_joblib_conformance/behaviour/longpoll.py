"""LONGPOLL: `GET /tasks/{id}` with `Prefer: wait=N` answers when the task ends, and never later."""

from __future__ import annotations

import asyncio
import time

from zndraw_joblib_conformance import steps
from zndraw_joblib_conformance.checks import Context, J, NotApplicable, Violation, check

GET_TASK = "openapi.yaml getTask (Prefer: wait)"
WAKE_BOUND = 0.5  # seconds from the terminal PATCH to the long-poll's answer ("within milliseconds")


async def _running_task(ctx: Context) -> dict[str, str]:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    task = await steps.submit(ctx.admin, room, job["full_name"])
    await steps.claim(ctx.admin, job["worker_id"])
    await steps.update(ctx.admin, task["id"], "running")
    return task


@check(
    "LONGPOLL-wakes",
    rule=f"A long-poll is answered within {WAKE_BOUND:g} s of the PATCH that ends its task (woken, not polling), "
    "with the terminal task.",
    source=GET_TASK,
)
async def a_long_poll_is_woken_by_the_terminal_update(ctx: Context) -> None:
    task = await _running_task(ctx)
    poll = ctx.spawn(ctx.admin.get(f"{J}/tasks/{task['id']}", headers={"Prefer": "wait=20"}))
    await asyncio.sleep(0.3)
    if poll.done():
        raise NotApplicable("the server answered a wait=20 long-poll within 0.3 s: its long-poll bound is shorter")
    await steps.update(ctx.admin, task["id"], "completed")
    patched_at = time.monotonic()
    response = await poll
    elapsed = time.monotonic() - patched_at
    body = steps.expect(ctx.admin, response, 200, what="the long-poll")
    if body["status"] != "completed":
        raise Violation(f"the long-poll answered {body['status']} although the task completed while it waited")
    if elapsed > WAKE_BOUND:
        raise Violation(f"the long-poll answered {elapsed:.2f} s after the task completed (bound: {WAKE_BOUND:g} s)")


@check(
    "LONGPOLL-bounded",
    rule="A long-poll on a task that does not end answers after about the requested wait (never much later), "
    "with the unchanged task and `Preference-Applied: wait=<effective>`.",
    source=GET_TASK + " responses.200.headers",
)
async def a_long_poll_never_outlasts_its_wait(ctx: Context) -> None:
    task = await _running_task(ctx)
    started = time.monotonic()
    response = await ctx.admin.get(f"{J}/tasks/{task['id']}", headers={"Prefer": "wait=1"})
    elapsed = time.monotonic() - started
    body = steps.expect(ctx.admin, response, 200, what="the long-poll")
    if body["status"] != "running":
        raise Violation(f"the task became {body['status']} on its own")
    if elapsed > 1 + 2:
        raise Violation(f"a wait=1 long-poll answered after {elapsed:.2f} s")
    applied = response.headers.get("preference-applied", "")
    if not applied.startswith("wait="):
        raise Violation(f"a long-poll that waited has Preference-Applied {applied!r}", ctx.admin.curl(response))


@check(
    "LONGPOLL-terminal-at-once",
    rule="A long-poll on a task that has already ended answers at once.",
    source=GET_TASK,
)
async def a_finished_task_answers_at_once(ctx: Context) -> None:
    task = await _running_task(ctx)
    await steps.update(ctx.admin, task["id"], "failed", error="done")
    started = time.monotonic()
    body = await steps.get_task(ctx.admin, task["id"], headers={"Prefer": "wait=30"})
    elapsed = time.monotonic() - started
    if body["status"] != "failed" or elapsed > 1.0:
        raise Violation(f"a long-poll on a failed task answered {body['status']} after {elapsed:.2f} s")
