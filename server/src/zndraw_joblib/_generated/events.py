# generated from asyncapi.yaml by `make generate` (codegen/); do not edit

from __future__ import annotations

from enum import StrEnum
from typing import Annotated
from uuid import UUID

from pydantic import MISSING, AwareDatetime, BaseModel, ConfigDict, Field, RootModel


class ProblemType(StrEnum):
    field_v1_problems_bad_credentials = "/v1/problems/bad-credentials"
    field_v1_problems_forbidden = "/v1/problems/forbidden"
    field_v1_problems_idempotency_key_reused = "/v1/problems/idempotency-key-reused"
    field_v1_problems_internal_error = "/v1/problems/internal-error"
    field_v1_problems_internal_job_not_configured = "/v1/problems/internal-job-not-configured"
    field_v1_problems_invalid_category = "/v1/problems/invalid-category"
    field_v1_problems_invalid_room_id = "/v1/problems/invalid-room-id"
    field_v1_problems_invalid_task_transition = "/v1/problems/invalid-task-transition"
    field_v1_problems_job_not_found = "/v1/problems/job-not-found"
    field_v1_problems_method_not_allowed = "/v1/problems/method-not-allowed"
    field_v1_problems_no_workers_available = "/v1/problems/no-workers-available"
    field_v1_problems_not_found = "/v1/problems/not-found"
    field_v1_problems_not_ready = "/v1/problems/not-ready"
    field_v1_problems_payload_too_complex = "/v1/problems/payload-too-complex"
    field_v1_problems_payload_too_large = "/v1/problems/payload-too-large"
    field_v1_problems_provider_error = "/v1/problems/provider-error"
    field_v1_problems_provider_not_found = "/v1/problems/provider-not-found"
    field_v1_problems_provider_timeout = "/v1/problems/provider-timeout"
    field_v1_problems_registration_closed = "/v1/problems/registration-closed"
    field_v1_problems_request_timeout = "/v1/problems/request-timeout"
    field_v1_problems_schema_conflict = "/v1/problems/schema-conflict"
    field_v1_problems_service_unavailable = "/v1/problems/service-unavailable"
    field_v1_problems_task_not_found = "/v1/problems/task-not-found"
    field_v1_problems_too_many_requests = "/v1/problems/too-many-requests"
    field_v1_problems_unauthorized = "/v1/problems/unauthorized"
    field_v1_problems_user_already_exists = "/v1/problems/user-already-exists"
    field_v1_problems_validation_error = "/v1/problems/validation-error"
    field_v1_problems_worker_not_found = "/v1/problems/worker-not-found"


class TaskStatus(StrEnum):
    pending = "pending"
    claimed = "claimed"
    running = "running"
    completed = "completed"
    failed = "failed"
    cancelled = "cancelled"


class JoinRoom(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    room_id: Annotated[
        str,
        Field(
            description="`@global`, `@internal`, or 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not starting with `.`.",
            max_length=128,
            min_length=1,
            pattern="^(@global|@internal|[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127})$",
        ),
    ]


class LeaveRoom(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    room_id: Annotated[
        str,
        Field(
            description="`@global`, `@internal`, or 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not starting with `.`.",
            max_length=128,
            min_length=1,
            pattern="^(@global|@internal|[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127})$",
        ),
    ]


class JoinAllRooms(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )


class LeaveAllRooms(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )


class JoinJobRoom(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    job_name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    worker_id: UUID


class LeaveJobRoom(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    job_name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    worker_id: UUID


class JoinProviderRoom(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    provider_name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    worker_id: UUID


class LeaveProviderRoom(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    provider_name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    worker_id: UUID


class AckError(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    type: ProblemType
    detail: str


class Ack(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    ok: bool
    error: AckError | MISSING = MISSING


class JobsInvalidate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )


class ProvidersInvalidate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )


class TaskAvailable(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    job_name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    room_id: Annotated[
        str,
        Field(
            description="`@global`, `@internal`, or 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not starting with `.`.",
            max_length=128,
            min_length=1,
            pattern="^(@global|@internal|[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127})$",
        ),
    ]
    task_id: UUID


class TaskStatusEvent(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    id: UUID
    name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    room_id: Annotated[
        str,
        Field(
            description="`@global`, `@internal`, or 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not starting with `.`.",
            max_length=128,
            min_length=1,
            pattern="^(@global|@internal|[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127})$",
        ),
    ]
    status: TaskStatus
    created_at: AwareDatetime
    claimed_at: AwareDatetime | None
    priority: int
    attempt: Annotated[int, Field(ge=1)]
    max_attempts: Annotated[int, Field(ge=1)]
    available_at: Annotated[
        AwareDatetime | None,
        Field(description="A retried task cannot be claimed before this time."),
    ]
    started_at: AwareDatetime | None
    completed_at: AwareDatetime | None
    queue_position: Annotated[
        int | None,
        Field(
            description="As `TaskResponse.queue_position` (1001 = more than 1,000 tasks ahead).",
            ge=1,
            le=1001,
        ),
    ]
    worker_id: UUID | None
    error: str | None


class TasksSubmitted(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    room_id: Annotated[
        str,
        Field(
            description="`@global`, `@internal`, or 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not starting with `.`.",
            max_length=128,
            min_length=1,
            pattern="^(@global|@internal|[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127})$",
        ),
    ]
    task_ids: Annotated[
        list[UUID],
        Field(
            description="The tasks, in the order they were submitted.",
            max_length=1000,
            min_length=1,
        ),
    ]


class Progress(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    fraction: Annotated[float | None, Field(ge=0.0, le=1.0)]
    current: Annotated[int | None, Field(ge=0)]
    total: Annotated[int | None, Field(ge=0)]
    message: Annotated[str | None, Field(max_length=500)]
    updated_at: AwareDatetime


class TaskCancelled(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    id: UUID
    name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    room_id: Annotated[
        str,
        Field(
            description="`@global`, `@internal`, or 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not starting with `.`.",
            max_length=128,
            min_length=1,
            pattern="^(@global|@internal|[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127})$",
        ),
    ]


class ProviderRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    request_id: Annotated[
        str,
        Field(
            description="sha256 (lower-case hex) of the canonical JSON of the read's parameters.",
            pattern="^[0-9a-f]{64}$",
        ),
    ]
    provider_name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    params: Annotated[
        str,
        Field(description="The canonical JSON of the read's parameters (keys sorted, compact)."),
    ]


class ProviderResultReady(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    provider_name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    request_hash: Annotated[
        str,
        Field(
            description="sha256 (lower-case hex) of the canonical JSON of the read's parameters.",
            pattern="^[0-9a-f]{64}$",
        ),
    ]


class JoinRoomPayload(RootModel[JoinRoom]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: JoinRoom


class LeaveRoomPayload(RootModel[LeaveRoom]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: LeaveRoom


class JoinAllRoomsPayload(RootModel[JoinAllRooms]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: JoinAllRooms


class LeaveAllRoomsPayload(RootModel[LeaveAllRooms]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: LeaveAllRooms


class JoinJobRoomPayload(RootModel[JoinJobRoom]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: JoinJobRoom


class LeaveJobRoomPayload(RootModel[LeaveJobRoom]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: LeaveJobRoom


class JoinProviderRoomPayload(RootModel[JoinProviderRoom]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: JoinProviderRoom


class LeaveProviderRoomPayload(RootModel[LeaveProviderRoom]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: LeaveProviderRoom


class AckPayload(RootModel[Ack]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: Ack


class JobsInvalidatePayload(RootModel[JobsInvalidate]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: JobsInvalidate


class TaskAvailablePayload(RootModel[TaskAvailable]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: TaskAvailable


class TaskStatusEventPayload(RootModel[TaskStatusEvent]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: TaskStatusEvent


class TasksSubmittedPayload(RootModel[TasksSubmitted]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: TasksSubmitted


class TaskCancelledPayload(RootModel[TaskCancelled]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: TaskCancelled


class ProvidersInvalidatePayload(RootModel[ProvidersInvalidate]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: ProvidersInvalidate


class ProviderRequestPayload(RootModel[ProviderRequest]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: ProviderRequest


class ProviderResultReadyPayload(RootModel[ProviderResultReady]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: ProviderResultReady


class TaskProgress(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    id: UUID
    name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    room_id: Annotated[
        str,
        Field(
            description="`@global`, `@internal`, or 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not starting with `.`.",
            max_length=128,
            min_length=1,
            pattern="^(@global|@internal|[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127})$",
        ),
    ]
    progress: Progress


class TaskProgressPayload(RootModel[TaskProgress]):
    model_config = ConfigDict(
        frozen=True,
    )
    root: TaskProgress
