"""Submitting tasks of an extension's job: one (`submitTask`) or many in batches (`submitTasks`).

The payload of a task is its extension's fields as JSON. A batch is all or nothing: one
invalid payload refuses it (`errors.ValidationFailed` names its index). A sequence longer than
`BATCH_LIMIT` goes out in chunks, each all or nothing on its own; with an idempotency key each
chunk gets its own (`key-0`, `key-1`, …), so a retried chunk returns its first tasks.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from ._generated.api.tasks import submit_task, submit_tasks
from ._generated.models import TaskBatchRequest, TaskBatchResponse, TaskResponse, TaskSubmitRequest
from ._generated.models import TaskSubmitRequestPayload as Payload
from ._generated.types import UNSET, Unset
from .connection import Client
from .extension import Extension

BATCH_LIMIT = 1000
"""Tasks per `submitTasks` request (openapi.yaml `TaskBatchRequest.maxItems`)."""


def request_of(extension: Extension, priority: int) -> TaskSubmitRequest:
    return TaskSubmitRequest(payload=Payload.from_dict(extension.model_dump(mode="json")), priority=priority)


def submit_one(
    api: Client, extension: Extension, *, room: str, job_name: str, priority: int, idempotency_key: str | None
) -> UUID:
    """Submit one task of `job_name` into `room`; its id."""
    task = api.call(
        submit_task.sync_detailed,
        TaskResponse,
        room_id=room,
        job_name=job_name,
        body=request_of(extension, priority),
        idempotency_key=idempotency_key if idempotency_key is not None else UNSET,
    )
    return task.id


def submit_batches(
    api: Client,
    extensions: Sequence[Extension],
    *,
    room: str,
    job_name: str,
    priority: int,
    idempotency_key: str | None,
) -> list[UUID]:
    """Submit the tasks in chunks of `BATCH_LIMIT`; their ids in the order given."""
    chunks = [extensions[start : start + BATCH_LIMIT] for start in range(0, len(extensions), BATCH_LIMIT)]
    ids: list[UUID] = []
    for index, chunk in enumerate(chunks):
        answer = api.call(
            submit_tasks.sync_detailed,
            TaskBatchResponse,
            room_id=room,
            job_name=job_name,
            body=TaskBatchRequest(tasks=[request_of(extension, priority) for extension in chunk]),
            idempotency_key=chunk_key(idempotency_key, index, len(chunks)),
        )
        ids.extend(answer.task_ids)
    return ids


def chunk_key(idempotency_key: str | None, index: int, chunks: int) -> str | Unset:
    """The idempotency key of chunk `index` of `chunks`: the key itself when there is one chunk."""
    if idempotency_key is None:
        return UNSET
    return idempotency_key if chunks == 1 else f"{idempotency_key}-{index}"
