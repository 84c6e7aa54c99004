# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.task_response import TaskResponse
from ...models.task_update_request import TaskUpdateRequest
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    task_id: UUID,
    *,
    body: TaskUpdateRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/joblib/tasks/{task_id}".format(
            task_id=quote(str(task_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ServiceUnavailableProblem | TaskResponse | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = TaskResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = ServiceUnavailableProblem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | ServiceUnavailableProblem | TaskResponse | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: TaskUpdateRequest,
) -> Response[Problem | ServiceUnavailableProblem | TaskResponse | ValidationProblem]:
    """Move a task to a new status

     Allowed: `claimed → running | failed | cancelled`, `running → completed | failed |
    cancelled`, `pending → cancelled`. Terminal states have no way out; anything else is 409
    `invalid-task-transition`. Allowed callers: the owner of the worker that claimed the task,
    a superuser, and (to cancel it while it is pending, claimed or running) the user who
    submitted it.

    - **Cancel** a claimed or running task: it is `cancelled` at once (terminal,
      `completed_at` set); its worker is told over its sockets (`task_cancelled` on
      `workers:{worker_id}`, asyncapi.yaml) and should stop; its later updates get 409.
    - **Complete with a result**: `{"status": "completed", "result": <any JSON>}`, at most
      `max_result_bytes` (413 beyond).
    - **Fail for a retry**: `{"status": "failed", "retryable": true}`: with attempts left (the
      job's `max_attempts`) the task goes back to `pending` with `attempt` increased and
      `available_at` = now + backoff; it is answered as such. Without attempts left it fails.
      A task whose worker dies (socket drop, `DELETE /workers/{id}`, the sweeper) is retried
      the same way.

    Args:
        task_id (UUID):
        body (TaskUpdateRequest): A `result` goes with `completed` only, `retryable: true` with
            `failed` only (otherwise 422).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServiceUnavailableProblem | TaskResponse | ValidationProblem]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: TaskUpdateRequest,
) -> Problem | ServiceUnavailableProblem | TaskResponse | ValidationProblem | None:
    """Move a task to a new status

     Allowed: `claimed → running | failed | cancelled`, `running → completed | failed |
    cancelled`, `pending → cancelled`. Terminal states have no way out; anything else is 409
    `invalid-task-transition`. Allowed callers: the owner of the worker that claimed the task,
    a superuser, and (to cancel it while it is pending, claimed or running) the user who
    submitted it.

    - **Cancel** a claimed or running task: it is `cancelled` at once (terminal,
      `completed_at` set); its worker is told over its sockets (`task_cancelled` on
      `workers:{worker_id}`, asyncapi.yaml) and should stop; its later updates get 409.
    - **Complete with a result**: `{"status": "completed", "result": <any JSON>}`, at most
      `max_result_bytes` (413 beyond).
    - **Fail for a retry**: `{"status": "failed", "retryable": true}`: with attempts left (the
      job's `max_attempts`) the task goes back to `pending` with `attempt` increased and
      `available_at` = now + backoff; it is answered as such. Without attempts left it fails.
      A task whose worker dies (socket drop, `DELETE /workers/{id}`, the sweeper) is retried
      the same way.

    Args:
        task_id (UUID):
        body (TaskUpdateRequest): A `result` goes with `completed` only, `retryable: true` with
            `failed` only (otherwise 422).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServiceUnavailableProblem | TaskResponse | ValidationProblem
    """

    return sync_detailed(
        task_id=task_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    task_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: TaskUpdateRequest,
) -> Response[Problem | ServiceUnavailableProblem | TaskResponse | ValidationProblem]:
    """Move a task to a new status

     Allowed: `claimed → running | failed | cancelled`, `running → completed | failed |
    cancelled`, `pending → cancelled`. Terminal states have no way out; anything else is 409
    `invalid-task-transition`. Allowed callers: the owner of the worker that claimed the task,
    a superuser, and (to cancel it while it is pending, claimed or running) the user who
    submitted it.

    - **Cancel** a claimed or running task: it is `cancelled` at once (terminal,
      `completed_at` set); its worker is told over its sockets (`task_cancelled` on
      `workers:{worker_id}`, asyncapi.yaml) and should stop; its later updates get 409.
    - **Complete with a result**: `{"status": "completed", "result": <any JSON>}`, at most
      `max_result_bytes` (413 beyond).
    - **Fail for a retry**: `{"status": "failed", "retryable": true}`: with attempts left (the
      job's `max_attempts`) the task goes back to `pending` with `attempt` increased and
      `available_at` = now + backoff; it is answered as such. Without attempts left it fails.
      A task whose worker dies (socket drop, `DELETE /workers/{id}`, the sweeper) is retried
      the same way.

    Args:
        task_id (UUID):
        body (TaskUpdateRequest): A `result` goes with `completed` only, `retryable: true` with
            `failed` only (otherwise 422).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServiceUnavailableProblem | TaskResponse | ValidationProblem]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: TaskUpdateRequest,
) -> Problem | ServiceUnavailableProblem | TaskResponse | ValidationProblem | None:
    """Move a task to a new status

     Allowed: `claimed → running | failed | cancelled`, `running → completed | failed |
    cancelled`, `pending → cancelled`. Terminal states have no way out; anything else is 409
    `invalid-task-transition`. Allowed callers: the owner of the worker that claimed the task,
    a superuser, and (to cancel it while it is pending, claimed or running) the user who
    submitted it.

    - **Cancel** a claimed or running task: it is `cancelled` at once (terminal,
      `completed_at` set); its worker is told over its sockets (`task_cancelled` on
      `workers:{worker_id}`, asyncapi.yaml) and should stop; its later updates get 409.
    - **Complete with a result**: `{"status": "completed", "result": <any JSON>}`, at most
      `max_result_bytes` (413 beyond).
    - **Fail for a retry**: `{"status": "failed", "retryable": true}`: with attempts left (the
      job's `max_attempts`) the task goes back to `pending` with `attempt` increased and
      `available_at` = now + backoff; it is answered as such. Without attempts left it fails.
      A task whose worker dies (socket drop, `DELETE /workers/{id}`, the sweeper) is retried
      the same way.

    Args:
        task_id (UUID):
        body (TaskUpdateRequest): A `result` goes with `completed` only, `retryable: true` with
            `failed` only (otherwise 422).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServiceUnavailableProblem | TaskResponse | ValidationProblem
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
            body=body,
        )
    ).parsed
