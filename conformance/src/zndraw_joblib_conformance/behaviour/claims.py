"""CLAIM: the oldest pending task of the worker's own jobs, across rooms, once."""

from __future__ import annotations

import asyncio
import uuid

from zndraw_joblib_conformance import steps
from zndraw_joblib_conformance.checks import Context, J, Violation, check

CLAIM = "openapi.yaml claimTask"


@check(
    "CLAIM-fifo",
    rule="A claim takes the oldest pending task (by submission) among all jobs the worker serves, in any room.",
    source=CLAIM,
)
async def claims_are_fifo_across_rooms_and_jobs(ctx: Context) -> None:
    first_room, second_room = ctx.unique("conf"), ctx.unique("conf")
    job_a = await steps.register_job(ctx.admin, first_room, name="A")
    job_b = await steps.register_job(ctx.admin, second_room, name="B", worker_id=job_a["worker_id"])
    submitted = []
    for room, job in ((first_room, job_a), (second_room, job_b), (first_room, job_a), (second_room, job_b)):
        submitted.append((await steps.submit(ctx.admin, room, job["full_name"]))["id"])
        await asyncio.sleep(0.02)  # distinct submission times on coarse clocks
    claimed = [await steps.claim(ctx.admin, job_a["worker_id"]) for _ in submitted]
    order = [task["id"] if task else None for task in claimed]
    if order != submitted:
        raise Violation(f"claims came in the order {order}, submissions were {submitted}")
    if await steps.claim(ctx.admin, job_a["worker_id"]) is not None:
        raise Violation("a claim with nothing pending did not answer {task: null}")


@check(
    "CLAIM-own-jobs-only",
    rule="A worker never claims a task of a job it is not linked to; with nothing of its own pending the "
    "answer is `{task: null}`; the claimed task names the worker and is `claimed`.",
    source=CLAIM,
)
async def claims_take_only_the_workers_jobs(ctx: Context) -> None:
    room = ctx.unique("conf")
    mine = await steps.register_job(ctx.admin, room, name="Mine")
    theirs = await steps.register_job(ctx.admin, room, name="Theirs")
    await steps.submit(ctx.admin, room, theirs["full_name"])
    if (task := await steps.claim(ctx.admin, mine["worker_id"])) is not None:
        raise Violation(f"a worker of {mine['full_name']} claimed {task.get('job_name')}'s task")
    own = await steps.submit(ctx.admin, room, mine["full_name"])
    task = await steps.claim(ctx.admin, mine["worker_id"])
    if not task or task["id"] != own["id"]:
        raise Violation(f"the worker's claim returned {task!r}, not its pending task")
    if task["status"] != "claimed" or task["worker_id"] != mine["worker_id"]:
        raise Violation(f"the claimed task is {task['status']} with worker {task['worker_id']}")


@check(
    "CLAIM-once",
    rule="Concurrent claimers of one job never get the same task twice, and together they claim every task.",
    source=CLAIM + " (atomic claim)",
)
async def concurrent_claims_never_double(ctx: Context) -> None:
    room = ctx.unique("conf")
    first = await steps.register_job(ctx.admin, room)
    workers = [first["worker_id"]]
    for _ in range(5):
        worker = await steps.create_worker(ctx.admin)
        await steps.register_job(ctx.admin, room, worker_id=worker["id"])
        workers.append(worker["id"])
    tasks = {(await steps.submit(ctx.admin, room, first["full_name"]))["id"] for _ in range(15)}
    claims: list[tuple[str, str]] = []

    async def claimer(worker_id: str) -> None:
        while (task := await steps.claim(ctx.admin, worker_id)) is not None:
            claims.append((task["id"], worker_id))
            if task["worker_id"] != worker_id:
                raise Violation(f"worker {worker_id} claimed a task that names worker {task['worker_id']}")

    await asyncio.gather(*(claimer(w) for w in workers))
    ids = [task_id for task_id, _ in claims]
    doubled = sorted({i for i in ids if ids.count(i) > 1})
    if doubled:
        raise Violation(f"tasks claimed more than once: {doubled}")
    if set(ids) != tasks:
        raise Violation(f"{len(tasks - set(ids))} of {len(tasks)} tasks were never claimed")


@check(
    "CLAIM-unknown-worker",
    rule="A claim for a worker that does not exist answers 404 `worker-not-found`.",
    source=CLAIM + " responses.404",
)
async def claims_need_a_known_worker(ctx: Context) -> None:
    response = await ctx.admin.post(f"{J}/tasks/claim", json={"worker_id": str(uuid.uuid4())})
    steps.expect_problem(ctx.admin, response, 404, "worker-not-found", what="claiming for an unknown worker")
