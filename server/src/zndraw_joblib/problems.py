"""The closed vocabulary of errors: one exception class per RFC 9457 problem type.

Services raise these; `http_errors` turns them into `application/problem+json` answers, the
Socket.IO handlers into refusing acks. Each class's `slug` is the last part of its `type`
(`/v1/problems/<slug>`), and `ProblemType` in openapi.yaml lists exactly these slugs (a test
checks that the document, these classes and docs/problems.md agree).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

PROBLEM_BASE = "/v1/problems/"


class Problem(Exception):  # noqa: N818 - a Problem is the RFC 9457 name, not an "Error"
    """Base of every problem; subclasses fix `slug`, `status` and `title`."""

    slug: ClassVar[str]
    status: ClassVar[int]
    title: ClassVar[str]

    def __init__(
        self,
        detail: str | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        extensions: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.headers = dict(headers or {})
        self.extensions = dict(extensions or {})

    @property
    def type(self) -> str:
        return PROBLEM_BASE + self.slug

    def body(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"type": self.type, "title": self.title, "status": self.status}
        if self.detail:
            body["detail"] = self.detail
        if instance:
            body["instance"] = instance
        body.update(self.extensions)
        return body


class BadCredentials(Problem):
    """Login with an unknown email, a wrong password or an inactive account."""

    slug, status, title = "bad-credentials", 400, "Bad credentials"


class Forbidden(Problem):
    """The user is known but may not do this (not the owner, not a superuser)."""

    slug, status, title = "forbidden", 403, "Forbidden"


class IdempotencyKeyReused(Problem):
    """The submission's `Idempotency-Key` was used for another request within the retention window."""

    slug, status, title = "idempotency-key-reused", 422, "Idempotency key reused"

    def __init__(self, detail: str) -> None:
        error = {"loc": ["header", "Idempotency-Key"], "msg": detail, "type": "idempotency_key_reused"}
        super().__init__(detail, extensions={"errors": [error]})


class InternalJobNotConfigured(Problem):
    """An `@internal` job was submitted but this server has no executor for it."""

    slug, status, title = "internal-job-not-configured", 503, "Internal job not configured"


class InternalError(Problem):
    """A fault of the server itself (never bad input); the detail is logged, not sent."""

    slug, status, title = "internal-error", 500, "Internal server error"


class InvalidCategory(Problem):
    """The category is not in the configured allowed list."""

    slug, status, title = "invalid-category", 400, "Invalid category"


class InvalidRoomId(Problem):
    """The room id is empty, too long, or contains a reserved character."""

    slug, status, title = "invalid-room-id", 400, "Invalid room id"


class InvalidTaskTransition(Problem):
    """The task cannot move from its current status to the requested one."""

    slug, status, title = "invalid-task-transition", 409, "Invalid task transition"


class JobNotFound(Problem):
    """No active job of that name is visible from the room."""

    slug, status, title = "job-not-found", 404, "Job not found"


class MethodNotAllowed(Problem):
    """The path exists, but not with this method; `Allow` lists the methods it has."""

    slug, status, title = "method-not-allowed", 405, "Method not allowed"


class NoWorkersAvailable(Problem):
    """No worker serves the job the task was submitted to (and the server requires one)."""

    slug, status, title = "no-workers-available", 409, "No workers available"


class NotFound(Problem):
    """No route matches the path."""

    slug, status, title = "not-found", 404, "Not found"


class NotReady(Problem):
    """The database or the pub/sub bus is unreachable (readiness probe)."""

    slug, status, title = "not-ready", 503, "Not ready"


class PayloadTooLarge(Problem):
    """The request body exceeds `max_body_bytes`."""

    slug, status, title = "payload-too-large", 413, "Payload too large"


class PayloadTooComplex(Problem):
    """The payload could not be checked against its job's schema within the validation budget."""

    slug, status, title = "payload-too-complex", 422, "Payload too complex"

    def __init__(self, detail: str, loc: Sequence[str | int] = ("body", "payload")) -> None:
        error = {"loc": list(loc), "msg": detail, "type": "validation_budget"}
        super().__init__(detail, extensions={"errors": [error]})


class ProviderError(Problem):
    """The provider reported that it cannot answer the read; its problem is in `provider_problem`."""

    slug, status, title = "provider-error", 502, "Provider error"

    def __init__(self, detail: str, provider_problem: dict[str, Any]) -> None:
        super().__init__(detail, extensions={"provider_problem": provider_problem})


class ProviderNotFound(Problem):
    """No provider of that name is visible from the room, or no provider has that id."""

    slug, status, title = "provider-not-found", 404, "Provider not found"


class ProviderTimeout(Problem):
    """The provider did not upload a result within the read's wait."""

    slug, status, title = "provider-timeout", 504, "Provider timeout"


class RegistrationClosed(Problem):
    """Self-registration is off on this server (`allow_registration`)."""

    slug, status, title = "registration-closed", 403, "Registration closed"


class RequestTimeout(Problem):
    """The request body did not arrive within `body_timeout_seconds`."""

    slug, status, title = "request-timeout", 408, "Request timeout"


class SchemaConflict(Problem):
    """The job is registered with a different parameter schema."""

    slug, status, title = "schema-conflict", 409, "Schema conflict"


class ServiceUnavailable(Problem):
    """The database or Redis cannot be reached, or the server is saturated; `Retry-After` says when to retry."""

    slug, status, title = "service-unavailable", 503, "Service unavailable"

    def __init__(self, detail: str, *, safe_to_retry: bool, retry_after_seconds: int = 1) -> None:
        """`safe_to_retry`: nothing of the request took effect, so it may be sent again as it is."""
        super().__init__(
            detail, headers={"Retry-After": str(retry_after_seconds)}, extensions={"safe_to_retry": safe_to_retry}
        )


class TaskNotFound(Problem):
    """No task has that id."""

    slug, status, title = "task-not-found", 404, "Task not found"


class TooManyRequests(Problem):
    """Too many failed logins for one account within the window; `Retry-After` says when to retry."""

    slug, status, title = "too-many-requests", 429, "Too many requests"


class Unauthorized(Problem):
    """No bearer token, or one that is invalid, expired, or of an inactive user."""

    slug, status, title = "unauthorized", 401, "Unauthorized"


class UserAlreadyExists(Problem):
    """Registration with an email that already has an account."""

    slug, status, title = "user-already-exists", 409, "User already exists"


class ValidationFailed(Problem):
    """A parameter, header or body does not match the contract; `errors` says where."""

    slug, status, title = "validation-error", 422, "Validation error"

    def __init__(self, errors: list[dict[str, Any]], detail: str | None = None) -> None:
        super().__init__(detail, extensions={"errors": errors})


class WorkerNotFound(Problem):
    """No worker has that id."""

    slug, status, title = "worker-not-found", 404, "Worker not found"


def all_problems() -> dict[str, type[Problem]]:
    """Every concrete problem class by slug."""
    return {cls.slug: cls for cls in Problem.__subclasses__()}
