# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.task_claim_request import TaskClaimRequest
from ...models.task_claim_response import TaskClaimResponse
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    *,
    body: TaskClaimRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/joblib/tasks/claim",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ServiceUnavailableProblem | TaskClaimResponse | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = TaskClaimResponse.from_dict(response.json())

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
) -> Response[Problem | ServiceUnavailableProblem | TaskClaimResponse | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TaskClaimRequest,
) -> Response[Problem | ServiceUnavailableProblem | TaskClaimResponse | ValidationProblem]:
    """Claim the oldest pending task of the worker's jobs

     Atomic, highest `priority` first and FIFO by (`created_at`, `id`) within a priority,
    across rooms: a task is claimed at most once, by any number of concurrent claimers on any
    number of replicas. A retried task waiting for its `available_at` is passed over (it
    never stalls the tasks behind it). `task` is null when nothing is claimable for the
    worker's jobs.

    Args:
        body (TaskClaimRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServiceUnavailableProblem | TaskClaimResponse | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: TaskClaimRequest,
) -> Problem | ServiceUnavailableProblem | TaskClaimResponse | ValidationProblem | None:
    """Claim the oldest pending task of the worker's jobs

     Atomic, highest `priority` first and FIFO by (`created_at`, `id`) within a priority,
    across rooms: a task is claimed at most once, by any number of concurrent claimers on any
    number of replicas. A retried task waiting for its `available_at` is passed over (it
    never stalls the tasks behind it). `task` is null when nothing is claimable for the
    worker's jobs.

    Args:
        body (TaskClaimRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServiceUnavailableProblem | TaskClaimResponse | ValidationProblem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TaskClaimRequest,
) -> Response[Problem | ServiceUnavailableProblem | TaskClaimResponse | ValidationProblem]:
    """Claim the oldest pending task of the worker's jobs

     Atomic, highest `priority` first and FIFO by (`created_at`, `id`) within a priority,
    across rooms: a task is claimed at most once, by any number of concurrent claimers on any
    number of replicas. A retried task waiting for its `available_at` is passed over (it
    never stalls the tasks behind it). `task` is null when nothing is claimable for the
    worker's jobs.

    Args:
        body (TaskClaimRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServiceUnavailableProblem | TaskClaimResponse | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TaskClaimRequest,
) -> Problem | ServiceUnavailableProblem | TaskClaimResponse | ValidationProblem | None:
    """Claim the oldest pending task of the worker's jobs

     Atomic, highest `priority` first and FIFO by (`created_at`, `id`) within a priority,
    across rooms: a task is claimed at most once, by any number of concurrent claimers on any
    number of replicas. A retried task waiting for its `available_at` is passed over (it
    never stalls the tasks behind it). `task` is null when nothing is claimable for the
    worker's jobs.

    Args:
        body (TaskClaimRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServiceUnavailableProblem | TaskClaimResponse | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
