"""Rows for the store-level tests, made through the store itself (fresh ids, explicit times)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from zndraw_joblib.store import jobs as job_store
from zndraw_joblib.store import tasks as task_store
from zndraw_joblib.store import workers as worker_store
from zndraw_joblib.store.types import new_id

T0 = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@dataclass
class Factory:
    """Makes workers, jobs and tasks; `tick()` advances its clock by a millisecond per row."""

    session: AsyncSession
    user_id: UUID = field(default_factory=new_id)
    now: datetime = T0

    def tick(self) -> datetime:
        self.now += timedelta(milliseconds=1)
        return self.now

    async def worker(self, user_id: UUID | None = None) -> RowMapping:
        return await worker_store.worker_insert(
            self.session, worker_id=new_id(), user_id=user_id or self.user_id, now=self.tick()
        )

    async def job(
        self, room_id: str = "lab", name: str | None = None, *, worker: RowMapping | None = None
    ) -> RowMapping:
        name = name or f"J{new_id().hex[-10:]}"  # the random end: UUIDv7 starts with the time
        full_name = f"{room_id}:modifiers:{name}"
        await job_store.job_insert_if_absent(
            self.session,
            job_id=new_id(),
            room_id=room_id,
            category="modifiers",
            name=name,
            full_name=full_name,
            schema={},
            now=self.tick(),
            owner_id=self.user_id,
        )
        job = await job_store.job_get_by_full_name(self.session, full_name=full_name)
        assert job is not None
        if worker is not None:
            await job_store.link_ensure(self.session, worker_id=worker["id"], job_id=job["id"])
        return job

    async def task(self, job: RowMapping, room_id: str = "lab", **payload: Any) -> RowMapping:
        return await task_store.task_insert(
            self.session,
            task_id=new_id(),
            job_id=job["id"],
            job_name=job["full_name"],
            room_id=room_id,
            payload=payload,
            submitted_by=self.user_id,
            now=self.tick(),
        )
