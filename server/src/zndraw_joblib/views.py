"""Rows to API models and event payloads; pure and small so every service answers alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeAlias, TypeVar
from uuid import UUID

from pydantic import BaseModel

from ._generated import events, models

Row: TypeAlias = Mapping[Any, Any]
"""A row as the store returns it (SQLAlchemy's RowMapping), or a dict of the same keys."""

M = TypeVar("M", bound=BaseModel)


def constructed(model: type[M], values: dict[str, Any]) -> M:
    """`model.model_construct(**values)` for a `values` that names every field (by field name):
    what it leaves of it. `model_construct` walks every field looking for aliases and defaults on
    each call, which cost more than building the values; server/tests/test_views.py checks the two agree."""
    instance = model.__new__(model)
    object.__setattr__(instance, "__dict__", values)
    object.__setattr__(instance, "__pydantic_fields_set__", set(values))
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    return instance


def task_response(row: Row, queue_position: int | None = None) -> models.TaskResponse:
    """The task view of a row. Built without validation: a row holds what the table's types
    produce (UUIDs, aware datetimes, the status enum, stored JSON), so validating it again on
    every answer only cost CPU (server/tests check the answers against the spec)."""
    progress = row["progress"]
    status = row["status"]
    return constructed(
        models.TaskResponse,
        {
            "id": row["id"],
            "job_name": row["job_name"],
            "room_id": row["room_id"],
            "status": status,
            "created_at": row["created_at"],
            "claimed_at": row["claimed_at"],
            "started_at": row["started_at"],
            "completed_at": row["completed_at"],
            "worker_id": row["worker_id"],
            "error": row["error"],
            "payload": row["payload"],
            "queue_position": queue_position if status is models.TaskStatus.pending else None,
            "priority": row["priority"],
            "attempt": row["attempt"],
            "max_attempts": row["max_attempts"],
            "available_at": row["available_at"],
            "progress": models.TaskProgress(**progress) if progress is not None else None,
            "result": row["result"],
        },
    )


def task_json(row: Row) -> str:
    """The task view of a row as the API sends it (a terminal task's long-polls answer with it)."""
    return task_response(row).model_dump_json(by_alias=True)


EVENT_FIELDS = (
    *("id", "room_id", "created_at", "claimed_at", "started_at", "completed_at", "worker_id", "error"),
    *("priority", "attempt", "max_attempts", "available_at"),
)
"""What a `task_status_event` takes from the row as it is: the task view without payload, result
and progress, `job_name` as `name`, and the queue position."""


def task_status_event(row: Row, queue_position: int | None = None) -> events.TaskStatusEvent:
    """The event of a row's status (unvalidated, as `task_response`)."""
    status: models.TaskStatus = row["status"]
    values = {field: row[field] for field in EVENT_FIELDS}
    values["name"] = row["job_name"]
    values["status"] = events.TaskStatus(status.value)
    values["queue_position"] = queue_position if status is models.TaskStatus.pending else None
    return constructed(events.TaskStatusEvent, values)


def task_progress_event(task_id: Any, job_name: str, room_id: str, progress: dict[str, Any]) -> events.TaskProgress:
    return events.TaskProgress(id=task_id, name=job_name, room_id=room_id, progress=events.Progress(**progress))


def job_response(row: Row, workers: list[UUID], worker_id: UUID | None) -> models.JobResponse:
    return models.JobResponse(
        id=row["id"],
        room_id=row["room_id"],
        category=row["category"],
        name=row["name"],
        full_name=row["full_name"],
        json_schema=row["schema"],
        workers=workers,
        worker_id=worker_id,
        max_attempts=row["max_attempts"],
        retry_backoff_seconds=row["retry_backoff_seconds"],
    )


def job_summary(row: Row, workers: list[UUID]) -> models.JobSummary:
    return models.JobSummary(full_name=row["full_name"], category=row["category"], name=row["name"], workers=workers)


def worker_response(row: Row) -> models.WorkerResponse:
    return models.WorkerResponse(id=row["id"], last_heartbeat=row["last_heartbeat"])


def worker_summary(row: Row) -> models.WorkerSummary:
    return models.WorkerSummary(id=row["id"], last_heartbeat=row["last_heartbeat"], job_count=row["job_count"])


def provider_response(row: Row) -> models.ProviderResponse:
    return models.ProviderResponse(
        id=row["id"],
        room_id=row["room_id"],
        category=row["category"],
        name=row["name"],
        full_name=row["full_name"],
        json_schema=row["schema"],
        content_type=row["content_type"],
        worker_id=row["worker_id"],
        created_at=row["created_at"],
    )
