"""The exceptions of the client: one class per problem type of the API, grouped by status class.

A problem answer (RFC 9457) is mapped by its `type` first; a type this client does not know (a
newer server) falls back to the class of its HTTP status, and a non-problem error body to the
status alone. Every exception keeps what the server said: `type`, `status`, `title`, `detail`,
`instance`, for 422 the `errors` list, and `retry_after` (seconds) when the answer had one;
`ServiceUnavailable.safe_to_retry` says whether the same request may simply be sent again.

    JobLibError
    ├── BadRequest (400) ── BadCredentials, InvalidCategory, InvalidRoomId
    ├── Unauthorized (401)
    ├── Forbidden (403) ── RegistrationClosed
    ├── NotFound (404) ── RouteNotFound, JobNotFound, WorkerNotFound, TaskNotFound, ProviderNotFound
    ├── MethodNotAllowed (405)
    ├── RequestTimeout (408)
    ├── Conflict (409) ── SchemaConflict, InvalidTaskTransition, NoWorkersAvailable, UserAlreadyExists
    ├── PayloadTooLarge (413)
    ├── ValidationError (422) ── PayloadTooComplex, IdempotencyKeyReused
    ├── TooManyRequests (429)
    ├── ServerError (5xx)
    │   ├── InternalError (500)
    │   ├── ProviderError (502)
    │   ├── ServiceUnavailable (503) ── InternalJobNotConfigured, NotReady
    │   └── ProviderTimeout (504)
    ├── APIConnectionError: the server could not be reached (no answer at all)
    ├── UnexpectedResponse: an answer this client cannot read (a contract mismatch)
    ├── TaskWaitTimeout (also a `TimeoutError`): a task did not finish within the wait
    └── ManagerStopped: the JobManager was disconnected or stopped itself

`ValidationError` is not pydantic's; import the module (`from zndraw_joblib_client import
errors`) and write `errors.ValidationError`.
"""

# The class names are the HTTP and problem vocabulary (NotFound, Forbidden, SchemaConflict), as
# in httpx and stripe-python; an "Error" suffix on each would only add noise.
# ruff: noqa: N818

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, ClassVar

PROBLEM_PREFIX = "/v1/problems/"


class JobLibError(Exception):
    """A request to zndraw-joblib failed."""

    #: the problem `type` this class stands for; None for the grouping classes
    problem_type: ClassVar[str | None] = None
    #: the HTTP status a problem of this class has when the server did not say
    default_status: ClassVar[int | None] = None
    #: the HTTP method of the request that failed, when known (the retry policy reads it)
    method: str | None = None

    def __init__(
        self,
        detail: str | None = None,
        *,
        type: str | None = None,
        status: int | None = None,
        title: str | None = None,
        instance: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        body: Any = None,
        retry_after: float | None = None,
    ) -> None:
        self.type = type if type is not None else self.problem_type
        self.status = status if status is not None else self.default_status
        self.title = title
        self.detail = detail
        self.instance = instance
        self.errors = errors or []
        self.body = body
        self.retry_after = retry_after
        super().__init__(self._message())

    def _message(self) -> str:
        text = self.detail or self.title or (self.__doc__ or "").strip().splitlines()[0]
        prefix = f"[{self.status}] " if self.status else ""
        suffix = ""
        if self.errors:
            suffix = " (" + "; ".join(_format_error(e) for e in self.errors[:5]) + ")"
        return f"{prefix}{text}{suffix}"

    @property
    def slug(self) -> str | None:
        """The problem type's last part, e.g. `job-not-found`."""
        if self.type and self.type.startswith(PROBLEM_PREFIX):
            return self.type.removeprefix(PROBLEM_PREFIX)
        return self.type


def _format_error(error: Mapping[str, Any]) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {error.get('msg', '')}" if where else str(error.get("msg", ""))


# -- by status class --


class BadRequest(JobLibError):
    """The request was malformed."""

    default_status = 400


class Unauthorized(JobLibError):
    """No valid bearer token (missing, invalid, expired, or of an inactive user)."""

    problem_type = "/v1/problems/unauthorized"
    default_status = 401


class Forbidden(JobLibError):
    """The user may not do this (not the owner, not a superuser)."""

    problem_type = "/v1/problems/forbidden"
    default_status = 403


class NotFound(JobLibError):
    """The resource does not exist."""

    default_status = 404


class MethodNotAllowed(JobLibError):
    """The path exists but not with this method."""

    problem_type = "/v1/problems/method-not-allowed"
    default_status = 405


class RequestTimeout(JobLibError):
    """The request body did not reach the server in time."""

    problem_type = "/v1/problems/request-timeout"
    default_status = 408


class Conflict(JobLibError):
    """The request conflicts with the resource's current state."""

    default_status = 409


class PayloadTooLarge(JobLibError):
    """The request body exceeds the server's limit."""

    problem_type = "/v1/problems/payload-too-large"
    default_status = 413


class ValidationError(JobLibError):
    """A parameter, header or body does not match the contract; `errors` says where."""

    problem_type = "/v1/problems/validation-error"
    default_status = 422


class TooManyRequests(JobLibError):
    """Too many failed logins for this account; wait `retry_after` seconds."""

    problem_type = "/v1/problems/too-many-requests"
    default_status = 429


class ServerError(JobLibError):
    """The server failed to answer the request."""

    default_status = 500


class ServiceUnavailable(ServerError):
    """The server cannot serve this now (its database or Redis is out of reach, or it is busy)."""

    problem_type = "/v1/problems/service-unavailable"
    default_status = 503

    @property
    def safe_to_retry(self) -> bool:
        """True when nothing of the request took effect, so it may be sent again as it is."""
        return isinstance(self.body, dict) and self.body.get("safe_to_retry") is True


# -- by problem type --


class RegistrationClosed(Forbidden):
    """The server does not let users register themselves; an administrator creates accounts."""

    problem_type = "/v1/problems/registration-closed"


class PayloadTooComplex(ValidationError):
    """The payload could not be checked against the job's schema within the server's budget."""

    problem_type = "/v1/problems/payload-too-complex"


class BadCredentials(BadRequest):
    """Unknown email, wrong password or inactive user."""

    problem_type = "/v1/problems/bad-credentials"


class InvalidCategory(BadRequest):
    """The category is not in the server's allowed list."""

    problem_type = "/v1/problems/invalid-category"


class InvalidRoomId(BadRequest):
    """The room id is empty, too long, or contains a reserved character."""

    problem_type = "/v1/problems/invalid-room-id"


class RouteNotFound(NotFound):
    """No route matches the path (a client/server version mismatch)."""

    problem_type = "/v1/problems/not-found"


class JobNotFound(NotFound):
    """No active job of that name is visible from the room."""

    problem_type = "/v1/problems/job-not-found"


class WorkerNotFound(NotFound):
    """No worker has that id (deleted, or swept after missing heartbeats)."""

    problem_type = "/v1/problems/worker-not-found"


class TaskNotFound(NotFound):
    """No task has that id."""

    problem_type = "/v1/problems/task-not-found"


class ProviderNotFound(NotFound):
    """No provider of that name is visible from the room, or none has that id."""

    problem_type = "/v1/problems/provider-not-found"


class SchemaConflict(Conflict):
    """The job is registered with a different parameter schema."""

    problem_type = "/v1/problems/schema-conflict"


class InvalidTaskTransition(Conflict):
    """The task cannot move from its current status to the requested one."""

    problem_type = "/v1/problems/invalid-task-transition"


class NoWorkersAvailable(Conflict):
    """No worker serves the job right now."""

    problem_type = "/v1/problems/no-workers-available"


class IdempotencyKeyReused(ValidationError):
    """The `Idempotency-Key` was used for another submission within the retention window."""

    problem_type = "/v1/problems/idempotency-key-reused"


class UserAlreadyExists(Conflict):
    """An account with that email exists already."""

    problem_type = "/v1/problems/user-already-exists"


class InternalError(ServerError):
    """A fault of the server itself."""

    problem_type = "/v1/problems/internal-error"


class InternalJobNotConfigured(ServiceUnavailable):
    """An `@internal` job was submitted but the server has no executor for it."""

    problem_type = "/v1/problems/internal-job-not-configured"


class NotReady(ServiceUnavailable):
    """The server's database or pub/sub bus is unreachable."""

    problem_type = "/v1/problems/not-ready"


class ProviderError(ServerError):
    """The provider reported that it cannot answer the read; `body["provider_problem"]` says why."""

    problem_type = "/v1/problems/provider-error"
    default_status = 502


class ProviderTimeout(ServerError):
    """The provider did not upload a result within the read's wait; ask again later."""

    problem_type = "/v1/problems/provider-timeout"
    default_status = 504


# -- not problems --


class APIConnectionError(JobLibError):
    """The server could not be reached, or the connection broke before an answer."""

    #: False when the request certainly never left (no connection could be made); None when unknown
    sent: bool | None = None


class UnexpectedResponse(JobLibError):
    """The server answered with something this client cannot read."""


class TaskWaitTimeout(JobLibError, TimeoutError):
    """The task did not reach a terminal status within the wait."""

    def __init__(self, detail: str | None = None, *, task: Any = None) -> None:
        self.task = task
        super().__init__(detail)


class ManagerStopped(JobLibError):
    """The JobManager is stopped; create a new one."""


def _problem_classes() -> dict[str, type[JobLibError]]:
    found: dict[str, type[JobLibError]] = {}
    pending: list[type[JobLibError]] = [JobLibError]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.problem_type is not None and cls.__module__ == __name__:
            found[cls.problem_type] = cls
    return found


#: problem `type` → exception class: the closed vocabulary of `ProblemType` in openapi.yaml
BY_TYPE: Mapping[str, type[JobLibError]] = _problem_classes()

#: HTTP status → the class used when the problem type is unknown
BY_STATUS: Mapping[int, type[JobLibError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    405: MethodNotAllowed,
    408: RequestTimeout,
    409: Conflict,
    413: PayloadTooLarge,
    422: ValidationError,
    429: TooManyRequests,
    500: InternalError,
    503: ServiceUnavailable,
    504: ProviderTimeout,
}


def class_for(*, problem_type: str | None, status: int | None) -> type[JobLibError]:
    """The exception class for a problem: by `type` first, then by status, then by status class."""
    if problem_type is not None and problem_type in BY_TYPE:
        return BY_TYPE[problem_type]
    if status is not None:
        if status in BY_STATUS:
            return BY_STATUS[status]
        if status >= 500:
            return ServerError
    return JobLibError


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def from_response(status: int, content: bytes, headers: Mapping[str, str] | None = None) -> JobLibError:
    """The exception for an error answer (`status` ≥ 400) with its raw body (and headers)."""
    retry_after = _seconds((headers or {}).get("retry-after"))
    body: Any
    try:
        body = json.loads(content) if content else None
    except ValueError:
        body = content.decode(errors="replace")
    if not isinstance(body, dict):
        cls = class_for(problem_type=None, status=status)
        detail = body.strip()[:500] if isinstance(body, str) and body.strip() else None
        return cls(detail, status=status, body=body, retry_after=retry_after)
    problem_type = body.get("type") if isinstance(body.get("type"), str) else None
    cls = class_for(problem_type=problem_type, status=status)
    errors = body.get("errors")
    return cls(
        _text(body.get("detail")),
        type=problem_type,
        status=status,
        title=_text(body.get("title")),
        instance=_text(body.get("instance")),
        errors=[e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else None,
        body=body,
        retry_after=retry_after,
    )


def from_ack_error(error: Mapping[str, Any] | None) -> JobLibError:
    """The exception for a Socket.IO acknowledgement that refused a request (`{type, detail}`)."""
    error = error or {}
    problem_type = error.get("type") if isinstance(error.get("type"), str) else None
    cls = class_for(problem_type=problem_type, status=None)
    return cls(_text(error.get("detail")), type=problem_type, body=dict(error))


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
