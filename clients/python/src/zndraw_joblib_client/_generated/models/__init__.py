# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
"""Contains all the data models used in inputs/outputs"""

from .bearer_token import BearerToken
from .health_status import HealthStatus
from .job_page import JobPage
from .job_register_request import JobRegisterRequest
from .job_register_request_schema import JobRegisterRequestSchema
from .job_register_request_schema_synonym import JobRegisterRequestSchemaSynonym
from .job_response import JobResponse
from .job_response_schema import JobResponseSchema
from .job_stats import JobStats
from .job_summary import JobSummary
from .login_form import LoginForm
from .minute_stats import MinuteStats
from .problem import Problem
from .problem_type import ProblemType
from .provider_error_problem import ProviderErrorProblem
from .provider_page import ProviderPage
from .provider_problem import ProviderProblem
from .provider_register_request import ProviderRegisterRequest
from .provider_register_request_schema import ProviderRegisterRequestSchema
from .provider_register_request_schema_synonym import (
    ProviderRegisterRequestSchemaSynonym,
)
from .provider_response import ProviderResponse
from .provider_response_schema import ProviderResponseSchema
from .queue_stats import QueueStats
from .read_provider_query import ReadProviderQuery
from .readiness_status import ReadinessStatus
from .readiness_status_checks import ReadinessStatusChecks
from .room_page import RoomPage
from .room_summary import RoomSummary
from .service_unavailable_problem import ServiceUnavailableProblem
from .status_counts import StatusCounts
from .task_batch_request import TaskBatchRequest
from .task_batch_response import TaskBatchResponse
from .task_claim_request import TaskClaimRequest
from .task_claim_response import TaskClaimResponse
from .task_page import TaskPage
from .task_progress import TaskProgress
from .task_progress_request import TaskProgressRequest
from .task_response import TaskResponse
from .task_response_payload import TaskResponsePayload
from .task_status import TaskStatus
from .task_submit_request import TaskSubmitRequest
from .task_submit_request_payload import TaskSubmitRequestPayload
from .task_update_request import TaskUpdateRequest
from .upload_provider_result_x_result_status import UploadProviderResultXResultStatus
from .user_create import UserCreate
from .user_read import UserRead
from .validation_error_item import ValidationErrorItem
from .validation_problem import ValidationProblem
from .worker_page import WorkerPage
from .worker_response import WorkerResponse
from .worker_summary import WorkerSummary

__all__ = (
    "BearerToken",
    "HealthStatus",
    "JobPage",
    "JobRegisterRequest",
    "JobRegisterRequestSchema",
    "JobRegisterRequestSchemaSynonym",
    "JobResponse",
    "JobResponseSchema",
    "JobStats",
    "JobSummary",
    "LoginForm",
    "MinuteStats",
    "Problem",
    "ProblemType",
    "ProviderErrorProblem",
    "ProviderPage",
    "ProviderProblem",
    "ProviderRegisterRequest",
    "ProviderRegisterRequestSchema",
    "ProviderRegisterRequestSchemaSynonym",
    "ProviderResponse",
    "ProviderResponseSchema",
    "QueueStats",
    "ReadinessStatus",
    "ReadinessStatusChecks",
    "ReadProviderQuery",
    "RoomPage",
    "RoomSummary",
    "ServiceUnavailableProblem",
    "StatusCounts",
    "TaskBatchRequest",
    "TaskBatchResponse",
    "TaskClaimRequest",
    "TaskClaimResponse",
    "TaskPage",
    "TaskProgress",
    "TaskProgressRequest",
    "TaskResponse",
    "TaskResponsePayload",
    "TaskStatus",
    "TaskSubmitRequest",
    "TaskSubmitRequestPayload",
    "TaskUpdateRequest",
    "UploadProviderResultXResultStatus",
    "UserCreate",
    "UserRead",
    "ValidationErrorItem",
    "ValidationProblem",
    "WorkerPage",
    "WorkerResponse",
    "WorkerSummary",
)
