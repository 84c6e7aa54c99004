# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.task_progress_request import TaskProgressRequest
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    task_id: UUID,
    *,
    body: TaskProgressRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/joblib/tasks/{task_id}/progress".format(
            task_id=quote(str(task_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | ServiceUnavailableProblem | ValidationProblem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | Problem | ServiceUnavailableProblem | ValidationProblem]:
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
    body: TaskProgressRequest,
) -> Response[Any | Problem | ServiceUnavailableProblem | ValidationProblem]:
    """Report a running task's progress

     The owner of the worker that claimed the task (or a superuser) reports how far a running
    task is, without changing its status: a fraction, steps (`current` of `total`), a short
    message, or a mix. The latest report is kept with the task (`progress` in
    `TaskResponse`) and announced as `task_progress` (asyncapi.yaml) to the task's room, at
    most ten times a second per task: reports that come faster are coalesced (the last one
    wins and is stored and announced at the end of its 100 ms window). A task that is not
    running answers 409 `invalid-task-transition`.

    Args:
        task_id (UUID):
        body (TaskProgressRequest): Give a fraction, steps (`current` of `total`), a message, or
            any mix of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ServiceUnavailableProblem | ValidationProblem]
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
    body: TaskProgressRequest,
) -> Any | Problem | ServiceUnavailableProblem | ValidationProblem | None:
    """Report a running task's progress

     The owner of the worker that claimed the task (or a superuser) reports how far a running
    task is, without changing its status: a fraction, steps (`current` of `total`), a short
    message, or a mix. The latest report is kept with the task (`progress` in
    `TaskResponse`) and announced as `task_progress` (asyncapi.yaml) to the task's room, at
    most ten times a second per task: reports that come faster are coalesced (the last one
    wins and is stored and announced at the end of its 100 ms window). A task that is not
    running answers 409 `invalid-task-transition`.

    Args:
        task_id (UUID):
        body (TaskProgressRequest): Give a fraction, steps (`current` of `total`), a message, or
            any mix of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ServiceUnavailableProblem | ValidationProblem
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
    body: TaskProgressRequest,
) -> Response[Any | Problem | ServiceUnavailableProblem | ValidationProblem]:
    """Report a running task's progress

     The owner of the worker that claimed the task (or a superuser) reports how far a running
    task is, without changing its status: a fraction, steps (`current` of `total`), a short
    message, or a mix. The latest report is kept with the task (`progress` in
    `TaskResponse`) and announced as `task_progress` (asyncapi.yaml) to the task's room, at
    most ten times a second per task: reports that come faster are coalesced (the last one
    wins and is stored and announced at the end of its 100 ms window). A task that is not
    running answers 409 `invalid-task-transition`.

    Args:
        task_id (UUID):
        body (TaskProgressRequest): Give a fraction, steps (`current` of `total`), a message, or
            any mix of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ServiceUnavailableProblem | ValidationProblem]
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
    body: TaskProgressRequest,
) -> Any | Problem | ServiceUnavailableProblem | ValidationProblem | None:
    """Report a running task's progress

     The owner of the worker that claimed the task (or a superuser) reports how far a running
    task is, without changing its status: a fraction, steps (`current` of `total`), a short
    message, or a mix. The latest report is kept with the task (`progress` in
    `TaskResponse`) and announced as `task_progress` (asyncapi.yaml) to the task's room, at
    most ten times a second per task: reports that come faster are coalesced (the last one
    wins and is stored and announced at the end of its 100 ms window). A task that is not
    running answers 409 `invalid-task-transition`.

    Args:
        task_id (UUID):
        body (TaskProgressRequest): Give a fraction, steps (`current` of `total`), a message, or
            any mix of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ServiceUnavailableProblem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
            body=body,
        )
    ).parsed
