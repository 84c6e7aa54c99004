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
            description="1-based position among the job's pending tasks (FIFO); null unless pending.",
            ge=1,
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


class TaskClaimRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    worker_id: UUID


class TaskClaimResponse(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_by_name=True,
        frozen=True,
    )
    task: TaskResponse | None


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
    internal_error = "/v1/problems/internal-error"
    internal_job_not_configured = "/v1/problems/internal-job-not-configured"
    invalid_category = "/v1/problems/invalid-category"
    invalid_room_id = "/v1/problems/invalid-room-id"
    invalid_task_transition = "/v1/problems/invalid-task-transition"
    job_not_found = "/v1/problems/job-not-found"
    method_not_allowed = "/v1/problems/method-not-allowed"
    not_found = "/v1/problems/not-found"
    not_ready = "/v1/problems/not-ready"
    payload_too_complex = "/v1/problems/payload-too-complex"
    payload_too_large = "/v1/problems/payload-too-large"
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
    instance: str | MISSING = MISSING


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
