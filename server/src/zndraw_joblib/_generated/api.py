# generated from openapi.yaml by codegen/stubs.py (make generate); do not edit
"""Server stubs and the router builder for every operation of openapi.yaml.

One abstract class per tag, one abstract method per operationId. `build_router` mounts each
operation with the document's path, method and success statuses; the hand-written services
implement the classes and are handed in as FastAPI dependencies, so request-scoped things (the
database session, the current user) reach them through dependency injection.

Request bodies are validated from the raw bytes with `model_validate_json(strict=True)`: JSON
rules, no coercion of numbers into strings or timestamps, aliases only (an integer written
`26.0` is accepted, as JSON Schema has it). Then every value is
checked for what RFC 8259 JSON and the databases cannot hold (the document's "Conventions"):
non-finite numbers (`NaN`, `Infinity`, `1e400`) and the NUL character in strings or keys. A method returns the
model itself when its operation has one success status and no response headers, `Reply` when
the status or headers depend on the call, and `RawReply` for bytes in a run-time media type.

Annotations are evaluated eagerly (no `from __future__ import annotations`): FastAPI must see
the `Depends(<provider>)` of each route, and the providers are arguments of `build_router`.
"""

import abc
import json
import math
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Generic, TypeVar
from uuid import UUID

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError
from starlette.convertors import Convertor, register_url_convertor

from . import models

M = TypeVar("M", bound=BaseModel)
B = TypeVar("B", bound=BaseModel | None)

ENCODED_SLASH = "\x00"
"""What a percent-encoded `/` (`%2F`) in a path becomes for routing (a name never holds NUL).

Path parameters marked `x-allow-slash` may contain `/`. A request rewritten so that each `%2F`
is this character (the server's `EncodedSlashes` middleware does it) routes `…/jobs/a%2Ftasks`
to the job `a/tasks`, not to the task listing of a job `a`; the `slashed` convertor turns the
character back into `/` in the parameter's value.
"""


class _Slashed(Convertor[str]):
    regex = ".+"

    def convert(self, value: str) -> str:
        return value.replace(ENCODED_SLASH, "/")

    def to_string(self, value: str) -> str:
        return value.replace("/", "%2F")


register_url_convertor("slashed", _Slashed())


@dataclass(frozen=True, slots=True)
class Encoded:
    """A body already serialised as its model would be (`model_dump_json(by_alias=True)`), e.g.
    one answer shared by many long-polls: encoded once, not once per reply."""

    json: bytes


@dataclass(frozen=True, slots=True)
class Reply(Generic[B]):
    """A success answer whose status code or headers depend on the call."""

    status_code: int
    body: B | Encoded
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RawReply:
    """Bytes whose media type is only known at run time (e.g. a provider's content type)."""

    content: bytes
    media_type: str
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OperationInfo:
    """What the document says about one operation; tests compare it with the mounted routes."""

    operation_id: str
    method: str
    path: str
    tag: str
    success_statuses: tuple[int, ...]
    statuses: tuple[int, ...]
    secured: bool


OPERATIONS: tuple[OperationInfo, ...] = (
    OperationInfo(
        operation_id="getHealth",
        method="GET",
        path="/healthz",
        tag="health",
        success_statuses=(200,),
        statuses=(200,),
        secured=False,
    ),
    OperationInfo(
        operation_id="getReadiness",
        method="GET",
        path="/readyz",
        tag="health",
        success_statuses=(200,),
        statuses=(
            200,
            503,
        ),
        secured=False,
    ),
    OperationInfo(
        operation_id="getMetrics",
        method="GET",
        path="/metrics",
        tag="metrics",
        success_statuses=(200,),
        statuses=(
            200,
            401,
            403,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="login",
        method="POST",
        path="/v1/auth/jwt/login",
        tag="auth",
        success_statuses=(200,),
        statuses=(
            200,
            400,
            408,
            413,
            422,
            429,
            503,
        ),
        secured=False,
    ),
    OperationInfo(
        operation_id="registerUser",
        method="POST",
        path="/v1/auth/register",
        tag="auth",
        success_statuses=(201,),
        statuses=(
            201,
            403,
            408,
            409,
            413,
            422,
            503,
        ),
        secured=False,
    ),
    OperationInfo(
        operation_id="getCurrentUser",
        method="GET",
        path="/v1/users/me",
        tag="auth",
        success_statuses=(200,),
        statuses=(
            200,
            401,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="listWorkers",
        method="GET",
        path="/v1/joblib/workers",
        tag="workers",
        success_statuses=(200,),
        statuses=(
            200,
            401,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="createWorker",
        method="POST",
        path="/v1/joblib/workers",
        tag="workers",
        success_statuses=(201,),
        statuses=(
            201,
            401,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="deleteWorker",
        method="DELETE",
        path="/v1/joblib/workers/{worker_id}",
        tag="workers",
        success_statuses=(204,),
        statuses=(
            204,
            401,
            403,
            404,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="heartbeatWorker",
        method="PATCH",
        path="/v1/joblib/workers/{worker_id}",
        tag="workers",
        success_statuses=(200,),
        statuses=(
            200,
            401,
            403,
            404,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="listJobs",
        method="GET",
        path="/v1/joblib/rooms/{room_id}/jobs",
        tag="jobs",
        success_statuses=(200,),
        statuses=(
            200,
            400,
            401,
            403,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="registerJob",
        method="PUT",
        path="/v1/joblib/rooms/{room_id}/jobs",
        tag="jobs",
        success_statuses=(
            200,
            201,
        ),
        statuses=(
            200,
            201,
            400,
            401,
            403,
            404,
            408,
            409,
            413,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="listJobTasks",
        method="GET",
        path="/v1/joblib/rooms/{room_id}/jobs/{job_name}/tasks",
        tag="tasks",
        success_statuses=(200,),
        statuses=(
            200,
            400,
            401,
            403,
            404,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="getJob",
        method="GET",
        path="/v1/joblib/rooms/{room_id}/jobs/{job_name}",
        tag="jobs",
        success_statuses=(200,),
        statuses=(
            200,
            400,
            401,
            403,
            404,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="listRoomWorkers",
        method="GET",
        path="/v1/joblib/rooms/{room_id}/workers",
        tag="workers",
        success_statuses=(200,),
        statuses=(
            200,
            400,
            401,
            403,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="listRoomTasks",
        method="GET",
        path="/v1/joblib/rooms/{room_id}/tasks",
        tag="tasks",
        success_statuses=(200,),
        statuses=(
            200,
            400,
            401,
            403,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="submitTask",
        method="POST",
        path="/v1/joblib/rooms/{room_id}/tasks/{job_name}",
        tag="tasks",
        success_statuses=(202,),
        statuses=(
            202,
            400,
            401,
            403,
            404,
            408,
            409,
            413,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="submitTasks",
        method="POST",
        path="/v1/joblib/rooms/{room_id}/task-batches/{job_name}",
        tag="tasks",
        success_statuses=(202,),
        statuses=(
            202,
            400,
            401,
            403,
            404,
            408,
            409,
            413,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="claimTask",
        method="POST",
        path="/v1/joblib/tasks/claim",
        tag="tasks",
        success_statuses=(200,),
        statuses=(
            200,
            401,
            403,
            404,
            408,
            413,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="getTask",
        method="GET",
        path="/v1/joblib/tasks/{task_id}",
        tag="tasks",
        success_statuses=(200,),
        statuses=(
            200,
            401,
            403,
            404,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="updateTask",
        method="PATCH",
        path="/v1/joblib/tasks/{task_id}",
        tag="tasks",
        success_statuses=(200,),
        statuses=(
            200,
            401,
            403,
            404,
            408,
            409,
            413,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="reportTaskProgress",
        method="PUT",
        path="/v1/joblib/tasks/{task_id}/progress",
        tag="tasks",
        success_statuses=(204,),
        statuses=(
            204,
            401,
            403,
            404,
            408,
            409,
            413,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="listTasks",
        method="GET",
        path="/v1/joblib/tasks",
        tag="tasks",
        success_statuses=(200,),
        statuses=(
            200,
            401,
            403,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="listRooms",
        method="GET",
        path="/v1/joblib/rooms",
        tag="jobs",
        success_statuses=(200,),
        statuses=(
            200,
            401,
            403,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="getStats",
        method="GET",
        path="/v1/joblib/stats",
        tag="jobs",
        success_statuses=(200,),
        statuses=(
            200,
            401,
            403,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="getRoomStats",
        method="GET",
        path="/v1/joblib/rooms/{room_id}/stats",
        tag="jobs",
        success_statuses=(200,),
        statuses=(
            200,
            400,
            401,
            403,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="listProviders",
        method="GET",
        path="/v1/joblib/rooms/{room_id}/providers",
        tag="providers",
        success_statuses=(200,),
        statuses=(
            200,
            400,
            401,
            403,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="registerProvider",
        method="PUT",
        path="/v1/joblib/rooms/{room_id}/providers",
        tag="providers",
        success_statuses=(
            200,
            201,
        ),
        statuses=(
            200,
            201,
            400,
            401,
            403,
            404,
            408,
            413,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="getProviderInfo",
        method="GET",
        path="/v1/joblib/rooms/{room_id}/providers/{provider_name}/info",
        tag="providers",
        success_statuses=(200,),
        statuses=(
            200,
            400,
            401,
            403,
            404,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="readProvider",
        method="GET",
        path="/v1/joblib/rooms/{room_id}/providers/{provider_name}",
        tag="providers",
        success_statuses=(200,),
        statuses=(
            200,
            400,
            401,
            403,
            404,
            422,
            502,
            503,
            504,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="uploadProviderResult",
        method="POST",
        path="/v1/joblib/providers/{provider_id}/results",
        tag="providers",
        success_statuses=(204,),
        statuses=(
            204,
            401,
            403,
            404,
            408,
            413,
            422,
            503,
        ),
        secured=True,
    ),
    OperationInfo(
        operation_id="deleteProvider",
        method="DELETE",
        path="/v1/joblib/providers/{provider_id}",
        tag="providers",
        success_statuses=(204,),
        statuses=(
            204,
            401,
            403,
            404,
            422,
            503,
        ),
        secured=True,
    ),
)


def _body_errors(exc: ValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": ("body", *e["loc"]), "msg": e["msg"], "type": e["type"]}
        for e in exc.errors(include_url=False, include_context=False, include_input=False)
    ]


def _unstorable(body: BaseModel) -> Iterator[dict[str, Any]]:
    """Where `body` holds a non-finite number or a NUL character (iterative: no recursion limit)."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(body, ("body",))]
    while stack:
        value, loc = stack.pop()
        if isinstance(value, float):
            if not math.isfinite(value):
                yield {
                    "loc": loc,
                    "msg": "numbers must be finite (no NaN, Infinity or 1e400)",
                    "type": "non_finite_number",
                }
        elif isinstance(value, str):
            if "\x00" in value:
                yield {
                    "loc": loc,
                    "msg": "text must not contain the NUL character (U+0000)",
                    "type": "nul_character",
                }
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and "\x00" in key:
                    yield {
                        "loc": (*loc, key),
                        "msg": "keys must not contain the NUL character",
                        "type": "nul_character",
                    }
                stack.append((item, (*loc, key)))
        elif isinstance(value, list | tuple):
            stack.extend((item, (*loc, index)) for index, item in enumerate(value))
        elif isinstance(value, BaseModel):
            for name, info in type(value).model_fields.items():
                stack.append((value.__dict__.get(name), (*loc, info.alias or name)))


def _checked(body: M) -> M:
    errors = list(_unstorable(body))
    if errors:
        raise RequestValidationError(sorted(errors, key=lambda e: [str(p) for p in e["loc"]]))
    return body


def _integral_floats_as_ints(raw: bytes, exc: ValidationError) -> bytes | None:
    """`raw` with each number that failed only for being written `26.0` where an integer goes
    rewritten as `26` (JSON Schema counts 26.0 as an integer; strict mode does not); None when
    no error is of that kind. Only the failing places change, never a free-form payload."""
    places = [
        e["loc"]
        for e in exc.errors(include_url=False)
        if e["type"] == "int_type" and isinstance(e["input"], float) and e["input"].is_integer()
    ]
    if not places:
        return None
    try:
        document = json.loads(raw)
        for loc in places:
            parent = document
            for part in loc[:-1]:
                parent = parent[part]
            parent[loc[-1]] = int(parent[loc[-1]])
    except (ValueError, RecursionError, LookupError, TypeError):
        return None
    return json.dumps(document).encode()


async def _json_body(request: Request, model: type[M]) -> M:
    raw = await request.body()
    try:
        body = model.model_validate_json(raw, strict=True, by_alias=True, by_name=False)
    except ValidationError as exc:
        retry = _integral_floats_as_ints(raw, exc)
        if retry is None:
            raise RequestValidationError(_body_errors(exc)) from None
        try:
            body = model.model_validate_json(retry, strict=True, by_alias=True, by_name=False)
        except ValidationError as again:
            raise RequestValidationError(_body_errors(again)) from None
    return _checked(body)


async def _form_body(request: Request, model: type[M]) -> M:
    form = await request.form()
    try:
        body = model.model_validate(dict(form), strict=True, by_alias=True, by_name=False)
    except ValidationError as exc:
        raise RequestValidationError(_body_errors(exc)) from None
    return _checked(body)


def _json_response(
    body: BaseModel, status_code: int, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(
        content=body.model_dump_json(by_alias=True),
        status_code=status_code,
        media_type="application/json",
        headers=dict(headers) if headers else None,
    )


def _reply(result: Reply[Any], allowed: tuple[int, ...]) -> Response:
    if result.status_code not in allowed:
        raise RuntimeError(f"status {result.status_code} is not documented (documented: {allowed})")
    if result.body is None:
        return Response(status_code=result.status_code, headers=dict(result.headers) or None)
    if isinstance(result.body, Encoded):
        return Response(
            content=result.body.json,
            status_code=result.status_code,
            media_type="application/json",
            headers=dict(result.headers) or None,
        )
    return _json_response(result.body, result.status_code, result.headers)


class AuthApi(abc.ABC):
    """Operations tagged `auth`: Users and bearer tokens (fastapi-users, JWT)."""

    @abc.abstractmethod
    async def login(self, *, body: models.LoginForm) -> models.BearerToken:
        """Exchange email and password for a bearer token.

        `POST /v1/auth/jwt/login` → 200.
        """

    @abc.abstractmethod
    async def register_user(self, *, body: models.UserCreate) -> models.UserRead:
        """Create a user account.

        `POST /v1/auth/register` → 201.
        """

    @abc.abstractmethod
    async def get_current_user(self) -> models.UserRead:
        """The user the bearer token belongs to.

        `GET /v1/users/me` → 200.
        """


class HealthApi(abc.ABC):
    """Operations tagged `health`: Liveness and readiness probes for load balancers; no authentication."""

    @abc.abstractmethod
    async def get_health(self) -> models.HealthStatus:
        """Liveness probe.

        `GET /healthz` → 200.
        """

    @abc.abstractmethod
    async def get_readiness(self) -> models.ReadinessStatus:
        """Readiness probe.

        `GET /readyz` → 200.
        """


class WorkersApi(abc.ABC):
    """Operations tagged `workers`: Worker processes; a worker belongs to the user who created it."""

    @abc.abstractmethod
    async def list_workers(self, *, limit: int, offset: int) -> models.WorkerPage:
        """List all workers.

        `GET /v1/joblib/workers` → 200.
        """

    @abc.abstractmethod
    async def create_worker(self) -> models.WorkerResponse:
        """Create a worker for the current user.

        `POST /v1/joblib/workers` → 201.
        """

    @abc.abstractmethod
    async def delete_worker(self, *, worker_id: UUID) -> None:
        """Graceful disconnect (owner or superuser).

        `DELETE /v1/joblib/workers/{worker_id}` → 204.
        """

    @abc.abstractmethod
    async def heartbeat_worker(self, *, worker_id: UUID) -> models.WorkerResponse:
        """Heartbeat (owner only).

        `PATCH /v1/joblib/workers/{worker_id}` → 200.
        """

    @abc.abstractmethod
    async def list_room_workers(
        self, *, room_id: str, limit: int, offset: int
    ) -> models.WorkerPage:
        """Workers serving the jobs visible from a room.

        `GET /v1/joblib/rooms/{room_id}/workers` → 200.
        """


class JobsApi(abc.ABC):
    """Operations tagged `jobs`: Jobs registered by workers, visible per room."""

    @abc.abstractmethod
    async def list_jobs(self, *, room_id: str, limit: int, offset: int) -> models.JobPage:
        """Jobs visible from a room.

        `GET /v1/joblib/rooms/{room_id}/jobs` → 200.
        """

    @abc.abstractmethod
    async def register_job(
        self, *, room_id: str, body: models.JobRegisterRequest
    ) -> Reply[models.JobResponse]:
        """Register a job (idempotent upsert).

        `PUT /v1/joblib/rooms/{room_id}/jobs` → 200, 201.
        """

    @abc.abstractmethod
    async def get_job(self, *, room_id: str, job_name: str) -> models.JobResponse:
        """Job details.

        `GET /v1/joblib/rooms/{room_id}/jobs/{job_name}` → 200.
        """

    @abc.abstractmethod
    async def list_rooms(self, *, limit: int, offset: int) -> models.RoomPage:
        """Rooms with jobs or tasks (superusers).

        `GET /v1/joblib/rooms` → 200.
        """

    @abc.abstractmethod
    async def get_stats(self) -> models.QueueStats:
        """Queue health of every room (superusers).

        `GET /v1/joblib/stats` → 200.
        """

    @abc.abstractmethod
    async def get_room_stats(self, *, room_id: str) -> models.QueueStats:
        """Queue health of one room.

        `GET /v1/joblib/rooms/{room_id}/stats` → 200.
        """


class TasksApi(abc.ABC):
    """Operations tagged `tasks`: Tasks submitted into rooms, claimed by workers, followed by frontends."""

    @abc.abstractmethod
    async def list_job_tasks(
        self,
        *,
        room_id: str,
        job_name: str,
        status: models.TaskStatus | None,
        limit: int,
        offset: int,
    ) -> models.TaskPage:
        """Tasks of a job submitted to a room.

        `GET /v1/joblib/rooms/{room_id}/jobs/{job_name}/tasks` → 200.
        """

    @abc.abstractmethod
    async def list_room_tasks(
        self, *, room_id: str, status: models.TaskStatus | None, limit: int, offset: int
    ) -> models.TaskPage:
        """Tasks submitted to a room.

        `GET /v1/joblib/rooms/{room_id}/tasks` → 200.
        """

    @abc.abstractmethod
    async def submit_task(
        self,
        *,
        room_id: str,
        job_name: str,
        idempotency_key: str | None,
        body: models.TaskSubmitRequest,
    ) -> Reply[models.TaskResponse]:
        """Submit a task.

        `POST /v1/joblib/rooms/{room_id}/tasks/{job_name}` → 202.
        """

    @abc.abstractmethod
    async def submit_tasks(
        self,
        *,
        room_id: str,
        job_name: str,
        idempotency_key: str | None,
        body: models.TaskBatchRequest,
    ) -> models.TaskBatchResponse:
        """Submit many tasks of one job at once.

        `POST /v1/joblib/rooms/{room_id}/task-batches/{job_name}` → 202.
        """

    @abc.abstractmethod
    async def claim_task(self, *, body: models.TaskClaimRequest) -> models.TaskClaimResponse:
        """Claim the oldest pending task of the worker's jobs.

        `POST /v1/joblib/tasks/claim` → 200.
        """

    @abc.abstractmethod
    async def get_task(self, *, task_id: UUID, prefer: str | None) -> Reply[models.TaskResponse]:
        """Task status, optionally long-polled.

        `GET /v1/joblib/tasks/{task_id}` → 200.
        """

    @abc.abstractmethod
    async def update_task(
        self, *, task_id: UUID, body: models.TaskUpdateRequest
    ) -> models.TaskResponse:
        """Move a task to a new status.

        `PATCH /v1/joblib/tasks/{task_id}` → 200.
        """

    @abc.abstractmethod
    async def report_task_progress(
        self, *, task_id: UUID, body: models.TaskProgressRequest
    ) -> None:
        """Report a running task's progress.

        `PUT /v1/joblib/tasks/{task_id}/progress` → 204.
        """

    @abc.abstractmethod
    async def list_tasks(
        self,
        *,
        room_id: str | None,
        job_name: str | None,
        status: models.TaskStatus | None,
        limit: int,
        offset: int,
    ) -> models.TaskPage:
        """Tasks of every room (superusers).

        `GET /v1/joblib/tasks` → 200.
        """


class ProvidersApi(abc.ABC):
    """Operations tagged `providers`: Clients that serve reads on demand, with a shared result cache."""

    @abc.abstractmethod
    async def list_providers(self, *, room_id: str, limit: int, offset: int) -> models.ProviderPage:
        """Providers visible from a room.

        `GET /v1/joblib/rooms/{room_id}/providers` → 200.
        """

    @abc.abstractmethod
    async def register_provider(
        self, *, room_id: str, body: models.ProviderRegisterRequest
    ) -> Reply[models.ProviderResponse]:
        """Register a provider (upsert).

        `PUT /v1/joblib/rooms/{room_id}/providers` → 200, 201.
        """

    @abc.abstractmethod
    async def get_provider_info(
        self, *, room_id: str, provider_name: str
    ) -> models.ProviderResponse:
        """Provider metadata.

        `GET /v1/joblib/rooms/{room_id}/providers/{provider_name}/info` → 200.
        """

    @abc.abstractmethod
    async def read_provider(
        self, *, room_id: str, provider_name: str, prefer: str | None, query: Mapping[str, str]
    ) -> RawReply:
        """Read through a provider.

        `GET /v1/joblib/rooms/{room_id}/providers/{provider_name}` → 200 (bytes).
        """

    @abc.abstractmethod
    async def upload_provider_result(
        self, *, provider_id: UUID, x_request_hash: str, x_result_status: str, body: bytes
    ) -> None:
        """Upload a read's result (provider owner or superuser).

        `POST /v1/joblib/providers/{provider_id}/results` → 204.
        """

    @abc.abstractmethod
    async def delete_provider(self, *, provider_id: UUID) -> None:
        """Unregister a provider (owner or superuser).

        `DELETE /v1/joblib/providers/{provider_id}` → 204.
        """


class MetricsApi(abc.ABC):
    """Operations tagged `metrics`: Prometheus metrics for operators; open or behind a static token (`metrics_token`)."""

    @abc.abstractmethod
    async def get_metrics(self) -> RawReply:
        """Prometheus metrics.

        `GET /metrics` → 200 (bytes).
        """


_PROVIDED = "zndraw_joblib.provided"
"""The scope key under which a direct route keeps the implementation its provider returned."""


def _provided_route(
    provider: Callable[[Request], Awaitable[Any]], *, bare: bool = False
) -> type[APIRoute]:
    """A route class that calls `provider(request)` before FastAPI checks the route's parameters,
    so a refused caller gets the provider's answer (401) before any 422, as with a dependency.

    A `bare` route's endpoint takes the request alone (its only parameters are in the path, and
    the route's convertors parsed them): FastAPI's request handler is left out too, since it
    would only solve an empty set of parameters, around every call."""

    class ProvidedRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = self.endpoint if bare else super().get_route_handler()

            async def provided(request: Request) -> Response:
                request.scope[_PROVIDED] = await provider(request)
                return await handler(request)

            return provided

    return ProvidedRoute


def build_router(
    *,
    router: APIRouter | None = None,
    direct: bool = False,
    auth: Callable[..., Any] | None = None,
    health: Callable[..., Any] | None = None,
    workers: Callable[..., Any] | None = None,
    jobs: Callable[..., Any] | None = None,
    tasks: Callable[..., Any] | None = None,
    providers: Callable[..., Any] | None = None,
    metrics: Callable[..., Any] | None = None,
) -> APIRouter:
    """Mount the operations of every tag whose implementation provider is given.

    Each argument is a FastAPI dependency that returns the implementation for one request; with
    `direct`, each is instead a plain `async (request) -> implementation` that the route's class
    calls before FastAPI looks at the request (no dependency injection: solving it cost more
    than what such a provider does). Routes are added
    most specific first so that `{name:path}` parameters never swallow a longer route. Pass
    `router` (e.g. `app.router`) to add the routes to it instead of a new one.
    """
    router = router if router is not None else APIRouter()
    auth_route = _provided_route(auth) if direct and auth is not None else APIRoute
    auth_bare_route = _provided_route(auth, bare=True) if direct and auth is not None else APIRoute
    health_route = _provided_route(health) if direct and health is not None else APIRoute
    health_bare_route = (
        _provided_route(health, bare=True) if direct and health is not None else APIRoute
    )
    workers_route = _provided_route(workers) if direct and workers is not None else APIRoute
    workers_bare_route = (
        _provided_route(workers, bare=True) if direct and workers is not None else APIRoute
    )
    jobs_route = _provided_route(jobs) if direct and jobs is not None else APIRoute
    jobs_bare_route = _provided_route(jobs, bare=True) if direct and jobs is not None else APIRoute
    tasks_route = _provided_route(tasks) if direct and tasks is not None else APIRoute
    tasks_bare_route = (
        _provided_route(tasks, bare=True) if direct and tasks is not None else APIRoute
    )
    providers_route = _provided_route(providers) if direct and providers is not None else APIRoute
    providers_bare_route = (
        _provided_route(providers, bare=True) if direct and providers is not None else APIRoute
    )
    metrics_route = _provided_route(metrics) if direct and metrics is not None else APIRoute
    metrics_bare_route = (
        _provided_route(metrics, bare=True) if direct and metrics is not None else APIRoute
    )

    if tasks is not None:
        if direct:

            async def claim_task_direct(
                request: Request,
            ) -> Response:
                api: TasksApi = request.scope[_PROVIDED]
                body = await _json_body(request, models.TaskClaimRequest)
                result = await api.claim_task(body=body)
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/tasks/claim",
                claim_task_direct,
                methods=["POST"],
                operation_id="claimTask",
                status_code=200,
                include_in_schema=False,
                name="claim_task",
                route_class_override=tasks_bare_route,
            )
        else:

            @router.post(
                "/v1/joblib/tasks/claim",
                operation_id="claimTask",
                status_code=200,
                include_in_schema=False,
            )
            async def claim_task(
                request: Request,
                api: Annotated[TasksApi, Depends(tasks)],
            ) -> Response:
                body = await _json_body(request, models.TaskClaimRequest)
                result = await api.claim_task(body=body)
                return _json_response(result, 200)

    if tasks is not None:
        if direct:

            async def update_task_direct(
                request: Request,
            ) -> Response:
                api: TasksApi = request.scope[_PROVIDED]
                task_id: UUID = request.path_params["task_id"]
                body = await _json_body(request, models.TaskUpdateRequest)
                result = await api.update_task(task_id=task_id, body=body)
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/tasks/{task_id:uuid}",
                update_task_direct,
                methods=["PATCH"],
                operation_id="updateTask",
                status_code=200,
                include_in_schema=False,
                name="update_task",
                route_class_override=tasks_bare_route,
            )
        else:

            @router.patch(
                "/v1/joblib/tasks/{task_id:uuid}",
                operation_id="updateTask",
                status_code=200,
                include_in_schema=False,
            )
            async def update_task(
                request: Request,
                api: Annotated[TasksApi, Depends(tasks)],
                task_id: Annotated[UUID, Path()],
            ) -> Response:
                body = await _json_body(request, models.TaskUpdateRequest)
                result = await api.update_task(task_id=task_id, body=body)
                return _json_response(result, 200)

    if tasks is not None:
        if direct:

            async def get_task_direct(
                request: Request,
                task_id: Annotated[UUID, Path()],
                prefer: Annotated[str | None, Header(alias="Prefer", max_length=1024)] = None,
            ) -> Response:
                api: TasksApi = request.scope[_PROVIDED]
                result = await api.get_task(task_id=task_id, prefer=prefer)
                return _reply(result, (200,))

            router.add_api_route(
                "/v1/joblib/tasks/{task_id:uuid}",
                get_task_direct,
                methods=["GET"],
                operation_id="getTask",
                status_code=200,
                include_in_schema=False,
                name="get_task",
                route_class_override=tasks_route,
            )
        else:

            @router.get(
                "/v1/joblib/tasks/{task_id:uuid}",
                operation_id="getTask",
                status_code=200,
                include_in_schema=False,
            )
            async def get_task(
                request: Request,
                api: Annotated[TasksApi, Depends(tasks)],
                task_id: Annotated[UUID, Path()],
                prefer: Annotated[str | None, Header(alias="Prefer", max_length=1024)] = None,
            ) -> Response:
                result = await api.get_task(task_id=task_id, prefer=prefer)
                return _reply(result, (200,))

    if tasks is not None:
        if direct:

            async def submit_task_direct(
                request: Request,
                room_id: Annotated[str, Path()],
                job_name: Annotated[str, Path()],
                idempotency_key: Annotated[
                    str | None,
                    Header(
                        alias="Idempotency-Key",
                        min_length=1,
                        max_length=255,
                        pattern="^[\\x21-\\x7e]+$",
                    ),
                ] = None,
            ) -> Response:
                api: TasksApi = request.scope[_PROVIDED]
                body = await _json_body(request, models.TaskSubmitRequest)
                result = await api.submit_task(
                    room_id=room_id, job_name=job_name, idempotency_key=idempotency_key, body=body
                )
                return _reply(result, (202,))

            router.add_api_route(
                "/v1/joblib/rooms/{room_id}/tasks/{job_name:slashed}",
                submit_task_direct,
                methods=["POST"],
                operation_id="submitTask",
                status_code=202,
                include_in_schema=False,
                name="submit_task",
                route_class_override=tasks_route,
            )
        else:

            @router.post(
                "/v1/joblib/rooms/{room_id}/tasks/{job_name:slashed}",
                operation_id="submitTask",
                status_code=202,
                include_in_schema=False,
            )
            async def submit_task(
                request: Request,
                api: Annotated[TasksApi, Depends(tasks)],
                room_id: Annotated[str, Path()],
                job_name: Annotated[str, Path()],
                idempotency_key: Annotated[
                    str | None,
                    Header(
                        alias="Idempotency-Key",
                        min_length=1,
                        max_length=255,
                        pattern="^[\\x21-\\x7e]+$",
                    ),
                ] = None,
            ) -> Response:
                body = await _json_body(request, models.TaskSubmitRequest)
                result = await api.submit_task(
                    room_id=room_id, job_name=job_name, idempotency_key=idempotency_key, body=body
                )
                return _reply(result, (202,))

    if tasks is not None:
        if direct:

            async def report_task_progress_direct(
                request: Request,
            ) -> Response:
                api: TasksApi = request.scope[_PROVIDED]
                task_id: UUID = request.path_params["task_id"]
                body = await _json_body(request, models.TaskProgressRequest)
                result = await api.report_task_progress(task_id=task_id, body=body)
                return Response(status_code=204)

            router.add_api_route(
                "/v1/joblib/tasks/{task_id:uuid}/progress",
                report_task_progress_direct,
                methods=["PUT"],
                operation_id="reportTaskProgress",
                status_code=204,
                include_in_schema=False,
                name="report_task_progress",
                route_class_override=tasks_bare_route,
            )
        else:

            @router.put(
                "/v1/joblib/tasks/{task_id:uuid}/progress",
                operation_id="reportTaskProgress",
                status_code=204,
                include_in_schema=False,
            )
            async def report_task_progress(
                request: Request,
                api: Annotated[TasksApi, Depends(tasks)],
                task_id: Annotated[UUID, Path()],
            ) -> Response:
                body = await _json_body(request, models.TaskProgressRequest)
                result = await api.report_task_progress(task_id=task_id, body=body)
                return Response(status_code=204)

    if workers is not None:
        if direct:

            async def heartbeat_worker_direct(
                request: Request,
            ) -> Response:
                api: WorkersApi = request.scope[_PROVIDED]
                worker_id: UUID = request.path_params["worker_id"]
                result = await api.heartbeat_worker(worker_id=worker_id)
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/workers/{worker_id:uuid}",
                heartbeat_worker_direct,
                methods=["PATCH"],
                operation_id="heartbeatWorker",
                status_code=200,
                include_in_schema=False,
                name="heartbeat_worker",
                route_class_override=workers_bare_route,
            )
        else:

            @router.patch(
                "/v1/joblib/workers/{worker_id:uuid}",
                operation_id="heartbeatWorker",
                status_code=200,
                include_in_schema=False,
            )
            async def heartbeat_worker(
                request: Request,
                api: Annotated[WorkersApi, Depends(workers)],
                worker_id: Annotated[UUID, Path()],
            ) -> Response:
                result = await api.heartbeat_worker(worker_id=worker_id)
                return _json_response(result, 200)

    if tasks is not None:
        if direct:

            async def list_job_tasks_direct(
                request: Request,
                room_id: Annotated[str, Path()],
                job_name: Annotated[str, Path()],
                status: Annotated[models.TaskStatus | None, Query()] = None,
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                api: TasksApi = request.scope[_PROVIDED]
                result = await api.list_job_tasks(
                    room_id=room_id, job_name=job_name, status=status, limit=limit, offset=offset
                )
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/rooms/{room_id}/jobs/{job_name:slashed}/tasks",
                list_job_tasks_direct,
                methods=["GET"],
                operation_id="listJobTasks",
                status_code=200,
                include_in_schema=False,
                name="list_job_tasks",
                route_class_override=tasks_route,
            )
        else:

            @router.get(
                "/v1/joblib/rooms/{room_id}/jobs/{job_name:slashed}/tasks",
                operation_id="listJobTasks",
                status_code=200,
                include_in_schema=False,
            )
            async def list_job_tasks(
                request: Request,
                api: Annotated[TasksApi, Depends(tasks)],
                room_id: Annotated[str, Path()],
                job_name: Annotated[str, Path()],
                status: Annotated[models.TaskStatus | None, Query()] = None,
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                result = await api.list_job_tasks(
                    room_id=room_id, job_name=job_name, status=status, limit=limit, offset=offset
                )
                return _json_response(result, 200)

    if providers is not None:
        if direct:

            async def get_provider_info_direct(
                request: Request,
            ) -> Response:
                api: ProvidersApi = request.scope[_PROVIDED]
                room_id: str = request.path_params["room_id"]
                provider_name: str = request.path_params["provider_name"]
                result = await api.get_provider_info(room_id=room_id, provider_name=provider_name)
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/rooms/{room_id}/providers/{provider_name:slashed}/info",
                get_provider_info_direct,
                methods=["GET"],
                operation_id="getProviderInfo",
                status_code=200,
                include_in_schema=False,
                name="get_provider_info",
                route_class_override=providers_bare_route,
            )
        else:

            @router.get(
                "/v1/joblib/rooms/{room_id}/providers/{provider_name:slashed}/info",
                operation_id="getProviderInfo",
                status_code=200,
                include_in_schema=False,
            )
            async def get_provider_info(
                request: Request,
                api: Annotated[ProvidersApi, Depends(providers)],
                room_id: Annotated[str, Path()],
                provider_name: Annotated[str, Path()],
            ) -> Response:
                result = await api.get_provider_info(room_id=room_id, provider_name=provider_name)
                return _json_response(result, 200)

    if jobs is not None:
        if direct:

            async def get_job_direct(
                request: Request,
            ) -> Response:
                api: JobsApi = request.scope[_PROVIDED]
                room_id: str = request.path_params["room_id"]
                job_name: str = request.path_params["job_name"]
                result = await api.get_job(room_id=room_id, job_name=job_name)
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/rooms/{room_id}/jobs/{job_name:slashed}",
                get_job_direct,
                methods=["GET"],
                operation_id="getJob",
                status_code=200,
                include_in_schema=False,
                name="get_job",
                route_class_override=jobs_bare_route,
            )
        else:

            @router.get(
                "/v1/joblib/rooms/{room_id}/jobs/{job_name:slashed}",
                operation_id="getJob",
                status_code=200,
                include_in_schema=False,
            )
            async def get_job(
                request: Request,
                api: Annotated[JobsApi, Depends(jobs)],
                room_id: Annotated[str, Path()],
                job_name: Annotated[str, Path()],
            ) -> Response:
                result = await api.get_job(room_id=room_id, job_name=job_name)
                return _json_response(result, 200)

    if tasks is not None:
        if direct:

            async def submit_tasks_direct(
                request: Request,
                room_id: Annotated[str, Path()],
                job_name: Annotated[str, Path()],
                idempotency_key: Annotated[
                    str | None,
                    Header(
                        alias="Idempotency-Key",
                        min_length=1,
                        max_length=255,
                        pattern="^[\\x21-\\x7e]+$",
                    ),
                ] = None,
            ) -> Response:
                api: TasksApi = request.scope[_PROVIDED]
                body = await _json_body(request, models.TaskBatchRequest)
                result = await api.submit_tasks(
                    room_id=room_id, job_name=job_name, idempotency_key=idempotency_key, body=body
                )
                return _json_response(result, 202)

            router.add_api_route(
                "/v1/joblib/rooms/{room_id}/task-batches/{job_name:slashed}",
                submit_tasks_direct,
                methods=["POST"],
                operation_id="submitTasks",
                status_code=202,
                include_in_schema=False,
                name="submit_tasks",
                route_class_override=tasks_route,
            )
        else:

            @router.post(
                "/v1/joblib/rooms/{room_id}/task-batches/{job_name:slashed}",
                operation_id="submitTasks",
                status_code=202,
                include_in_schema=False,
            )
            async def submit_tasks(
                request: Request,
                api: Annotated[TasksApi, Depends(tasks)],
                room_id: Annotated[str, Path()],
                job_name: Annotated[str, Path()],
                idempotency_key: Annotated[
                    str | None,
                    Header(
                        alias="Idempotency-Key",
                        min_length=1,
                        max_length=255,
                        pattern="^[\\x21-\\x7e]+$",
                    ),
                ] = None,
            ) -> Response:
                body = await _json_body(request, models.TaskBatchRequest)
                result = await api.submit_tasks(
                    room_id=room_id, job_name=job_name, idempotency_key=idempotency_key, body=body
                )
                return _json_response(result, 202)

    if providers is not None:
        if direct:

            async def read_provider_direct(
                request: Request,
                room_id: Annotated[str, Path()],
                provider_name: Annotated[str, Path()],
                prefer: Annotated[str | None, Header(alias="Prefer", max_length=1024)] = None,
            ) -> Response:
                api: ProvidersApi = request.scope[_PROVIDED]
                query = {k: v for k, v in request.query_params.items() if k not in ()}
                result = await api.read_provider(
                    room_id=room_id, provider_name=provider_name, prefer=prefer, query=query
                )
                return Response(
                    content=result.content,
                    status_code=200,
                    media_type=result.media_type,
                    headers=dict(result.headers) or None,
                )

            router.add_api_route(
                "/v1/joblib/rooms/{room_id}/providers/{provider_name:slashed}",
                read_provider_direct,
                methods=["GET"],
                operation_id="readProvider",
                status_code=200,
                include_in_schema=False,
                name="read_provider",
                route_class_override=providers_route,
            )
        else:

            @router.get(
                "/v1/joblib/rooms/{room_id}/providers/{provider_name:slashed}",
                operation_id="readProvider",
                status_code=200,
                include_in_schema=False,
            )
            async def read_provider(
                request: Request,
                api: Annotated[ProvidersApi, Depends(providers)],
                room_id: Annotated[str, Path()],
                provider_name: Annotated[str, Path()],
                prefer: Annotated[str | None, Header(alias="Prefer", max_length=1024)] = None,
            ) -> Response:
                query = {k: v for k, v in request.query_params.items() if k not in ()}
                result = await api.read_provider(
                    room_id=room_id, provider_name=provider_name, prefer=prefer, query=query
                )
                return Response(
                    content=result.content,
                    status_code=200,
                    media_type=result.media_type,
                    headers=dict(result.headers) or None,
                )

    if jobs is not None:
        if direct:

            async def list_jobs_direct(
                request: Request,
                room_id: Annotated[str, Path()],
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                api: JobsApi = request.scope[_PROVIDED]
                result = await api.list_jobs(room_id=room_id, limit=limit, offset=offset)
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/rooms/{room_id}/jobs",
                list_jobs_direct,
                methods=["GET"],
                operation_id="listJobs",
                status_code=200,
                include_in_schema=False,
                name="list_jobs",
                route_class_override=jobs_route,
            )
        else:

            @router.get(
                "/v1/joblib/rooms/{room_id}/jobs",
                operation_id="listJobs",
                status_code=200,
                include_in_schema=False,
            )
            async def list_jobs(
                request: Request,
                api: Annotated[JobsApi, Depends(jobs)],
                room_id: Annotated[str, Path()],
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                result = await api.list_jobs(room_id=room_id, limit=limit, offset=offset)
                return _json_response(result, 200)

    if jobs is not None:
        if direct:

            async def register_job_direct(
                request: Request,
            ) -> Response:
                api: JobsApi = request.scope[_PROVIDED]
                room_id: str = request.path_params["room_id"]
                body = await _json_body(request, models.JobRegisterRequest)
                result = await api.register_job(room_id=room_id, body=body)
                return _reply(result, (200, 201))

            router.add_api_route(
                "/v1/joblib/rooms/{room_id}/jobs",
                register_job_direct,
                methods=["PUT"],
                operation_id="registerJob",
                status_code=200,
                include_in_schema=False,
                name="register_job",
                route_class_override=jobs_bare_route,
            )
        else:

            @router.put(
                "/v1/joblib/rooms/{room_id}/jobs",
                operation_id="registerJob",
                status_code=200,
                include_in_schema=False,
            )
            async def register_job(
                request: Request,
                api: Annotated[JobsApi, Depends(jobs)],
                room_id: Annotated[str, Path()],
            ) -> Response:
                body = await _json_body(request, models.JobRegisterRequest)
                result = await api.register_job(room_id=room_id, body=body)
                return _reply(result, (200, 201))

    if workers is not None:
        if direct:

            async def list_room_workers_direct(
                request: Request,
                room_id: Annotated[str, Path()],
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                api: WorkersApi = request.scope[_PROVIDED]
                result = await api.list_room_workers(room_id=room_id, limit=limit, offset=offset)
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/rooms/{room_id}/workers",
                list_room_workers_direct,
                methods=["GET"],
                operation_id="listRoomWorkers",
                status_code=200,
                include_in_schema=False,
                name="list_room_workers",
                route_class_override=workers_route,
            )
        else:

            @router.get(
                "/v1/joblib/rooms/{room_id}/workers",
                operation_id="listRoomWorkers",
                status_code=200,
                include_in_schema=False,
            )
            async def list_room_workers(
                request: Request,
                api: Annotated[WorkersApi, Depends(workers)],
                room_id: Annotated[str, Path()],
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                result = await api.list_room_workers(room_id=room_id, limit=limit, offset=offset)
                return _json_response(result, 200)

    if tasks is not None:
        if direct:

            async def list_room_tasks_direct(
                request: Request,
                room_id: Annotated[str, Path()],
                status: Annotated[models.TaskStatus | None, Query()] = None,
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                api: TasksApi = request.scope[_PROVIDED]
                result = await api.list_room_tasks(
                    room_id=room_id, status=status, limit=limit, offset=offset
                )
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/rooms/{room_id}/tasks",
                list_room_tasks_direct,
                methods=["GET"],
                operation_id="listRoomTasks",
                status_code=200,
                include_in_schema=False,
                name="list_room_tasks",
                route_class_override=tasks_route,
            )
        else:

            @router.get(
                "/v1/joblib/rooms/{room_id}/tasks",
                operation_id="listRoomTasks",
                status_code=200,
                include_in_schema=False,
            )
            async def list_room_tasks(
                request: Request,
                api: Annotated[TasksApi, Depends(tasks)],
                room_id: Annotated[str, Path()],
                status: Annotated[models.TaskStatus | None, Query()] = None,
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                result = await api.list_room_tasks(
                    room_id=room_id, status=status, limit=limit, offset=offset
                )
                return _json_response(result, 200)

    if jobs is not None:
        if direct:

            async def get_room_stats_direct(
                request: Request,
            ) -> Response:
                api: JobsApi = request.scope[_PROVIDED]
                room_id: str = request.path_params["room_id"]
                result = await api.get_room_stats(room_id=room_id)
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/rooms/{room_id}/stats",
                get_room_stats_direct,
                methods=["GET"],
                operation_id="getRoomStats",
                status_code=200,
                include_in_schema=False,
                name="get_room_stats",
                route_class_override=jobs_bare_route,
            )
        else:

            @router.get(
                "/v1/joblib/rooms/{room_id}/stats",
                operation_id="getRoomStats",
                status_code=200,
                include_in_schema=False,
            )
            async def get_room_stats(
                request: Request,
                api: Annotated[JobsApi, Depends(jobs)],
                room_id: Annotated[str, Path()],
            ) -> Response:
                result = await api.get_room_stats(room_id=room_id)
                return _json_response(result, 200)

    if providers is not None:
        if direct:

            async def list_providers_direct(
                request: Request,
                room_id: Annotated[str, Path()],
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                api: ProvidersApi = request.scope[_PROVIDED]
                result = await api.list_providers(room_id=room_id, limit=limit, offset=offset)
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/rooms/{room_id}/providers",
                list_providers_direct,
                methods=["GET"],
                operation_id="listProviders",
                status_code=200,
                include_in_schema=False,
                name="list_providers",
                route_class_override=providers_route,
            )
        else:

            @router.get(
                "/v1/joblib/rooms/{room_id}/providers",
                operation_id="listProviders",
                status_code=200,
                include_in_schema=False,
            )
            async def list_providers(
                request: Request,
                api: Annotated[ProvidersApi, Depends(providers)],
                room_id: Annotated[str, Path()],
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                result = await api.list_providers(room_id=room_id, limit=limit, offset=offset)
                return _json_response(result, 200)

    if providers is not None:
        if direct:

            async def register_provider_direct(
                request: Request,
            ) -> Response:
                api: ProvidersApi = request.scope[_PROVIDED]
                room_id: str = request.path_params["room_id"]
                body = await _json_body(request, models.ProviderRegisterRequest)
                result = await api.register_provider(room_id=room_id, body=body)
                return _reply(result, (200, 201))

            router.add_api_route(
                "/v1/joblib/rooms/{room_id}/providers",
                register_provider_direct,
                methods=["PUT"],
                operation_id="registerProvider",
                status_code=200,
                include_in_schema=False,
                name="register_provider",
                route_class_override=providers_bare_route,
            )
        else:

            @router.put(
                "/v1/joblib/rooms/{room_id}/providers",
                operation_id="registerProvider",
                status_code=200,
                include_in_schema=False,
            )
            async def register_provider(
                request: Request,
                api: Annotated[ProvidersApi, Depends(providers)],
                room_id: Annotated[str, Path()],
            ) -> Response:
                body = await _json_body(request, models.ProviderRegisterRequest)
                result = await api.register_provider(room_id=room_id, body=body)
                return _reply(result, (200, 201))

    if providers is not None:
        if direct:

            async def upload_provider_result_direct(
                request: Request,
                provider_id: Annotated[UUID, Path()],
                x_request_hash: Annotated[
                    str, Header(alias="X-Request-Hash", pattern="^[0-9a-f]{64}$")
                ],
                x_result_status: Annotated[str, Header(alias="X-Result-Status")] = "ok",
            ) -> Response:
                api: ProvidersApi = request.scope[_PROVIDED]
                body = await request.body()
                result = await api.upload_provider_result(
                    provider_id=provider_id,
                    x_request_hash=x_request_hash,
                    x_result_status=x_result_status,
                    body=body,
                )
                return Response(status_code=204)

            router.add_api_route(
                "/v1/joblib/providers/{provider_id:uuid}/results",
                upload_provider_result_direct,
                methods=["POST"],
                operation_id="uploadProviderResult",
                status_code=204,
                include_in_schema=False,
                name="upload_provider_result",
                route_class_override=providers_route,
            )
        else:

            @router.post(
                "/v1/joblib/providers/{provider_id:uuid}/results",
                operation_id="uploadProviderResult",
                status_code=204,
                include_in_schema=False,
            )
            async def upload_provider_result(
                request: Request,
                api: Annotated[ProvidersApi, Depends(providers)],
                provider_id: Annotated[UUID, Path()],
                x_request_hash: Annotated[
                    str, Header(alias="X-Request-Hash", pattern="^[0-9a-f]{64}$")
                ],
                x_result_status: Annotated[str, Header(alias="X-Result-Status")] = "ok",
            ) -> Response:
                body = await request.body()
                result = await api.upload_provider_result(
                    provider_id=provider_id,
                    x_request_hash=x_request_hash,
                    x_result_status=x_result_status,
                    body=body,
                )
                return Response(status_code=204)

    if auth is not None:
        if direct:

            async def login_direct(
                request: Request,
            ) -> Response:
                api: AuthApi = request.scope[_PROVIDED]
                body = await _form_body(request, models.LoginForm)
                result = await api.login(body=body)
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/auth/jwt/login",
                login_direct,
                methods=["POST"],
                operation_id="login",
                status_code=200,
                include_in_schema=False,
                name="login",
                route_class_override=auth_bare_route,
            )
        else:

            @router.post(
                "/v1/auth/jwt/login",
                operation_id="login",
                status_code=200,
                include_in_schema=False,
            )
            async def login(
                request: Request,
                api: Annotated[AuthApi, Depends(auth)],
            ) -> Response:
                body = await _form_body(request, models.LoginForm)
                result = await api.login(body=body)
                return _json_response(result, 200)

    if workers is not None:
        if direct:

            async def delete_worker_direct(
                request: Request,
            ) -> Response:
                api: WorkersApi = request.scope[_PROVIDED]
                worker_id: UUID = request.path_params["worker_id"]
                result = await api.delete_worker(worker_id=worker_id)
                return Response(status_code=204)

            router.add_api_route(
                "/v1/joblib/workers/{worker_id:uuid}",
                delete_worker_direct,
                methods=["DELETE"],
                operation_id="deleteWorker",
                status_code=204,
                include_in_schema=False,
                name="delete_worker",
                route_class_override=workers_bare_route,
            )
        else:

            @router.delete(
                "/v1/joblib/workers/{worker_id:uuid}",
                operation_id="deleteWorker",
                status_code=204,
                include_in_schema=False,
            )
            async def delete_worker(
                request: Request,
                api: Annotated[WorkersApi, Depends(workers)],
                worker_id: Annotated[UUID, Path()],
            ) -> Response:
                result = await api.delete_worker(worker_id=worker_id)
                return Response(status_code=204)

    if providers is not None:
        if direct:

            async def delete_provider_direct(
                request: Request,
            ) -> Response:
                api: ProvidersApi = request.scope[_PROVIDED]
                provider_id: UUID = request.path_params["provider_id"]
                result = await api.delete_provider(provider_id=provider_id)
                return Response(status_code=204)

            router.add_api_route(
                "/v1/joblib/providers/{provider_id:uuid}",
                delete_provider_direct,
                methods=["DELETE"],
                operation_id="deleteProvider",
                status_code=204,
                include_in_schema=False,
                name="delete_provider",
                route_class_override=providers_bare_route,
            )
        else:

            @router.delete(
                "/v1/joblib/providers/{provider_id:uuid}",
                operation_id="deleteProvider",
                status_code=204,
                include_in_schema=False,
            )
            async def delete_provider(
                request: Request,
                api: Annotated[ProvidersApi, Depends(providers)],
                provider_id: Annotated[UUID, Path()],
            ) -> Response:
                result = await api.delete_provider(provider_id=provider_id)
                return Response(status_code=204)

    if auth is not None:
        if direct:

            async def register_user_direct(
                request: Request,
            ) -> Response:
                api: AuthApi = request.scope[_PROVIDED]
                body = await _json_body(request, models.UserCreate)
                result = await api.register_user(body=body)
                return _json_response(result, 201)

            router.add_api_route(
                "/v1/auth/register",
                register_user_direct,
                methods=["POST"],
                operation_id="registerUser",
                status_code=201,
                include_in_schema=False,
                name="register_user",
                route_class_override=auth_bare_route,
            )
        else:

            @router.post(
                "/v1/auth/register",
                operation_id="registerUser",
                status_code=201,
                include_in_schema=False,
            )
            async def register_user(
                request: Request,
                api: Annotated[AuthApi, Depends(auth)],
            ) -> Response:
                body = await _json_body(request, models.UserCreate)
                result = await api.register_user(body=body)
                return _json_response(result, 201)

    if auth is not None:
        if direct:

            async def get_current_user_direct(
                request: Request,
            ) -> Response:
                api: AuthApi = request.scope[_PROVIDED]
                result = await api.get_current_user()
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/users/me",
                get_current_user_direct,
                methods=["GET"],
                operation_id="getCurrentUser",
                status_code=200,
                include_in_schema=False,
                name="get_current_user",
                route_class_override=auth_bare_route,
            )
        else:

            @router.get(
                "/v1/users/me",
                operation_id="getCurrentUser",
                status_code=200,
                include_in_schema=False,
            )
            async def get_current_user(
                request: Request,
                api: Annotated[AuthApi, Depends(auth)],
            ) -> Response:
                result = await api.get_current_user()
                return _json_response(result, 200)

    if workers is not None:
        if direct:

            async def list_workers_direct(
                request: Request,
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                api: WorkersApi = request.scope[_PROVIDED]
                result = await api.list_workers(limit=limit, offset=offset)
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/workers",
                list_workers_direct,
                methods=["GET"],
                operation_id="listWorkers",
                status_code=200,
                include_in_schema=False,
                name="list_workers",
                route_class_override=workers_route,
            )
        else:

            @router.get(
                "/v1/joblib/workers",
                operation_id="listWorkers",
                status_code=200,
                include_in_schema=False,
            )
            async def list_workers(
                request: Request,
                api: Annotated[WorkersApi, Depends(workers)],
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                result = await api.list_workers(limit=limit, offset=offset)
                return _json_response(result, 200)

    if workers is not None:
        if direct:

            async def create_worker_direct(
                request: Request,
            ) -> Response:
                api: WorkersApi = request.scope[_PROVIDED]
                result = await api.create_worker()
                return _json_response(result, 201)

            router.add_api_route(
                "/v1/joblib/workers",
                create_worker_direct,
                methods=["POST"],
                operation_id="createWorker",
                status_code=201,
                include_in_schema=False,
                name="create_worker",
                route_class_override=workers_bare_route,
            )
        else:

            @router.post(
                "/v1/joblib/workers",
                operation_id="createWorker",
                status_code=201,
                include_in_schema=False,
            )
            async def create_worker(
                request: Request,
                api: Annotated[WorkersApi, Depends(workers)],
            ) -> Response:
                result = await api.create_worker()
                return _json_response(result, 201)

    if tasks is not None:
        if direct:

            async def list_tasks_direct(
                request: Request,
                room_id: Annotated[
                    str | None,
                    Query(
                        min_length=1,
                        max_length=128,
                        pattern="^(@global|@internal|[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127})$",
                    ),
                ] = None,
                job_name: Annotated[
                    str | None,
                    Query(
                        min_length=5, max_length=322, pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$"
                    ),
                ] = None,
                status: Annotated[models.TaskStatus | None, Query()] = None,
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                api: TasksApi = request.scope[_PROVIDED]
                result = await api.list_tasks(
                    room_id=room_id, job_name=job_name, status=status, limit=limit, offset=offset
                )
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/tasks",
                list_tasks_direct,
                methods=["GET"],
                operation_id="listTasks",
                status_code=200,
                include_in_schema=False,
                name="list_tasks",
                route_class_override=tasks_route,
            )
        else:

            @router.get(
                "/v1/joblib/tasks",
                operation_id="listTasks",
                status_code=200,
                include_in_schema=False,
            )
            async def list_tasks(
                request: Request,
                api: Annotated[TasksApi, Depends(tasks)],
                room_id: Annotated[
                    str | None,
                    Query(
                        min_length=1,
                        max_length=128,
                        pattern="^(@global|@internal|[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,127})$",
                    ),
                ] = None,
                job_name: Annotated[
                    str | None,
                    Query(
                        min_length=5, max_length=322, pattern="^[^:]+:[^:]+:[^\\x00-\\x1f\\x7f]+$"
                    ),
                ] = None,
                status: Annotated[models.TaskStatus | None, Query()] = None,
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                result = await api.list_tasks(
                    room_id=room_id, job_name=job_name, status=status, limit=limit, offset=offset
                )
                return _json_response(result, 200)

    if jobs is not None:
        if direct:

            async def list_rooms_direct(
                request: Request,
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                api: JobsApi = request.scope[_PROVIDED]
                result = await api.list_rooms(limit=limit, offset=offset)
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/rooms",
                list_rooms_direct,
                methods=["GET"],
                operation_id="listRooms",
                status_code=200,
                include_in_schema=False,
                name="list_rooms",
                route_class_override=jobs_route,
            )
        else:

            @router.get(
                "/v1/joblib/rooms",
                operation_id="listRooms",
                status_code=200,
                include_in_schema=False,
            )
            async def list_rooms(
                request: Request,
                api: Annotated[JobsApi, Depends(jobs)],
                limit: Annotated[int, Query(ge=0, le=500)] = 50,
                offset: Annotated[int, Query(ge=0, le=2147483647)] = 0,
            ) -> Response:
                result = await api.list_rooms(limit=limit, offset=offset)
                return _json_response(result, 200)

    if jobs is not None:
        if direct:

            async def get_stats_direct(
                request: Request,
            ) -> Response:
                api: JobsApi = request.scope[_PROVIDED]
                result = await api.get_stats()
                return _json_response(result, 200)

            router.add_api_route(
                "/v1/joblib/stats",
                get_stats_direct,
                methods=["GET"],
                operation_id="getStats",
                status_code=200,
                include_in_schema=False,
                name="get_stats",
                route_class_override=jobs_bare_route,
            )
        else:

            @router.get(
                "/v1/joblib/stats",
                operation_id="getStats",
                status_code=200,
                include_in_schema=False,
            )
            async def get_stats(
                request: Request,
                api: Annotated[JobsApi, Depends(jobs)],
            ) -> Response:
                result = await api.get_stats()
                return _json_response(result, 200)

    if health is not None:
        if direct:

            async def get_health_direct(
                request: Request,
            ) -> Response:
                api: HealthApi = request.scope[_PROVIDED]
                result = await api.get_health()
                return _json_response(result, 200)

            router.add_api_route(
                "/healthz",
                get_health_direct,
                methods=["GET"],
                operation_id="getHealth",
                status_code=200,
                include_in_schema=False,
                name="get_health",
                route_class_override=health_bare_route,
            )
        else:

            @router.get(
                "/healthz",
                operation_id="getHealth",
                status_code=200,
                include_in_schema=False,
            )
            async def get_health(
                request: Request,
                api: Annotated[HealthApi, Depends(health)],
            ) -> Response:
                result = await api.get_health()
                return _json_response(result, 200)

    if health is not None:
        if direct:

            async def get_readiness_direct(
                request: Request,
            ) -> Response:
                api: HealthApi = request.scope[_PROVIDED]
                result = await api.get_readiness()
                return _json_response(result, 200)

            router.add_api_route(
                "/readyz",
                get_readiness_direct,
                methods=["GET"],
                operation_id="getReadiness",
                status_code=200,
                include_in_schema=False,
                name="get_readiness",
                route_class_override=health_bare_route,
            )
        else:

            @router.get(
                "/readyz",
                operation_id="getReadiness",
                status_code=200,
                include_in_schema=False,
            )
            async def get_readiness(
                request: Request,
                api: Annotated[HealthApi, Depends(health)],
            ) -> Response:
                result = await api.get_readiness()
                return _json_response(result, 200)

    if metrics is not None:
        if direct:

            async def get_metrics_direct(
                request: Request,
            ) -> Response:
                api: MetricsApi = request.scope[_PROVIDED]
                result = await api.get_metrics()
                return Response(
                    content=result.content,
                    status_code=200,
                    media_type=result.media_type,
                    headers=dict(result.headers) or None,
                )

            router.add_api_route(
                "/metrics",
                get_metrics_direct,
                methods=["GET"],
                operation_id="getMetrics",
                status_code=200,
                include_in_schema=False,
                name="get_metrics",
                route_class_override=metrics_bare_route,
            )
        else:

            @router.get(
                "/metrics",
                operation_id="getMetrics",
                status_code=200,
                include_in_schema=False,
            )
            async def get_metrics(
                request: Request,
                api: Annotated[MetricsApi, Depends(metrics)],
            ) -> Response:
                result = await api.get_metrics()
                return Response(
                    content=result.content,
                    status_code=200,
                    media_type=result.media_type,
                    headers=dict(result.headers) or None,
                )

    return router
