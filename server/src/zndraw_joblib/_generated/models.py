# generated from openapi.yaml by `make generate` (codegen/); do not edit

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import MISSING, AwareDatetime, BaseModel, ConfigDict, EmailStr, Field


class HealthStatus(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    status: Literal["ok"]


class ReadinessStatus(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    status: Literal["ok"]
    checks: Annotated[dict[str, Literal["ok"]], Field(description="The state of each dependency.")]


class LoginForm(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    username: Annotated[str, Field(description="The user's email.", max_length=320, min_length=1)]
    password: Annotated[str, Field(max_length=1024, min_length=1)]
    grant_type: Annotated[
        str | MISSING,
        Field(description="Accepted for OAuth2 compatibility; ignored.", max_length=64),
    ] = MISSING
    scope: Annotated[
        str | MISSING,
        Field(description="Accepted for OAuth2 compatibility; ignored.", max_length=1024),
    ] = MISSING
    client_id: Annotated[
        str | MISSING,
        Field(description="Accepted for OAuth2 compatibility; ignored.", max_length=256),
    ] = MISSING
    client_secret: Annotated[
        str | MISSING,
        Field(description="Accepted for OAuth2 compatibility; ignored.", max_length=256),
    ] = MISSING


class BearerToken(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    access_token: str
    token_type: Literal["bearer"]


class UserCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    email: Annotated[EmailStr, Field(max_length=320)]
    password: Annotated[str, Field(max_length=1024, min_length=8)]


class UserRead(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    id: UUID
    email: EmailStr
    is_active: bool
    is_superuser: bool
    is_verified: bool


class WorkerResponse(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    id: UUID
    last_heartbeat: AwareDatetime


class WorkerSummary(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    id: UUID
    last_heartbeat: AwareDatetime
    job_count: Annotated[int, Field(description="Jobs the worker is linked to.", ge=0)]


class WorkerPage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    items: list[WorkerSummary]
    total: Annotated[int, Field(ge=0)]
    limit: Annotated[int, Field(ge=0)]
    offset: Annotated[int, Field(ge=0)]


class JobRegisterRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    category: Annotated[
        str,
        Field(
            description="A job category must be in the server's `allowed_categories` (default modifiers,\nselections, analysis); a provider category in `allowed_provider_categories` when set.\n",
            examples=["modifiers"],
            max_length=64,
            min_length=1,
            pattern="^[A-Za-z0-9_-]+$",
        ),
    ]
    name: Annotated[
        str,
        Field(
            description="A job or provider name; any printable characters, `:` and `/` included.",
            examples=["Rotate"],
            max_length=128,
            min_length=1,
            pattern="^[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    json_schema: Annotated[
        dict[str, Any] | MISSING,
        Field(
            alias="schema",
            description="A JSON Schema (Draft 2020-12) of the parameters; checked at registration.",
        ),
    ] = MISSING
    json_schema_synonym: Annotated[
        dict[str, Any] | MISSING,
        Field(
            alias="schema_",
            deprecated=True,
            description="Synonym of `schema`.",
            title="JobRegisterRequestSchemaSynonym",
        ),
    ] = MISSING
    worker_id: Annotated[
        UUID | MISSING,
        Field(description="An existing worker of the user; without it a new worker is created."),
    ] = MISSING
    max_attempts: Annotated[
        int,
        Field(
            description="Attempts a task of this job gets (the retry policy). With more than one, a task whose\nworker dies, or that a worker fails as `retryable`, goes back to `pending` until it\nhas used them all. Registering again updates the policy.\n",
            ge=1,
            le=100,
        ),
    ] = 1
    retry_backoff_seconds: Annotated[
        float,
        Field(
            description="Seconds a retried task waits before it can be claimed again; doubled for each further\nattempt, at most one hour.\n",
            ge=0.0,
            le=3600.0,
        ),
    ] = 1


class JobResponse(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    id: UUID
    room_id: Annotated[
        str,
        Field(
            description="`@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not\nstarting with `.` (no `@`, no `:`).\n",
            examples=["@global", "room_42"],
            max_length=128,
            min_length=1,
            pattern="^(@global|@internal|[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127})$",
        ),
    ]
    category: Annotated[
        str,
        Field(
            description="A job category must be in the server's `allowed_categories` (default modifiers,\nselections, analysis); a provider category in `allowed_provider_categories` when set.\n",
            examples=["modifiers"],
            max_length=64,
            min_length=1,
            pattern="^[A-Za-z0-9_-]+$",
        ),
    ]
    name: Annotated[
        str,
        Field(
            description="A job or provider name; any printable characters, `:` and `/` included.",
            examples=["Rotate"],
            max_length=128,
            min_length=1,
            pattern="^[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    full_name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            examples=["@global:modifiers:Rotate"],
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    json_schema: Annotated[
        dict[str, Any],
        Field(
            alias="schema",
            description="The JSON Schema (Draft 2020-12) of the parameters.",
        ),
    ]
    workers: Annotated[list[UUID], Field(description="Workers linked to the job.")]
    worker_id: Annotated[
        UUID | None,
        Field(description="The worker used for this registration; null outside registration."),
    ]
    max_attempts: Annotated[int, Field(ge=1)]
    retry_backoff_seconds: Annotated[float, Field(ge=0.0)]


class JobSummary(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    full_name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            examples=["@global:modifiers:Rotate"],
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    category: Annotated[
        str,
        Field(
            description="A job category must be in the server's `allowed_categories` (default modifiers,\nselections, analysis); a provider category in `allowed_provider_categories` when set.\n",
            examples=["modifiers"],
            max_length=64,
            min_length=1,
            pattern="^[A-Za-z0-9_-]+$",
        ),
    ]
    name: Annotated[
        str,
        Field(
            description="A job or provider name; any printable characters, `:` and `/` included.",
            examples=["Rotate"],
            max_length=128,
            min_length=1,
            pattern="^[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    workers: list[UUID]


class JobPage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    items: list[JobSummary]
    total: Annotated[int, Field(ge=0)]
    limit: Annotated[int, Field(ge=0)]
    offset: Annotated[int, Field(ge=0)]


class TaskStatus(StrEnum):
    pending = "pending"
    claimed = "claimed"
    running = "running"
    completed = "completed"
    failed = "failed"
    cancelled = "cancelled"


class TaskSubmitRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    payload: Annotated[
        dict[str, Any],
        Field(description="The job's parameters; validated against the job's JSON Schema."),
    ] = {}
    priority: Annotated[
        int,
        Field(
            description="Higher is claimed first; first in, first out within a priority. `queue_position`\nfollows the same order.\n",
            ge=-100,
            le=100,
        ),
    ] = 0


class TaskBatchRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    tasks: Annotated[list[TaskSubmitRequest], Field(max_length=1000, min_length=1)]


class TaskBatchResponse(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    task_ids: Annotated[
        list[UUID], Field(description="The tasks' ids, in the order of the request.")
    ]
    status: Annotated[
        TaskStatus,
        Field(
            description="`pending`, or for an `@internal` job `claimed` (each task was handed to the executor;\nread a task to see whether its dispatch failed).\n"
        ),
    ]


class TaskClaimRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    worker_id: UUID


class TaskUpdateRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    status: TaskStatus
    error: Annotated[
        str | None | MISSING,
        Field(description="Stored when the new status is terminal.", max_length=65536),
    ] = MISSING
    result: Annotated[
        Any | MISSING,
        Field(
            description="With `completed` only: the task's result, any JSON value of at most\n`max_result_bytes` (default 1 MiB) as compact JSON (larger: 413).\n"
        ),
    ] = MISSING
    retryable: Annotated[
        bool,
        Field(
            description="With `failed` only: the failure may go away on another attempt. A task with attempts\nleft then goes back to `pending` (answered as such, with `attempt` increased and\n`available_at` set) instead of failing.\n"
        ),
    ] = False


class TaskProgress(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    fraction: Annotated[float | None, Field(description="Done so far, 0 to 1.", ge=0.0, le=1.0)]
    current: Annotated[int | None, Field(description="Steps done so far.", ge=0)]
    total: Annotated[int | None, Field(description="Steps in all.", ge=0)]
    message: Annotated[str | None, Field(max_length=500)]
    updated_at: AwareDatetime


class TaskProgressRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    fraction: Annotated[float | MISSING, Field(ge=0.0, le=1.0)] = MISSING
    current: Annotated[int | MISSING, Field(ge=0, le=9007199254740991)] = MISSING
    total: Annotated[int | MISSING, Field(ge=0, le=9007199254740991)] = MISSING
    message: Annotated[str | MISSING, Field(max_length=500)] = MISSING


class StatusCounts(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    pending: Annotated[int, Field(ge=0)]
    claimed: Annotated[int, Field(ge=0)]
    running: Annotated[int, Field(ge=0)]
    completed: Annotated[int, Field(ge=0)]
    failed: Annotated[int, Field(ge=0)]
    cancelled: Annotated[int, Field(ge=0)]


class JobStats(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    full_name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            examples=["@global:modifiers:Rotate"],
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    room_id: Annotated[
        str,
        Field(
            description="`@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not\nstarting with `.` (no `@`, no `:`).\n",
            examples=["@global", "room_42"],
            max_length=128,
            min_length=1,
            pattern="^(@global|@internal|[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127})$",
        ),
    ]
    counts: StatusCounts
    oldest_pending_at: Annotated[
        AwareDatetime | None,
        Field(description="When the oldest task still pending was submitted; null when none is."),
    ]
    workers: Annotated[int, Field(description="Workers serving the job now.", ge=0)]


class MinuteStats(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    minute: Annotated[AwareDatetime, Field(description="The start of the minute (UTC).")]
    completed: Annotated[int, Field(ge=0)]
    failed: Annotated[int, Field(ge=0)]
    cancelled: Annotated[int, Field(ge=0)]


class QueueStats(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    generated_at: AwareDatetime
    jobs: Annotated[
        list[JobStats],
        Field(description="Active jobs (and jobs with tasks here), by full name."),
    ]
    workers_alive: Annotated[
        int,
        Field(description="Workers whose heartbeat is within the worker timeout.", ge=0),
    ]
    ended_per_minute: Annotated[
        list[MinuteStats],
        Field(
            description="The last 60 minutes, oldest first, every minute present (zeros included)."
        ),
    ]


class RoomSummary(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    room_id: Annotated[
        str,
        Field(
            description="`@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not\nstarting with `.` (no `@`, no `:`).\n",
            examples=["@global", "room_42"],
            max_length=128,
            min_length=1,
            pattern="^(@global|@internal|[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127})$",
        ),
    ]
    jobs: Annotated[int, Field(description="Active jobs registered in the room.", ge=0)]
    tasks: Annotated[int, Field(description="Tasks submitted to the room.", ge=0)]
    pending: Annotated[int, Field(ge=0)]
    last_activity_at: Annotated[
        AwareDatetime | None,
        Field(description="The newest submission or registration in the room."),
    ]


class RoomPage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    items: list[RoomSummary]
    total: Annotated[int, Field(ge=0)]
    limit: Annotated[int, Field(ge=0)]
    offset: Annotated[int, Field(ge=0)]


class ProviderRegisterRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    category: Annotated[
        str,
        Field(
            description="A job category must be in the server's `allowed_categories` (default modifiers,\nselections, analysis); a provider category in `allowed_provider_categories` when set.\n",
            examples=["modifiers"],
            max_length=64,
            min_length=1,
            pattern="^[A-Za-z0-9_-]+$",
        ),
    ]
    name: Annotated[
        str,
        Field(
            description="A job or provider name; any printable characters, `:` and `/` included.",
            examples=["Rotate"],
            max_length=128,
            min_length=1,
            pattern="^[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    json_schema: Annotated[
        dict[str, Any] | MISSING,
        Field(
            alias="schema",
            description="A JSON Schema (Draft 2020-12) of the parameters; checked at registration.",
        ),
    ] = MISSING
    json_schema_synonym: Annotated[
        dict[str, Any] | MISSING,
        Field(
            alias="schema_",
            deprecated=True,
            description="Synonym of `schema`.",
            title="ProviderRegisterRequestSchemaSynonym",
        ),
    ] = MISSING
    content_type: Annotated[
        str,
        Field(
            description="The media type of the provider's results.",
            max_length=255,
            min_length=3,
            pattern="^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+$",
        ),
    ] = "application/json"
    worker_id: UUID | MISSING = MISSING


class ProviderResponse(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    id: UUID
    room_id: Annotated[
        str,
        Field(
            description="`@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not\nstarting with `.` (no `@`, no `:`).\n",
            examples=["@global", "room_42"],
            max_length=128,
            min_length=1,
            pattern="^(@global|@internal|[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127})$",
        ),
    ]
    category: Annotated[
        str,
        Field(
            description="A job category must be in the server's `allowed_categories` (default modifiers,\nselections, analysis); a provider category in `allowed_provider_categories` when set.\n",
            examples=["modifiers"],
            max_length=64,
            min_length=1,
            pattern="^[A-Za-z0-9_-]+$",
        ),
    ]
    name: Annotated[
        str,
        Field(
            description="A job or provider name; any printable characters, `:` and `/` included.",
            examples=["Rotate"],
            max_length=128,
            min_length=1,
            pattern="^[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    full_name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            examples=["@global:modifiers:Rotate"],
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    json_schema: Annotated[
        dict[str, Any],
        Field(
            alias="schema",
            description="The JSON Schema (Draft 2020-12) of the parameters.",
        ),
    ]
    content_type: str
    worker_id: UUID
    created_at: AwareDatetime


class ProviderPage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    items: list[ProviderResponse]
    total: Annotated[int, Field(ge=0)]
    limit: Annotated[int, Field(ge=0)]
    offset: Annotated[int, Field(ge=0)]


class ProblemType(StrEnum):
    bad_credentials = "/v1/problems/bad-credentials"
    forbidden = "/v1/problems/forbidden"
    idempotency_key_reused = "/v1/problems/idempotency-key-reused"
    internal_error = "/v1/problems/internal-error"
    internal_job_not_configured = "/v1/problems/internal-job-not-configured"
    invalid_category = "/v1/problems/invalid-category"
    invalid_room_id = "/v1/problems/invalid-room-id"
    invalid_task_transition = "/v1/problems/invalid-task-transition"
    job_not_found = "/v1/problems/job-not-found"
    method_not_allowed = "/v1/problems/method-not-allowed"
    no_workers_available = "/v1/problems/no-workers-available"
    not_found = "/v1/problems/not-found"
    not_ready = "/v1/problems/not-ready"
    payload_too_complex = "/v1/problems/payload-too-complex"
    payload_too_large = "/v1/problems/payload-too-large"
    provider_error = "/v1/problems/provider-error"
    provider_not_found = "/v1/problems/provider-not-found"
    provider_timeout = "/v1/problems/provider-timeout"
    registration_closed = "/v1/problems/registration-closed"
    request_timeout = "/v1/problems/request-timeout"
    schema_conflict = "/v1/problems/schema-conflict"
    service_unavailable = "/v1/problems/service-unavailable"
    task_not_found = "/v1/problems/task-not-found"
    too_many_requests = "/v1/problems/too-many-requests"
    unauthorized = "/v1/problems/unauthorized"
    user_already_exists = "/v1/problems/user-already-exists"
    validation_error = "/v1/problems/validation-error"
    worker_not_found = "/v1/problems/worker-not-found"


class Problem(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        frozen=True,
    )
    type: ProblemType
    title: str
    status: Annotated[int, Field(ge=400, le=599)]
    detail: str | MISSING = MISSING
    instance: Annotated[
        str | MISSING,
        Field(
            description="The request path and the request's id, `<path>#request-<id>`: the id is the\n`X-Request-ID` the client sent (or one the server made up), also returned in the\n`X-Request-ID` response header and logged with every line of that request.\n"
        ),
    ] = MISSING


class ProviderProblem(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        frozen=True,
    )
    title: Annotated[str, Field(max_length=500)]
    detail: Annotated[str | MISSING, Field(max_length=2000)] = MISSING
    status: Annotated[int | MISSING, Field(ge=400, le=599)] = MISSING


class ProviderErrorProblem(Problem):
    model_config = ConfigDict(
        validate_by_name=True,
        frozen=True,
    )
    provider_problem: ProviderProblem


class ServiceUnavailableProblem(Problem):
    model_config = ConfigDict(
        validate_by_name=True,
        frozen=True,
    )
    safe_to_retry: Annotated[
        bool,
        Field(
            description="True when nothing of the request took effect (no change was committed), so the\nsame request may be sent again, whatever its method. False when a change may have\nbeen committed before the failure: resend only an idempotent request.\n"
        ),
    ]


class ValidationErrorItem(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    loc: Annotated[
        list[str | int],
        Field(description="Where the error is, e.g. `[body, payload, angle]` or `[query, limit]`."),
    ]
    msg: str
    type: Annotated[
        str,
        Field(
            description="A machine-readable error code (pydantic's, or `json_schema` for payload checks)."
        ),
    ]


class ValidationProblem(Problem):
    model_config = ConfigDict(
        validate_by_name=True,
        frozen=True,
    )
    errors: list[ValidationErrorItem]


class TaskResponse(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    id: UUID
    job_name: Annotated[
        str,
        Field(
            description="`<room_id>:<category>:<name>`, split on the first two `:`.",
            examples=["@global:modifiers:Rotate"],
            max_length=322,
            min_length=5,
            pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$",
        ),
    ]
    room_id: Annotated[
        str,
        Field(
            description="`@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not\nstarting with `.` (no `@`, no `:`).\n",
            examples=["@global", "room_42"],
            max_length=128,
            min_length=1,
            pattern="^(@global|@internal|[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127})$",
        ),
    ]
    status: TaskStatus
    created_at: AwareDatetime
    claimed_at: Annotated[
        AwareDatetime | None,
        Field(
            description="Set when a worker (or the internal executor) claims the task; reset by a retry."
        ),
    ]
    started_at: Annotated[
        AwareDatetime | None, Field(description="Set when the task becomes running.")
    ]
    completed_at: Annotated[
        AwareDatetime | None, Field(description="Set when the task becomes terminal.")
    ]
    worker_id: Annotated[UUID | None, Field(description="The worker that claimed the task.")]
    error: str | None
    payload: dict[str, Any]
    queue_position: Annotated[
        int | None,
        Field(
            description="1-based position among the job's pending tasks in claim order (priority, then first in,\nfirst out), counted up to 1,000 tasks ahead: 1001 means more than 1,000 are ahead.\nNull unless pending.\n",
            ge=1,
            le=1001,
        ),
    ]
    priority: Annotated[int, Field(description="The priority given at submission (0 by default).")]
    attempt: Annotated[
        int,
        Field(
            description="The attempt this is (1 for the first run; a retry adds one).",
            ge=1,
        ),
    ]
    max_attempts: Annotated[
        int,
        Field(
            description="The attempts the task gets (its job's retry policy at submission).",
            ge=1,
        ),
    ]
    available_at: Annotated[
        AwareDatetime | None,
        Field(
            description="A retried task cannot be claimed before this time; null when it can be at once."
        ),
    ]
    progress: Annotated[
        TaskProgress | None,
        Field(description="The latest progress its worker reported while it ran; null before any."),
    ]
    result: Annotated[
        Any,
        Field(
            description='The JSON value its worker completed it with (`PATCH … {"status": "completed",\n"result": …}`); null when there is none.\n'
        ),
    ]


class TaskPage(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    items: list[TaskResponse]
    total: Annotated[int, Field(ge=0)]
    limit: Annotated[int, Field(ge=0)]
    offset: Annotated[int, Field(ge=0)]


class TaskClaimResponse(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    task: TaskResponse | None
