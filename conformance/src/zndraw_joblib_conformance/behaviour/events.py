"""EVT: what the Socket.IO side promises beyond payloads and rooms (those are checked on every
event any socket receives): who may connect, what a task's life looks like from a room, how
fast an idle worker is woken.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from typing import Any

import socketio

from zndraw_joblib_conformance import steps
from zndraw_joblib_conformance.checks import Context, Violation, check
from zndraw_joblib_conformance.options import Need, Suite
from zndraw_joblib_conformance.traffic import Http

STATUS_RANK = {"pending": 0, "claimed": 1, "running": 2, "completed": 3, "failed": 3, "cancelled": 3}
CONVENTIONS = "asyncapi.yaml info.description, Conventions"


async def assert_readable(http: Http, event: dict[str, Any]) -> None:
    """What the event reports is already visible over REST (events follow the commit)."""
    task = await steps.get_task(http, event["id"])
    if STATUS_RANK[task["status"]] < STATUS_RANK[event["status"]]:
        raise Violation(
            f"task_status_event said {event['status']} but GET /tasks/{event['id']} still says {task['status']}: "
            "the event was sent before the change was committed"
        )


def _is(task_id: str, status: str) -> Callable[[Any], bool]:
    """A predicate on task_status_event payloads: this task in this status."""
    return lambda data: data["id"] == task_id and data["status"] == status


@check(
    "EVT-connect-auth",
    suite=Suite.EVENTS,
    rule="A Socket.IO connection without a valid token (none, not a JWT, empty, no `token` key) is refused.",
    source=CONVENTIONS + " (Connect)",
)
async def connections_need_a_token(ctx: Context) -> None:
    for auth in (None, {"token": "not-a-jwt"}, {"token": ""}, {"nothing": 1}):
        client = socketio.AsyncClient(reconnection=False)
        try:
            await client.connect(ctx.options.base_url, auth=auth, transports=["websocket"], wait_timeout=5)
        except socketio.exceptions.ConnectionError:
            continue
        finally:
            await client.disconnect()
        raise Violation(f"a socket connected with auth={auth!r}")


@check(
    "EVT-join-refusals",
    suite=Suite.EVENTS,
    rule="A join with a malformed room id or for an unknown worker is refused in its ack "
    "(`invalid-room-id` / `validation-error`, `worker-not-found`) and the connection stays open.",
    source=CONVENTIONS,
)
async def bad_joins_are_refused(ctx: Context) -> None:
    job = await steps.register_job(ctx.admin, ctx.unique("conf"))
    async with ctx.listener() as socket:
        ack = await socket.join("join_room", {"room_id": "bad:room"}, "-")
        if not isinstance(ack, dict) or ack.get("ok") is not False:
            raise Violation(f"join_room {{room_id: 'bad:room'}} was answered {ack!r}")
        unknown = await socket.call("join_job_room", {"job_name": job["full_name"], "worker_id": str(uuid.uuid4())})
        kind = (unknown.get("error") or {}).get("type") if isinstance(unknown, dict) else None
        if kind != "/v1/problems/worker-not-found":
            raise Violation(f"join_job_room for an unknown worker was answered {unknown!r}, not worker-not-found")
        if not socket.client.connected:
            raise Violation("the server closed the connection after a refused join")


@check(
    "EVT-task_status_event-lifecycle",
    suite=Suite.EVENTS,
    rule="A task's room hears every status change of it (pending with its queue position, claimed, running, "
    "completed), each already readable over REST when it arrives; a socket in another room hears nothing, "
    "the worker's socket only `task_available`.",
    source="asyncapi.yaml operations.sendTaskStatusEvent; " + CONVENTIONS,
)
async def a_task_is_announced_to_its_room(ctx: Context) -> None:
    room, elsewhere = ctx.unique("conf"), ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    async with ctx.listener() as frontend, ctx.listener() as bystander, ctx.listener() as worker:
        await frontend.must_join("join_room", {"room_id": room}, f"room:{room}")
        await bystander.must_join("join_room", {"room_id": elsewhere}, f"room:{elsewhere}")
        await worker.must_join(
            "join_job_room", {"job_name": job["full_name"], "worker_id": job["worker_id"]}, f"jobs:{job['full_name']}"
        )
        task = await steps.submit(ctx.admin, room, job["full_name"])
        pending = await frontend.next("task_status_event", lambda d: d["id"] == task["id"] and d["status"] == "pending")
        if pending.get("queue_position") != 1:
            raise Violation(
                f"the pending event of a job's only task has queue_position {pending.get('queue_position')}"
            )
        await assert_readable(ctx.admin, pending)
        claimed = await steps.claim(ctx.admin, job["worker_id"])
        if not claimed or claimed["id"] != task["id"]:
            raise Violation(f"the claim returned {claimed!r}, not the submitted task")
        await steps.update(ctx.admin, task["id"], "running")
        await steps.update(ctx.admin, task["id"], "completed")
        for status in ("claimed", "running", "completed"):
            event = await frontend.next("task_status_event", _is(task["id"], status))
            await assert_readable(ctx.admin, event)
            if event["name"] != job["full_name"]:
                raise Violation(f"task_status_event names {event['name']!r}, not the job {job['full_name']!r}")
        await asyncio.sleep(0.3)
        if bystander.inbox:
            raise Violation(f"a socket in another room received {[n for n, _ in bystander.inbox]}")
        extra = [name for name, _ in worker.inbox if name != "task_available"]
        if extra:
            raise Violation(f"the worker's socket (jobs channel only) received {extra}")


@check(
    "EVT-task_status_event-terminal",
    suite=Suite.EVENTS,
    rule="Failed and cancelled tasks are announced with their error and `completed_at`.",
    source="asyncapi.yaml operations.sendTaskStatusEvent",
)
async def failed_and_cancelled_tasks_are_announced(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    async with ctx.listener() as frontend:
        await frontend.must_join("join_room", {"room_id": room}, f"room:{room}")
        doomed = await steps.submit(ctx.admin, room, job["full_name"])
        dropped = await steps.submit(ctx.admin, room, job["full_name"])
        await steps.claim(ctx.admin, job["worker_id"])
        await steps.update(ctx.admin, doomed["id"], "failed", error="ValueError: nope")
        await steps.update(ctx.admin, dropped["id"], "cancelled")
        failed = await frontend.next("task_status_event", lambda d: d["id"] == doomed["id"] and d["status"] == "failed")
        if failed.get("error") != "ValueError: nope" or failed.get("completed_at") is None:
            raise Violation(
                f"the failed event carries error={failed.get('error')!r}, completed_at={failed.get('completed_at')!r}"
            )
        cancelled = await frontend.next(
            "task_status_event", lambda d: d["id"] == dropped["id"] and d["status"] == "cancelled"
        )
        if cancelled.get("completed_at") is None:
            raise Violation("the cancelled event has no completed_at")


@check(
    "EVT-task_available-wakes",
    suite=Suite.EVENTS,
    rule="A worker in the job's channel hears `task_available` {job_name, room_id, task_id} for a new task and "
    "can claim it within 2 s of the submission, without polling.",
    source="asyncapi.yaml operations.sendTaskAvailable",
)
async def an_idle_worker_is_woken(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    async with ctx.listener() as worker:
        await worker.must_join(
            "join_job_room", {"job_name": job["full_name"], "worker_id": job["worker_id"]}, f"jobs:{job['full_name']}"
        )
        submitted_at = time.monotonic()
        task = await steps.submit(ctx.admin, room, job["full_name"])
        available = await worker.next("task_available")
        expected = {"job_name": job["full_name"], "room_id": room, "task_id": task["id"]}
        if available != expected:
            raise Violation(f"task_available carried {available!r}, not {expected!r}")
        claimed = await steps.claim(ctx.admin, job["worker_id"])
        if not claimed or claimed["id"] != task["id"]:
            raise Violation(f"the woken worker's claim returned {claimed!r}")
        elapsed = time.monotonic() - submitted_at
        if elapsed >= 2.0:
            raise Violation(f"submit → task_available → claim took {elapsed:.2f} s (bound: 2 s)")


@check(
    "EVT-leave_room-stops-events",
    suite=Suite.EVENTS,
    rule="After `leave_room` (acknowledged) a socket no longer hears the room's events.",
    source="asyncapi.yaml operations.leaveRoom",
)
async def leaving_a_room_stops_its_events(ctx: Context) -> None:
    room = ctx.unique("conf")
    job = await steps.register_job(ctx.admin, room)
    async with ctx.listener() as frontend:
        await frontend.must_join("join_room", {"room_id": room}, f"room:{room}")
        ack = await frontend.call("leave_room", {"room_id": room})
        if ack != {"ok": True}:
            raise Violation(f"leave_room was answered {ack!r}")
        frontend.rooms.discard(f"room:{room}")
        await steps.submit(ctx.admin, room, job["full_name"])
        await asyncio.sleep(0.5)
        heard = [name for name, _ in frontend.inbox]
        if heard:
            raise Violation(f"after leave_room the socket still received {heard}")


@check(
    "EVT-jobs_invalidate-on-register",
    suite=Suite.EVENTS,
    rule="Registering a job tells its room `jobs_invalidate`.",
    source="asyncapi.yaml operations.sendJobsInvalidate",
)
async def registering_invalidates_the_room(ctx: Context) -> None:
    room = ctx.unique("conf")
    async with ctx.listener() as frontend:
        await frontend.must_join("join_room", {"room_id": room}, f"room:{room}")
        await steps.register_job(ctx.admin, room)
        await frontend.next("jobs_invalidate")


@check(
    "EVT-join_all_rooms",
    suite=Suite.EVENTS,
    needs=[Need.USER_TOKEN],
    rule="A superuser's socket after `join_all_rooms` hears the events of every room, each once (also of a room "
    "it joined too); another user's `join_all_rooms` is refused `forbidden`; after `leave_all_rooms` only its "
    "own rooms' events arrive.",
    source="asyncapi.yaml operations.joinAllRooms, leaveAllRooms; " + CONVENTIONS,
)
async def a_superuser_follows_every_room(ctx: Context) -> None:
    rooms = [ctx.unique("conf"), ctx.unique("conf")]
    jobs = [await steps.register_job(ctx.admin, room) for room in rooms]
    ctx.other()  # not applicable without a second account
    async with ctx.listener() as operator, ctx.listener(ctx.user_token) as user:
        refused = await user.join("join_all_rooms", {}, "room:*")
        kind = (refused.get("error") or {}).get("type") if isinstance(refused, dict) else None
        if kind != "/v1/problems/forbidden":
            raise Violation(f"a regular user's join_all_rooms was answered {refused!r}, not forbidden")
        await operator.must_join("join_all_rooms", {}, "room:*")
        await operator.must_join("join_room", {"room_id": rooms[0]}, f"room:{rooms[0]}")
        tasks = [await steps.submit(ctx.admin, room, job["full_name"]) for room, job in zip(rooms, jobs, strict=True)]
        ours = {task["id"] for task in tasks}
        for task in tasks:
            await operator.next("task_status_event", _is(task["id"], "pending"))
        await asyncio.sleep(0.3)
        again = [d["id"] for n, d in operator.inbox if n == "task_status_event" and d["id"] in ours]
        if again:
            raise Violation(f"a socket in room:* and in the task's room heard {again} twice")
        ack = await operator.call("leave_all_rooms", {})
        if ack != {"ok": True}:
            raise Violation(f"leave_all_rooms was answered {ack!r}")
        operator.rooms.discard("room:*")
        await steps.update(ctx.admin, tasks[1]["id"], "cancelled")
        await steps.update(ctx.admin, tasks[0]["id"], "cancelled")
        await operator.next("task_status_event", _is(tasks[0]["id"], "cancelled"))  # its own room still
        await asyncio.sleep(0.3)
        heard = [d["id"] for n, d in operator.inbox if n == "task_status_event" and d["id"] == tasks[1]["id"]]
        if heard:
            raise Violation("after leave_all_rooms the socket still heard a room it had not joined")
