"""Workers: create, list, heartbeat, graceful disconnect."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import RowMapping

from zndraw_joblib import names, problems, views
from zndraw_joblib._generated import models
from zndraw_joblib._generated.api import WorkersApi
from zndraw_joblib.access import RoomAction
from zndraw_joblib.cleanup import clean_up_worker
from zndraw_joblib.context import Context
from zndraw_joblib.store import workers as worker_store
from zndraw_joblib.store.types import new_id

from .resilience import resilient


async def owned_worker(ctx: Context, worker_id: UUID, *, superuser_may: bool = False) -> RowMapping:
    """The worker if the actor owns it (or is a superuser and `superuser_may`); else 404/403."""
    row = await worker_store.worker_get(ctx.session, worker_id=worker_id)
    if row is None:
        raise problems.WorkerNotFound(f"No worker {worker_id}.")
    if row["user_id"] != ctx.actor.user_id and not (superuser_may and ctx.actor.is_superuser):
        raise problems.Forbidden(f"Worker {worker_id} belongs to another user.")
    return row


@resilient
class WorkersService(WorkersApi):
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    async def create_worker(self) -> models.WorkerResponse:
        async with self.ctx.transaction():
            row = await worker_store.worker_insert(
                self.ctx.session, worker_id=new_id(), user_id=self.ctx.actor.user_id, now=self.ctx.now()
            )
        return views.worker_response(row)

    async def list_workers(self, *, limit: int, offset: int) -> models.WorkerPage:
        rows, total = await worker_store.workers_page(self.ctx.session, limit=limit, offset=offset)
        return models.WorkerPage(items=[views.worker_summary(r) for r in rows], total=total, limit=limit, offset=offset)

    async def list_room_workers(self, *, room_id: str, limit: int, offset: int) -> models.WorkerPage:
        rooms = names.rooms_visible_from(names.check_room_id(room_id))
        await self.ctx.require_room(room_id, RoomAction.read)
        rows, total = await worker_store.workers_page(self.ctx.session, limit=limit, offset=offset, rooms=rooms)
        return models.WorkerPage(items=[views.worker_summary(r) for r in rows], total=total, limit=limit, offset=offset)

    async def heartbeat_worker(self, *, worker_id: UUID) -> models.WorkerResponse:
        async with self.ctx.transaction():
            await owned_worker(self.ctx, worker_id)
            row = await worker_store.worker_touch(self.ctx.session, worker_id=worker_id, now=self.ctx.now())
        if row is None:  # deleted between the check and the touch
            raise problems.WorkerNotFound(f"No worker {worker_id}.")
        return views.worker_response(row)

    async def delete_worker(self, *, worker_id: UUID) -> None:
        async with self.ctx.transaction() as outbox:
            await owned_worker(self.ctx, worker_id, superuser_may=True)
            result = await clean_up_worker(self.ctx.session, outbox, worker_id=worker_id, now=self.ctx.now())
        if result is None:  # another request or replica is cleaning it up right now
            raise problems.WorkerNotFound(f"Worker {worker_id} is already being removed.")
