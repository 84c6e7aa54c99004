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
from ...models.validation_problem import ValidationProblem
from ...models.worker_response import WorkerResponse
from ...types import Response


def _get_kwargs(
    worker_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/joblib/workers/{worker_id}".format(
            worker_id=quote(str(worker_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ServiceUnavailableProblem | ValidationProblem | WorkerResponse | None:
    if response.status_code == 200:
        response_200 = WorkerResponse.from_dict(response.json())

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
) -> Response[Problem | ServiceUnavailableProblem | ValidationProblem | WorkerResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    worker_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | ServiceUnavailableProblem | ValidationProblem | WorkerResponse]:
    """Heartbeat (owner only)

     Sets `last_heartbeat` to now. A worker silent for `worker_timeout_seconds` is cleaned up by the
    sweeper.

    Args:
        worker_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServiceUnavailableProblem | ValidationProblem | WorkerResponse]
    """

    kwargs = _get_kwargs(
        worker_id=worker_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    worker_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | ServiceUnavailableProblem | ValidationProblem | WorkerResponse | None:
    """Heartbeat (owner only)

     Sets `last_heartbeat` to now. A worker silent for `worker_timeout_seconds` is cleaned up by the
    sweeper.

    Args:
        worker_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServiceUnavailableProblem | ValidationProblem | WorkerResponse
    """

    return sync_detailed(
        worker_id=worker_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    worker_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | ServiceUnavailableProblem | ValidationProblem | WorkerResponse]:
    """Heartbeat (owner only)

     Sets `last_heartbeat` to now. A worker silent for `worker_timeout_seconds` is cleaned up by the
    sweeper.

    Args:
        worker_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServiceUnavailableProblem | ValidationProblem | WorkerResponse]
    """

    kwargs = _get_kwargs(
        worker_id=worker_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    worker_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | ServiceUnavailableProblem | ValidationProblem | WorkerResponse | None:
    """Heartbeat (owner only)

     Sets `last_heartbeat` to now. A worker silent for `worker_timeout_seconds` is cleaned up by the
    sweeper.

    Args:
        worker_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServiceUnavailableProblem | ValidationProblem | WorkerResponse
    """

    return (
        await asyncio_detailed(
            worker_id=worker_id,
            client=client,
        )
    ).parsed
