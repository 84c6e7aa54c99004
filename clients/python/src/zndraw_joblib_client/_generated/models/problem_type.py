# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from enum import StrEnum


class ProblemType(StrEnum):
    BAD_CREDENTIALS = "/v1/problems/bad-credentials"
    FORBIDDEN = "/v1/problems/forbidden"
    IDEMPOTENCY_KEY_REUSED = "/v1/problems/idempotency-key-reused"
    INTERNAL_ERROR = "/v1/problems/internal-error"
    INTERNAL_JOB_NOT_CONFIGURED = "/v1/problems/internal-job-not-configured"
    INVALID_CATEGORY = "/v1/problems/invalid-category"
    INVALID_ROOM_ID = "/v1/problems/invalid-room-id"
    INVALID_TASK_TRANSITION = "/v1/problems/invalid-task-transition"
    JOB_NOT_FOUND = "/v1/problems/job-not-found"
    METHOD_NOT_ALLOWED = "/v1/problems/method-not-allowed"
    NOT_FOUND = "/v1/problems/not-found"
    NOT_READY = "/v1/problems/not-ready"
    NO_WORKERS_AVAILABLE = "/v1/problems/no-workers-available"
    PAYLOAD_TOO_COMPLEX = "/v1/problems/payload-too-complex"
    PAYLOAD_TOO_LARGE = "/v1/problems/payload-too-large"
    PROVIDER_ERROR = "/v1/problems/provider-error"
    PROVIDER_NOT_FOUND = "/v1/problems/provider-not-found"
    PROVIDER_TIMEOUT = "/v1/problems/provider-timeout"
    REGISTRATION_CLOSED = "/v1/problems/registration-closed"
    REQUEST_TIMEOUT = "/v1/problems/request-timeout"
    SCHEMA_CONFLICT = "/v1/problems/schema-conflict"
    SERVICE_UNAVAILABLE = "/v1/problems/service-unavailable"
    TASK_NOT_FOUND = "/v1/problems/task-not-found"
    TOO_MANY_REQUESTS = "/v1/problems/too-many-requests"
    UNAUTHORIZED = "/v1/problems/unauthorized"
    USER_ALREADY_EXISTS = "/v1/problems/user-already-exists"
    VALIDATION_ERROR = "/v1/problems/validation-error"
    WORKER_NOT_FOUND = "/v1/problems/worker-not-found"

    def __str__(self) -> str:
        return str(self.value)
