"""Tasks: submit, claim, long-poll, transitions, listings.

Long-poll (SPEC §6): subscribe to the task's bus channel first, then read the row, then wait;
the transaction ends before any wait, so no connection or snapshot is held while idle.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from pydantic import MISSING
from sqlalchemy import RowMapping

from zndraw_joblib import announce, names, problems, task_states, transitions, views
from zndraw_joblib._generated import models
from zndraw_joblib._generated.api import Reply, TasksApi
from zndraw_joblib.access import RoomAction
from zndraw_joblib.context import Context
from zndraw_joblib.prefer import applied, effective_wait
from zndraw_joblib.realtime.bus import task_channel
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
    row: RowMapping
    position: int | None
    internal: bool


@dataclass(frozen=True, slots=True)
class NeedsCheck:
    """The payload could not be checked within the inline budget against this schema."""

    schema: dict[str, Any]


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
        self, *, room_id: str, job_name: str, body: models.TaskSubmitRequest
    ) -> Reply[models.TaskResponse]:
        ctx = self.ctx
        await ctx.require_room(names.check_room_id(room_id), RoomAction.submit)
        checked: dict[str, Any] | None = None  # the schema the payload was checked against off the loop
        for _ in range(SUBMIT_ATTEMPTS):
            submitted = await self._submit_once(room_id, job_name, body.payload, checked)
            if isinstance(submitted, Submitted):
                break
            # Too slow to check inline: check it with no transaction (and no connection) held, then
            # submit again; the job's schema is compared under the lock in case it changed meanwhile.
            await ctx.runtime.payloads.check_off_loop(submitted.schema, body.payload)
            checked = submitted.schema
        else:
            raise problems.ServiceUnavailable(
                "The job's schema kept changing during the submission; try again.", safe_to_retry=True
            )
        row, position = submitted.row, submitted.position
        if submitted.internal:
            executor = ctx.runtime.executor
            assert executor is not None
            row = await executor.dispatch(ctx, row)
            position = None
        headers = {"Location": f"/v1/joblib/tasks/{row['id']}", "Retry-After": "1"}
        return Reply(status_code=202, body=views.task_response(row, position), headers=headers)

    async def _submit_once(
        self, room_id: str, job_name: str, payload: dict[str, Any], checked: dict[str, Any] | None
    ) -> Submitted | NeedsCheck:
        ctx = self.ctx
        executor = ctx.runtime.executor
        async with ctx.transaction() as outbox:
            # share-locked (PostgreSQL): an orphan check cannot hide the job under this submission
            job = await visible_job(ctx, room_id, job_name, share_lock=True)
            schema = job["schema"]
            if schema != checked and not ctx.runtime.payloads.check_inline(schema, payload):
                return NeedsCheck(schema)
            internal = job["room_id"] == names.INTERNAL_ROOM
            if internal and (executor is None or not executor.serves(job["full_name"])):
                raise problems.InternalJobNotConfigured(f"This server has no executor for {job['full_name']!r}.")
            row = await task_store.task_insert(
                ctx.session,
                task_id=new_id(),
                job_id=job["id"],
                job_name=job["full_name"],
                room_id=room_id,
                payload=payload,
                submitted_by=ctx.actor.user_id,
                now=ctx.now(),
            )
            position = (await self._positions([row])).get(row["id"])
            announce.announce_task(outbox, row, position)
            if not internal:
                announce.task_available(outbox, job_name=job["full_name"], room_id=room_id, task_id=row["id"])
        return Submitted(row, position, internal)

    async def claim_task(self, *, body: models.TaskClaimRequest) -> models.TaskClaimResponse:
        ctx = self.ctx
        await owned_worker(ctx, body.worker_id)
        for _ in range(CLAIM_ATTEMPTS):
            async with ctx.transaction() as outbox:
                row = await task_store.task_claim_next_pending(ctx.session, worker_id=body.worker_id, now=ctx.now())
                if row is not None:
                    announce.announce_task(outbox, row)
                    break
                retry = await task_store.task_pending_exists_for_worker(ctx.session, worker_id=body.worker_id)
            if not retry:
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
            while (remaining := deadline - time.monotonic()) > 0:
                if await subscription.wait(remaining) is None:
                    break
                task = await self._read(task_id)
                if task_states.is_terminal(task.status) or ctx.runtime.stopping:
                    break
            if not task_states.is_terminal(task.status):
                task = await self._read(task_id)  # a last look: the answer is never staler than the wait
        return Reply(status_code=200, body=task, headers={"Preference-Applied": applied(wait)})

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
        error = transitions.NO_ERROR if body.error is MISSING else body.error
        moved = await transitions.move_task(self.ctx, task_id=task_id, target=body.status, error=error)
        return views.task_response(moved)

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
