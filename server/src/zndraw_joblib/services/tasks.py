"""Tasks: submit, claim, long-poll, transitions, listings.

Long-poll (SPEC §6): subscribe to the task's bus channel first, then read the row, then wait;
the transaction ends before any wait, so no connection or snapshot is held while idle. The first
read is the request's own (it checks the room policy for the actor). The wake-up of a task
that ended carries its final view (`announce.announce_task`), so its waiters answer with those
bytes and read nothing; a wake-up without it (a view too big to carry, a Redis re-check) leads to
a read shared by every waiter of the task in this process woken before it began
(`Runtime.task_reads`), so one PATCH that wakes 1,000 waiters costs at most one read, not 1,000.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from pydantic import MISSING
from sqlalchemy import RowMapping

from zndraw_joblib import ahead, announce, metrics, names, problems, task_states, transitions, views
from zndraw_joblib._generated import models
from zndraw_joblib._generated.api import Encoded, Reply, TasksApi
from zndraw_joblib.access import RoomAction
from zndraw_joblib.context import Context, Runtime, unit_of_work
from zndraw_joblib.payloads import Located
from zndraw_joblib.prefer import applied, effective_wait
from zndraw_joblib.realtime.bus import task_channel
from zndraw_joblib.store import idempotency as idempotency_store
from zndraw_joblib.store import tasks as task_store
from zndraw_joblib.store.types import new_id

from .jobs import visible_job
from .resilience import resilient
from .workers import owned_worker

CLAIM_ATTEMPTS = 3  # a claim that lost every race to other claimers retries this often
UPDATE_ATTEMPTS = 3
SUBMIT_ATTEMPTS = 3  # a payload checked off the loop is re-submitted; its job's schema may change meanwhile


@dataclass(frozen=True, slots=True)
class Submitted:
    task_ids: list[UUID]
    row: RowMapping | None  # a single submission's task (a batch inserts without reading back)
    position: int | None
    internal: bool


@dataclass(frozen=True, slots=True)
class Submission:
    """One task (`submitTask`) or a batch (`submitTasks`): `(payload, priority)` in the order given."""

    room_id: str
    job_name: str
    tasks: tuple[tuple[dict[str, Any], int], ...]
    key: str | None
    batch: bool = False

    def fingerprint(self) -> str:
        """What makes two submissions "the same request" for an Idempotency-Key."""
        where: dict[str, Any] = {"room_id": self.room_id, "job_name": self.job_name}
        if self.batch:
            body = {**where, "batch": [[payload, priority] for payload, priority in self.tasks]}
        else:
            ((payload, priority),) = self.tasks
            body = {**where, "payload": payload, "priority": priority}
        return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()

    def located(self) -> list[Located]:
        """The payloads and where each sits in the request body (for validation errors)."""
        if not self.batch:
            return [(["body", "payload"], self.tasks[0][0])]
        return [(["body", "tasks", index, "payload"], payload) for index, (payload, _) in enumerate(self.tasks)]


def _invalid(field: str, message: str) -> problems.ValidationFailed:
    loc = ["body", field] if field else ["body"]
    return problems.ValidationFailed([{"loc": loc, "msg": message, "type": "value_error"}], detail=message)


class _Raced(Exception):  # noqa: N818 - control flow inside this module
    """A concurrent submission with the same Idempotency-Key committed first."""


@dataclass(frozen=True, slots=True)
class NeedsCheck:
    """The payload could not be checked within the inline budget against this schema."""

    schema: dict[str, Any]


async def _read_shared(runtime: Runtime, task_id: UUID) -> models.TaskResponse:
    """The task as of now, for every waiter that shares this read: in a session of its own, since
    it belongs to no one request (a waiter that leaves must not close it under the others)."""
    async with runtime.core_session() as session:
        row = await task_store.task_get(session, task_id=task_id)
        if row is None:  # cannot happen after the waiter's first read: tasks are never deleted
            raise problems.TaskNotFound(f"No task {task_id}.")
        positions = await task_store.task_queue_positions(session, rows=[row])
        return views.task_response(row, positions.get(row["id"]))


async def _woken_answer(answer: bytes, preference: str) -> Reply[models.TaskResponse]:
    """A long-poll's answer carried by its wake-up: sent ahead of the request's end where the
    edge offers it (`ahead`), so 1,000 waiters woken together all answer before any unwinds."""
    await ahead.answer(200, ahead.json_headers(answer, (b"preference-applied", preference.encode())), answer)
    return Reply(200, Encoded(answer), {"Preference-Applied": preference})


@resilient
class TasksService(TasksApi):
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    async def _positions(self, rows: list[RowMapping]) -> dict[UUID, int]:
        return await task_store.task_queue_positions(self.ctx.session, rows=rows)

    async def _response(self, row: RowMapping) -> models.TaskResponse:
        positions = await self._positions([row])
        return views.task_response(row, positions.get(row["id"]))

    async def submit_task(
        self, *, room_id: str, job_name: str, idempotency_key: str | None, body: models.TaskSubmitRequest
    ) -> Reply[models.TaskResponse]:
        submission = Submission(room_id, job_name, ((body.payload, body.priority),), idempotency_key)
        submitted = await self._submit(submission)
        row, position = submitted.row, submitted.position
        assert row is not None
        if submitted.internal:
            executor = self.ctx.runtime.executor
            assert executor is not None
            row = await executor.dispatch(self.ctx, row)
            position = None
        headers = {"Location": f"/v1/joblib/tasks/{row['id']}", "Retry-After": "1"}
        return Reply(status_code=202, body=views.task_response(row, position), headers=headers)

    async def submit_tasks(
        self, *, room_id: str, job_name: str, idempotency_key: str | None, body: models.TaskBatchRequest
    ) -> models.TaskBatchResponse:
        tasks = tuple((task.payload, task.priority) for task in body.tasks)
        submitted = await self._submit(Submission(room_id, job_name, tasks, idempotency_key, batch=True))
        if submitted.internal:
            executor = self.ctx.runtime.executor
            assert executor is not None
            for task_id in submitted.task_ids:  # @internal batches are rare; each is enqueued as submitTask would
                row = await task_store.task_get(self.ctx.session, task_id=task_id)
                await self.ctx.session.rollback()
                if row is not None:
                    await executor.dispatch(self.ctx, row)
        internal = job_name.startswith(f"{names.INTERNAL_ROOM}:")  # also for a replay, which dispatches nothing
        status = models.TaskStatus.claimed if internal else models.TaskStatus.pending
        return models.TaskBatchResponse(task_ids=submitted.task_ids, status=status)

    async def _submit(self, submission: Submission) -> Submitted:
        ctx = self.ctx
        await ctx.require_room(names.check_room_id(submission.room_id), RoomAction.submit)
        checked: dict[str, Any] | None = None  # the schema the payloads were checked against off the loop
        for _ in range(SUBMIT_ATTEMPTS):
            try:
                submitted = await self._submit_once(submission, checked)
            except _Raced:
                continue
            if isinstance(submitted, Submitted):
                return submitted
            # Too slow to check inline: check with no transaction (and no connection) held, then
            # submit again; the job's schema is compared under the lock in case it changed meanwhile.
            await ctx.runtime.payloads.check_off_loop(submitted.schema, submission.located())
            checked = submitted.schema
        raise problems.ServiceUnavailable(
            "The submission kept meeting concurrent changes; try again.", safe_to_retry=True
        )

    async def _submit_once(self, submission: Submission, checked: dict[str, Any] | None) -> Submitted | NeedsCheck:
        ctx = self.ctx
        executor = ctx.runtime.executor
        now = ctx.now()
        async with ctx.transaction() as outbox:
            if submission.key is not None:
                replayed = await self._replay(submission, now)
                if replayed is not None:
                    return replayed
            # share-locked (PostgreSQL): an orphan check cannot hide the job under this submission
            job = await visible_job(ctx, submission.room_id, submission.job_name, share_lock=True)
            schema = job["schema"]
            if schema != checked and not ctx.runtime.payloads.check_inline(schema, submission.located()):
                return NeedsCheck(schema)
            internal = job["room_id"] == names.INTERNAL_ROOM
            if internal and (executor is None or not executor.serves(job["full_name"])):
                raise problems.InternalJobNotConfigured(f"This server has no executor for {job['full_name']!r}.")
            unserved = not internal and ctx.settings.require_workers
            if unserved and not job["served"]:
                raise problems.NoWorkersAvailable(f"No worker serves {job['full_name']!r} right now.")
            inserted = {
                "job_id": job["id"],
                "job_name": job["full_name"],
                "room_id": submission.room_id,
                "submitted_by": ctx.actor.user_id,
                "now": now,
                "max_attempts": job["max_attempts"],
                "retry_backoff_seconds": job["retry_backoff_seconds"],
            }
            row: RowMapping | None = None
            if submission.batch:
                task_ids = sorted(new_id() for _ in submission.tasks)  # ascending: first in, first out
                await task_store.tasks_insert_many(ctx.session, task_ids=task_ids, tasks=submission.tasks, **inserted)
            else:
                ((payload, priority),) = submission.tasks
                row = await task_store.task_insert(
                    ctx.session, task_id=new_id(), payload=payload, priority=priority, **inserted
                )
                task_ids = [row["id"]]
            if submission.key is not None and not await idempotency_store.idempotency_insert_if_absent(
                ctx.session,
                user_id=ctx.actor.user_id,
                key=submission.key,
                fingerprint=submission.fingerprint(),
                task_ids=task_ids,
                batch=submission.batch,
                now=now,
            ):
                raise _Raced  # a concurrent submission with this key committed first: replay it
            position = None
            if row is None:
                announce.tasks_submitted(
                    outbox,
                    job_name=job["full_name"],
                    room_id=submission.room_id,
                    task_ids=task_ids,
                    wake_workers=not internal,
                )
            else:
                position = (await self._positions([row])).get(row["id"])
                announce.announce_task(outbox, row, position)
                if not internal:
                    announce.task_available(
                        outbox, job_name=job["full_name"], room_id=submission.room_id, task_id=row["id"]
                    )
        return Submitted(task_ids, row, position, internal)

    async def _replay(self, submission: Submission, now: datetime) -> Submitted | None:
        """The tasks an earlier submission with this key made; 422 when the key was used otherwise."""
        ctx = self.ctx
        assert submission.key is not None
        since = now - timedelta(seconds=ctx.settings.idempotency_retention_seconds)
        record = await idempotency_store.idempotency_get(
            ctx.session, user_id=ctx.actor.user_id, key=submission.key, since=since
        )
        if record is None:
            await idempotency_store.idempotency_replace_expired(
                ctx.session, user_id=ctx.actor.user_id, key=submission.key, since=since
            )
            return None
        if record["fingerprint"] != submission.fingerprint():
            raise problems.IdempotencyKeyReused(
                "This Idempotency-Key was used for another submission (another room, job or body) "
                "within the retention window; use a new key."
            )
        if submission.batch:
            return Submitted([UUID(task_id) for task_id in record["task_ids"]], None, None, internal=False)
        row = await task_store.task_get(ctx.session, task_id=record["task_id"])
        if row is None:  # cannot happen: tasks are never deleted
            raise problems.TaskNotFound(f"No task {record['task_id']}.")
        position = (await self._positions([row])).get(row["id"])
        return Submitted([row["id"]], row, position, internal=False)

    async def claim_task(self, *, body: models.TaskClaimRequest) -> models.TaskClaimResponse:
        """The claim checks that the caller owns the worker inside its statement; only a claim
        that got nothing reads the worker, to tell a refusal (404/403) from an empty queue."""
        ctx = self.ctx
        worker_id = body.worker_id
        for _ in range(CLAIM_ATTEMPTS):
            async with ctx.transaction() as outbox:
                now = ctx.now()
                row = await task_store.task_claim_next_pending(
                    ctx.session, worker_id=worker_id, owner_id=ctx.actor.user_id, now=now
                )
                if row is not None:
                    announce.announce_task(outbox, row)
                    break
                await owned_worker(ctx, worker_id)
                again = await task_store.task_claimable_exists_for_worker(ctx.session, worker_id=worker_id, now=now)
            if not again:
                break
        return models.TaskClaimResponse(task=views.task_response(row) if row is not None else None)

    async def get_task(self, *, task_id: UUID, prefer: str | None) -> Reply[models.TaskResponse]:
        ctx = self.ctx
        started = time.monotonic()  # the wait counts from the request's arrival: never longer than asked
        wait = effective_wait(prefer, default=None, maximum=ctx.settings.long_poll_max_wait_seconds)
        if wait is None:
            return Reply(status_code=200, body=await self._read(task_id, check_room=True))
        async with ctx.runtime.bus.subscribe(task_channel(task_id)) as subscription:
            task = await self._read(task_id, check_room=True)
            if task_states.is_terminal(task.status) or wait <= 0:
                return Reply(status_code=200, body=task)
            deadline = started + wait
            with metrics.LONG_POLLS_WAITING.track_inprogress():
                while (remaining := deadline - time.monotonic()) > 0:
                    if await subscription.wait(remaining) is None:
                        break
                    if subscription.answer is not None:  # the terminal task's view, sent with its wake-up
                        return await _woken_answer(subscription.answer, applied(wait))
                    task = await self._read_after(task_id, subscription.woken_at)
                    if task_states.is_terminal(task.status) or ctx.runtime.stopping:
                        break
            if not task_states.is_terminal(task.status):
                task = await self._read(task_id)  # a last look: the answer is never staler than the wait
        return Reply(status_code=200, body=task, headers={"Preference-Applied": applied(wait)})

    async def _read_after(self, task_id: UUID, woken_at: float) -> models.TaskResponse:
        """The task as read after `woken_at`, shared with this process's other waiters woken by then."""
        runtime = self.ctx.runtime
        if runtime.sessionmaker is None:  # a library host that only lends request sessions: no sharing
            return await self._read(task_id)
        return await runtime.task_reads.read(task_id, woken_at, lambda: _read_shared(runtime, task_id))

    async def _read(self, task_id: UUID, *, check_room: bool = False) -> models.TaskResponse:
        """The task as of now, in a transaction that ends before returning; with `check_room`, only
        if the room policy lets the actor read the task's submission room."""
        try:
            row = await task_store.task_get(self.ctx.session, task_id=task_id)
            if row is None:
                raise problems.TaskNotFound(f"No task {task_id}.")
            if check_room:
                await self.ctx.require_room(row["room_id"], RoomAction.read)
            return await self._response(row)
        finally:
            await self.ctx.session.rollback()

    async def update_task(self, *, task_id: UUID, body: models.TaskUpdateRequest) -> models.TaskResponse:
        result = body.__dict__.get("result", MISSING)
        if result is not MISSING:
            if body.status is not models.TaskStatus.completed:
                raise _invalid("result", "a result goes with the status completed only")
            size = len(json.dumps(result, separators=(",", ":")))
            if size > self.ctx.settings.max_result_bytes:
                limit = self.ctx.settings.max_result_bytes
                raise problems.PayloadTooLarge(f"The result has {size} bytes as JSON; at most {limit} are kept.")
        if body.retryable and body.status is not models.TaskStatus.failed:
            raise _invalid("retryable", "retryable goes with the status failed only")
        moved = await transitions.move_task(
            self.ctx,
            task_id=task_id,
            target=body.status,
            error=transitions.NO_ERROR if body.error is MISSING else body.error,
            result=transitions.NO_RESULT if result is MISSING else result,
            retryable=body.retryable,
        )
        positions = await self._positions([moved])  # a retry is pending again
        return views.task_response(moved, positions.get(moved["id"]))

    async def report_task_progress(self, *, task_id: UUID, body: models.TaskProgressRequest) -> None:
        ctx = self.ctx
        given = {k: v for k, v in body.__dict__.items() if v is not MISSING}
        if not given:
            raise _invalid("", "give a fraction, current and total steps, or a message")
        row = await task_store.task_get_with_claimer_owner(ctx.session, task_id=task_id)
        await ctx.session.rollback()
        if row is None:
            raise problems.TaskNotFound(f"No task {task_id}.")
        if row["status"] is not models.TaskStatus.running:
            raise problems.InvalidTaskTransition(
                f"Progress is reported for running tasks only; this one is {row['status']}."
            )
        owner = row["claimer_owner"]
        if not ctx.actor.is_superuser and (owner is None or owner != ctx.actor.user_id):
            raise problems.Forbidden(
                "Only the owner of the worker that claimed the task, or a superuser, reports its progress."
            )
        progress = {
            "fraction": given.get("fraction"),
            "current": given.get("current"),
            "total": given.get("total"),
            "message": given.get("message"),
            "updated_at": ctx.now().isoformat(),
        }
        runtime = ctx.runtime

        async def flush(key: UUID, value: dict[str, Any]) -> None:
            """Store and announce the latest report (at once, or at the end of its window)."""
            async with runtime.session() as session, unit_of_work(session, runtime) as outbox:
                stored = await task_store.task_set_progress_if_running(session, task_id=key, progress=value)
                if stored is not None:
                    announce.task_progress(
                        outbox, task_id=key, job_name=stored["job_name"], room_id=stored["room_id"], progress=value
                    )

        await runtime.progress.submit(task_id, progress, flush)

    async def list_tasks(
        self,
        *,
        room_id: str | None,
        job_name: str | None,
        status: models.TaskStatus | None,
        limit: int,
        offset: int,
    ) -> models.TaskPage:
        if not self.ctx.actor.is_superuser:
            raise problems.Forbidden("Only superusers list the tasks of every room; list a room's tasks instead.")
        rows, total = await task_store.tasks_page(
            self.ctx.session, room_id=room_id, job_name=job_name, status=status, limit=limit, offset=offset
        )
        positions = await self._positions(list(rows))
        items = [views.task_response(r, positions.get(r["id"])) for r in rows]
        return models.TaskPage(items=items, total=total, limit=limit, offset=offset)

    async def list_room_tasks(
        self, *, room_id: str, status: models.TaskStatus | None, limit: int, offset: int
    ) -> models.TaskPage:
        await self.ctx.require_room(names.check_room_id(room_id), RoomAction.read)
        return await self._page(room_id=room_id, job_id=None, status=status, limit=limit, offset=offset)

    async def list_job_tasks(
        self, *, room_id: str, job_name: str, status: models.TaskStatus | None, limit: int, offset: int
    ) -> models.TaskPage:
        await self.ctx.require_room(names.check_room_id(room_id), RoomAction.read)
        job = await visible_job(self.ctx, room_id, job_name)
        return await self._page(room_id=room_id, job_id=job["id"], status=status, limit=limit, offset=offset)

    async def _page(
        self, *, room_id: str, job_id: UUID | None, status: models.TaskStatus | None, limit: int, offset: int
    ) -> models.TaskPage:
        rows, total = await task_store.tasks_page(
            self.ctx.session,
            room_id=room_id,
            job_id=job_id,
            status=status,
            limit=limit,
            offset=offset,
        )
        positions = await self._positions(list(rows))
        items = [views.task_response(r, positions.get(r["id"])) for r in rows]
        return models.TaskPage(items=items, total=total, limit=limit, offset=offset)
