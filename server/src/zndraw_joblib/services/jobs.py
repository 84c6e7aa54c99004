"""Jobs: the idempotent registration upsert, listing and details."""

from __future__ import annotations

import asyncio
from typing import Any

from pydantic import MISSING
from sqlalchemy import RowMapping

from zndraw_joblib import announce, names, problems, schemas, views
from zndraw_joblib._generated import models
from zndraw_joblib._generated.api import JobsApi, Reply
from zndraw_joblib.access import RoomAction
from zndraw_joblib.context import Context
from zndraw_joblib.store import jobs as job_store
from zndraw_joblib.store import workers as worker_store
from zndraw_joblib.store.types import new_id

from . import stats
from .resilience import resilient
from .workers import owned_worker


async def parameter_schema(
    ctx: Context, body: models.JobRegisterRequest | models.ProviderRegisterRequest
) -> dict[str, Any]:
    """The schema under `schema` or its synonym `schema_`, checked (`schemas.check_schema`) off the
    event loop within the validation budget; 422 when it may not be registered."""
    # `schema_` is deprecated in the spec (a synonym kept for the ZnDraw client); reading the value
    # from __dict__ avoids pydantic's DeprecationWarning on every registration that uses it.
    synonym = body.__dict__.get("json_schema_synonym", MISSING)
    given = [s for s in (body.json_schema, synonym) if s is not MISSING]
    if len(given) > 1:
        raise problems.ValidationFailed(
            [
                {
                    "loc": ["body"],
                    "msg": "give the schema as 'schema' or as 'schema_', not both",
                    "type": "conflict",
                }
            ]
        )
    schema: dict[str, Any] = dict(given[0]) if given else {}
    settings = ctx.settings

    def check() -> None:
        with schemas.deadline(settings.payload_validation_budget_seconds):
            schemas.check_schema(schema, max_bytes=settings.max_schema_bytes)

    try:
        await asyncio.to_thread(check)
    except schemas.SchemaRefused as exc:
        loc = ["body", "schema", *exc.loc]
        raise problems.ValidationFailed([{"loc": loc, "msg": exc.message, "type": exc.kind}]) from None
    except schemas.BudgetExceeded:
        budget = settings.payload_validation_budget_seconds
        msg = f"the schema could not be checked within {budget:g} s"
        raise problems.ValidationFailed(
            [{"loc": ["body", "schema"], "msg": msg, "type": "validation_budget"}]
        ) from None
    return schema


def check_job_owner(ctx: Context, job: RowMapping) -> None:
    """A job of a regular room is registered again only by its owner (any of their workers) or a superuser."""
    owner = job["owner_id"]
    if owner is not None and owner != ctx.actor.user_id and not ctx.actor.is_superuser:
        raise problems.Forbidden(
            f"Job {job['full_name']!r} belongs to another user; register your job under another name."
        )


def check_reserved_room(ctx: Context, room_id: str, what: str) -> None:
    if room_id in names.RESERVED_ROOMS and not ctx.actor.is_superuser:
        raise problems.Forbidden(f"Only a superuser may register {what} in {room_id}.")


async def worker_for_registration(ctx: Context, worker_id: Any) -> RowMapping:
    """The given worker (the actor's own), or a new one for the actor."""
    if worker_id is not MISSING:
        return await owned_worker(ctx, worker_id)
    return await worker_store.worker_insert(ctx.session, worker_id=new_id(), user_id=ctx.actor.user_id, now=ctx.now())


async def visible_job(ctx: Context, room_id: str, job_name: str, *, share_lock: bool = False) -> RowMapping:
    """The active job `job_name` if the room sees it; else 404."""
    names.check_room_id(room_id)
    parsed = names.parse_full_name(job_name)
    if parsed is None or parsed.room_id not in names.rooms_visible_from(room_id):
        raise problems.JobNotFound(f"No job {job_name!r} is visible from room {room_id!r}.")
    if share_lock:
        job = await job_store.job_get_for_share(ctx.session, full_name=job_name)
    else:
        job = await job_store.job_get_by_full_name(ctx.session, full_name=job_name)
    if job is None:
        raise problems.JobNotFound(f"No job {job_name!r} is visible from room {room_id!r}.")
    return job


@resilient
class JobsService(JobsApi):
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    async def register_job(self, *, room_id: str, body: models.JobRegisterRequest) -> Reply[models.JobResponse]:
        ctx = self.ctx
        names.check_room_id(room_id)
        if body.category not in ctx.settings.allowed_categories:
            allowed = ", ".join(ctx.settings.allowed_categories)
            raise problems.InvalidCategory(f"Category {body.category!r} is not one of: {allowed}.")
        check_reserved_room(ctx, room_id, "jobs")
        await ctx.require_room(room_id, RoomAction.register)
        schema = await parameter_schema(ctx, body)
        full_name = str(names.FullName(room_id, body.category, body.name))
        async with ctx.transaction() as outbox:
            worker = await worker_for_registration(ctx, body.worker_id)
            created = await job_store.job_insert_if_absent(
                ctx.session,
                job_id=new_id(),
                room_id=room_id,
                category=body.category,
                name=body.name,
                full_name=full_name,
                schema=schema,
                owner_id=ctx.actor.user_id,
                now=ctx.now(),
                max_attempts=body.max_attempts,
                retry_backoff_seconds=body.retry_backoff_seconds,
            )
            job = await job_store.job_get_by_full_name(
                ctx.session, full_name=full_name, active_only=False, for_update=True
            )
            assert job is not None  # inserted above or already there; jobs are never hard-deleted
            if not created and job["deleted_at"] is not None:  # an orphan: whoever revives it owns it
                await job_store.job_reactivate(ctx.session, job_id=job["id"], schema=schema, owner_id=ctx.actor.user_id)
                created = True
            elif not created:
                check_job_owner(ctx, job)
                if job["schema"] != schema:
                    raise problems.SchemaConflict(
                        f"Job {full_name!r} is registered with a different schema; register it under another name "
                        "or stop its workers first."
                    )
                if job["owner_id"] is None:  # registered before jobs had owners: the next registrant takes it
                    await job_store.job_set_owner(ctx.session, job_id=job["id"], owner_id=ctx.actor.user_id)
            policy = (body.max_attempts, body.retry_backoff_seconds)
            if policy != (job["max_attempts"], job["retry_backoff_seconds"]):  # registering again updates it
                await job_store.job_set_retry_policy(
                    ctx.session, job_id=job["id"], max_attempts=policy[0], retry_backoff_seconds=policy[1]
                )
            linked = await job_store.link_ensure(ctx.session, worker_id=worker["id"], job_id=job["id"])
            if created or linked:
                announce.jobs_changed(outbox, room_id)
            workers = (await job_store.job_workers(ctx.session, job_ids=[job["id"]]))[job["id"]]
        current = {**job, "schema": schema, "max_attempts": policy[0], "retry_backoff_seconds": policy[1]}
        response = views.job_response(current, workers, worker["id"])
        return Reply(status_code=201 if created else 200, body=response)

    async def list_jobs(self, *, room_id: str, limit: int, offset: int) -> models.JobPage:
        rooms = names.rooms_visible_from(names.check_room_id(room_id))
        await self.ctx.require_room(room_id, RoomAction.read)
        rows, total = await job_store.jobs_page(self.ctx.session, rooms=rooms, limit=limit, offset=offset)
        workers = await job_store.job_workers(self.ctx.session, job_ids=[r["id"] for r in rows])
        items = [views.job_summary(r, workers[r["id"]]) for r in rows]
        return models.JobPage(items=items, total=total, limit=limit, offset=offset)

    async def get_stats(self) -> models.QueueStats:
        if not self.ctx.actor.is_superuser:
            raise problems.Forbidden("Only superusers see the whole queue; ask for a room's stats instead.")
        return await stats.queue_stats(self.ctx, room_id=None)

    async def get_room_stats(self, *, room_id: str) -> models.QueueStats:
        await self.ctx.require_room(names.check_room_id(room_id), RoomAction.read)
        return await stats.queue_stats(self.ctx, room_id=room_id)

    async def list_rooms(self, *, limit: int, offset: int) -> models.RoomPage:
        if not self.ctx.actor.is_superuser:
            raise problems.Forbidden("Only superusers list every room.")
        return await stats.room_page(self.ctx, limit=limit, offset=offset)

    async def get_job(self, *, room_id: str, job_name: str) -> models.JobResponse:
        names.check_room_id(room_id)
        await self.ctx.require_room(room_id, RoomAction.read)
        job = await visible_job(self.ctx, room_id, job_name)
        workers = (await job_store.job_workers(self.ctx.session, job_ids=[job["id"]]))[job["id"]]
        return views.job_response(job, workers, None)
