"""The tables. Separate from the API models: rows never leave the store as responses.

Indexes follow the queries (docs and performance notes in store/queries):
- `ix_task_pending_claim` (job_id, priority DESC, created_at, id) WHERE status = 'pending': the
  claim takes the head of each of the worker's jobs (highest priority, then oldest) with one
  index seek, whatever the queue depth;
- `ix_task_order` (created_at, id): the newest-first listing across rooms (superusers);
- `ix_task_completed_at`: tasks that ended recently (the stats' minutes and 24 h counts);
- `ix_task_room_order`, `ix_task_job_room_order`: the newest-first task listings;
- `ix_task_worker_active`: worker cleanup finds its claimed/running tasks without a scan.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, String, Text, text
from sqlmodel import Field, SQLModel

from zndraw_joblib._generated.models import TaskStatus

from .types import JsonDocument, TaskStatusText, UTCDateTime, new_id, utcnow

PENDING = text(f"status = '{TaskStatus.pending.value}'")
ACTIVE = text(f"status IN ('{TaskStatus.claimed.value}', '{TaskStatus.running.value}')")


class User(SQLModel, table=True):
    """An account of the standalone server (fastapi-users fields). Hosts bring their own."""

    __tablename__ = "joblib_user"

    id: UUID = Field(default_factory=new_id, primary_key=True)
    email: str = Field(sa_column=Column(String(320), unique=True, index=True, nullable=False))
    hashed_password: str = Field(sa_column=Column(String(1024), nullable=False))
    is_active: bool = True
    is_superuser: bool = False
    is_verified: bool = False


class Worker(SQLModel, table=True):
    __tablename__ = "joblib_worker"

    id: UUID = Field(default_factory=new_id, primary_key=True)
    user_id: UUID = Field(index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    last_heartbeat: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, index=True)
    )


class Job(SQLModel, table=True):
    __tablename__ = "joblib_job"

    id: UUID = Field(default_factory=new_id, primary_key=True)
    room_id: str = Field(sa_column=Column(String(128), nullable=False, index=True))
    category: str = Field(sa_column=Column(String(64), nullable=False))
    name: str = Field(sa_column=Column(String(128), nullable=False))
    full_name: str = Field(sa_column=Column(String(322), nullable=False, unique=True))
    json_schema: dict[str, Any] = Field(default_factory=dict, sa_column=Column("schema", JsonDocument, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    deleted_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    owner_id: UUID | None = Field(default=None)  # who first registered it; None for rows older than owners
    max_attempts: int = Field(default=1, sa_column=Column(Integer, nullable=False, server_default="1"))
    retry_backoff_seconds: float = Field(default=1.0, sa_column=Column(Float, nullable=False, server_default="1"))


class WorkerJobLink(SQLModel, table=True):
    __tablename__ = "joblib_worker_job"

    worker_id: UUID = Field(sa_column=Column(ForeignKey("joblib_worker.id", ondelete="CASCADE"), primary_key=True))
    job_id: UUID = Field(
        sa_column=Column(ForeignKey("joblib_job.id", ondelete="CASCADE"), primary_key=True, index=True)
    )


class Task(SQLModel, table=True):
    __tablename__ = "joblib_task"
    __table_args__ = (
        Index("ix_task_room_order", "room_id", "created_at", "id"),
        Index("ix_task_order", "created_at", "id"),
        Index("ix_task_completed_at", "completed_at"),
        Index("ix_task_job_room_order", "job_id", "room_id", "created_at", "id"),
        Index("ix_task_worker_active", "worker_id", sqlite_where=ACTIVE, postgresql_where=ACTIVE),
        Index("ix_task_claimed_at_active", "claimed_at", sqlite_where=ACTIVE, postgresql_where=ACTIVE),
    )

    id: UUID = Field(default_factory=new_id, primary_key=True)
    job_id: UUID = Field(sa_column=Column(ForeignKey("joblib_job.id"), nullable=False))
    job_name: str = Field(sa_column=Column(String(322), nullable=False))  # the job's full name, kept
    room_id: str = Field(sa_column=Column(String(128), nullable=False))  # the submission room
    status: TaskStatus = Field(sa_column=Column(TaskStatusText(), nullable=False))
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JsonDocument, nullable=False))
    error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    worker_id: UUID | None = Field(default=None)  # no foreign key: the id outlives the worker
    submitted_by: UUID
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    claimed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    started_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    completed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    priority: int = Field(default=0, sa_column=Column(Integer, nullable=False, server_default="0"))
    attempt: int = Field(default=1, sa_column=Column(Integer, nullable=False, server_default="1"))
    max_attempts: int = Field(default=1, sa_column=Column(Integer, nullable=False, server_default="1"))
    retry_backoff_seconds: float = Field(default=1.0, sa_column=Column(Float, nullable=False, server_default="1"))
    available_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    progress: dict[str, Any] | None = Field(default=None, sa_column=Column(JsonDocument, nullable=True))
    result: Any = Field(default=None, sa_column=Column(JsonDocument, nullable=True))


class IdempotencyKey(SQLModel, table=True):
    """A submission's `Idempotency-Key`: the task (or the batch of tasks) it created, for the
    retention window."""

    __tablename__ = "joblib_idempotency_key"

    user_id: UUID = Field(primary_key=True)
    key: str = Field(sa_column=Column(String(255), primary_key=True))
    fingerprint: str = Field(sa_column=Column(String(64), nullable=False))  # sha256 of room, job, body
    task_id: UUID  # a batch's first task
    task_ids: list[str] | None = Field(default=None, sa_column=Column(JsonDocument, nullable=True))  # a batch's tasks
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, index=True))


class Provider(SQLModel, table=True):
    __tablename__ = "joblib_provider"

    id: UUID = Field(default_factory=new_id, primary_key=True)
    room_id: str = Field(sa_column=Column(String(128), nullable=False, index=True))
    category: str = Field(sa_column=Column(String(64), nullable=False))
    name: str = Field(sa_column=Column(String(128), nullable=False))
    full_name: str = Field(sa_column=Column(String(322), nullable=False, unique=True))
    json_schema: dict[str, Any] = Field(default_factory=dict, sa_column=Column("schema", JsonDocument, nullable=False))
    content_type: str = Field(sa_column=Column(String(255), nullable=False))
    worker_id: UUID = Field(
        sa_column=Column(ForeignKey("joblib_worker.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    user_id: UUID
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


worker_table = Worker.__table__  # type: ignore[attr-defined]
job_table = Job.__table__  # type: ignore[attr-defined]
link_table = WorkerJobLink.__table__  # type: ignore[attr-defined]
idempotency_table = IdempotencyKey.__table__  # type: ignore[attr-defined]
task_table = Task.__table__  # type: ignore[attr-defined]
provider_table = Provider.__table__  # type: ignore[attr-defined]
user_table = User.__table__  # type: ignore[attr-defined]

Index(
    "ix_task_pending_claim",
    task_table.c.job_id,
    task_table.c.priority.desc(),
    task_table.c.created_at,
    task_table.c.id,
    sqlite_where=PENDING,
    postgresql_where=PENDING,
)
