"""The operator's view: queue health per job, rooms, ended tasks per minute (openapi.yaml `getStats`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from zndraw_joblib import names
from zndraw_joblib._generated import models
from zndraw_joblib._generated.models import TaskStatus
from zndraw_joblib.context import Context
from zndraw_joblib.store import stats as stats_store

ENDED_WINDOW = timedelta(hours=24)
"""Ended tasks (completed, failed, cancelled) are counted over this window."""
MINUTES = 60


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


async def queue_stats(ctx: Context, *, room_id: str | None) -> models.QueueStats:
    """Counts of the whole queue (`room_id` None) or of the tasks submitted to one room."""
    session = ctx.session
    now = ctx.now()
    counts = await stats_store.status_counts(session, room_id=room_id, ended_since=now - ENDED_WINDOW)
    oldest = await stats_store.oldest_pending(session, room_id=room_id)
    rooms = names.rooms_visible_from(room_id) if room_id is not None else None
    jobs = await stats_store.jobs_by_id(session, job_ids=list(counts), rooms=rooms)
    workers = await stats_store.workers_per_job(session, job_ids=[job["id"] for job in jobs])
    alive = await stats_store.workers_alive(session, since=now - timedelta(seconds=ctx.settings.worker_timeout_seconds))
    ended = await stats_store.ended_per_minute(
        session, room_id=room_id, since=_minute(now) - timedelta(minutes=MINUTES - 1)
    )
    await session.rollback()
    first = _minute(now) - timedelta(minutes=MINUTES - 1)
    minutes = [first + timedelta(minutes=i) for i in range(MINUTES)]
    return models.QueueStats(
        generated_at=now,
        jobs=[
            models.JobStats(
                full_name=job["full_name"],
                room_id=job["room_id"],
                counts=models.StatusCounts(
                    **{status.value: counts.get(job["id"], {}).get(status, 0) for status in TaskStatus}
                ),
                oldest_pending_at=oldest.get(job["id"]),
                workers=workers.get(job["id"], 0),
            )
            for job in jobs
        ],
        workers_alive=alive,
        ended_per_minute=[
            models.MinuteStats(
                minute=minute,
                completed=ended.get((minute, TaskStatus.completed), 0),
                failed=ended.get((minute, TaskStatus.failed), 0),
                cancelled=ended.get((minute, TaskStatus.cancelled), 0),
            )
            for minute in minutes
        ],
    )


async def room_page(ctx: Context, *, limit: int, offset: int) -> models.RoomPage:
    found = await stats_store.rooms(ctx.session)
    await ctx.session.rollback()
    items = [
        models.RoomSummary(
            room_id=entry["room_id"],
            jobs=entry["jobs"],
            tasks=entry["tasks"],
            pending=entry["pending"],
            last_activity_at=entry["last"],
        )
        for entry in found[offset : offset + limit]
    ]
    return models.RoomPage(items=items, total=len(found), limit=limit, offset=offset)
