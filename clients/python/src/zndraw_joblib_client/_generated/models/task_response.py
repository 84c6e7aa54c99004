# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.task_status import TaskStatus

if TYPE_CHECKING:
    from ..models.task_progress import TaskProgress
    from ..models.task_response_payload import TaskResponsePayload


T = TypeVar("T", bound="TaskResponse")


@_attrs_define
class TaskResponse:
    """
    Attributes:
        id (UUID):
        job_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not
            starting with `.` (no `@`, no `:`).
        status (TaskStatus): `pending → claimed → running → completed | failed`; `cancelled` from pending, claimed or
            running; `claimed → failed`. completed, failed and cancelled are terminal.
        created_at (datetime.datetime):
        claimed_at (datetime.datetime | None): Set when a worker (or the internal executor) claims the task; reset by a
            retry.
        started_at (datetime.datetime | None): Set when the task becomes running.
        completed_at (datetime.datetime | None): Set when the task becomes terminal.
        worker_id (None | UUID): The worker that claimed the task.
        error (None | str):
        payload (TaskResponsePayload):
        queue_position (int | None): 1-based position among the job's pending tasks in claim order (priority, then first
            in,
            first out), counted up to 1,000 tasks ahead: 1001 means more than 1,000 are ahead.
            Null unless pending.
        priority (int): The priority given at submission (0 by default).
        attempt (int): The attempt this is (1 for the first run; a retry adds one).
        max_attempts (int): The attempts the task gets (its job's retry policy at submission).
        available_at (datetime.datetime | None): A retried task cannot be claimed before this time; null when it can be
            at once.
        progress (None | TaskProgress): The latest progress its worker reported while it ran; null before any.
        result (Any): The JSON value its worker completed it with (`PATCH … {"status": "completed",
            "result": …}`); null when there is none.
    """

    id: UUID
    job_name: str
    room_id: str
    status: TaskStatus
    created_at: datetime.datetime
    claimed_at: datetime.datetime | None
    started_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    worker_id: None | UUID
    error: None | str
    payload: TaskResponsePayload
    queue_position: int | None
    priority: int
    attempt: int
    max_attempts: int
    available_at: datetime.datetime | None
    progress: None | TaskProgress
    result: Any

    def to_dict(self) -> dict[str, Any]:
        from ..models.task_progress import TaskProgress  # noqa: PLC0415

        id = str(self.id)

        job_name = self.job_name

        room_id = self.room_id

        status = self.status.value

        created_at = self.created_at.isoformat()

        claimed_at: None | str
        if isinstance(self.claimed_at, datetime.datetime):
            claimed_at = self.claimed_at.isoformat()
        else:
            claimed_at = self.claimed_at

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        worker_id: None | str
        if isinstance(self.worker_id, UUID):
            worker_id = str(self.worker_id)
        else:
            worker_id = self.worker_id

        error: None | str
        error = self.error

        payload = self.payload.to_dict()

        queue_position: int | None
        queue_position = self.queue_position

        priority = self.priority

        attempt = self.attempt

        max_attempts = self.max_attempts

        available_at: None | str
        if isinstance(self.available_at, datetime.datetime):
            available_at = self.available_at.isoformat()
        else:
            available_at = self.available_at

        progress: dict[str, Any] | None
        if isinstance(self.progress, TaskProgress):
            progress = self.progress.to_dict()
        else:
            progress = self.progress

        result = self.result

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "job_name": job_name,
                "room_id": room_id,
                "status": status,
                "created_at": created_at,
                "claimed_at": claimed_at,
                "started_at": started_at,
                "completed_at": completed_at,
                "worker_id": worker_id,
                "error": error,
                "payload": payload,
                "queue_position": queue_position,
                "priority": priority,
                "attempt": attempt,
                "max_attempts": max_attempts,
                "available_at": available_at,
                "progress": progress,
                "result": result,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_progress import TaskProgress  # noqa: PLC0415
        from ..models.task_response_payload import TaskResponsePayload  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        job_name = d.pop("job_name")

        room_id = d.pop("room_id")

        status = TaskStatus(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_claimed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                claimed_at_type_0 = datetime.datetime.fromisoformat(data)

                return claimed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        claimed_at = _parse_claimed_at(d.pop("claimed_at"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        def _parse_worker_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                worker_id_type_0 = UUID(data)

                return worker_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        worker_id = _parse_worker_id(d.pop("worker_id"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        payload = TaskResponsePayload.from_dict(d.pop("payload"))

        def _parse_queue_position(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        queue_position = _parse_queue_position(d.pop("queue_position"))

        priority = d.pop("priority")

        attempt = d.pop("attempt")

        max_attempts = d.pop("max_attempts")

        def _parse_available_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                available_at_type_0 = datetime.datetime.fromisoformat(data)

                return available_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        available_at = _parse_available_at(d.pop("available_at"))

        def _parse_progress(data: object) -> None | TaskProgress:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                progress_type_0 = TaskProgress.from_dict(data)

                return progress_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskProgress, data)

        progress = _parse_progress(d.pop("progress"))

        result = d.pop("result")

        task_response = cls(
            id=id,
            job_name=job_name,
            room_id=room_id,
            status=status,
            created_at=created_at,
            claimed_at=claimed_at,
            started_at=started_at,
            completed_at=completed_at,
            worker_id=worker_id,
            error=error,
            payload=payload,
            queue_position=queue_position,
            priority=priority,
            attempt=attempt,
            max_attempts=max_attempts,
            available_at=available_at,
            progress=progress,
            result=result,
        )

        return task_response
