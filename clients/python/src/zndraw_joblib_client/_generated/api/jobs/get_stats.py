# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.queue_stats import QueueStats
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/joblib/stats",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | QueueStats | ServiceUnavailableProblem | None:
    if response.status_code == 200:
        response_200 = QueueStats.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 503:
        response_503 = ServiceUnavailableProblem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | QueueStats | ServiceUnavailableProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | QueueStats | ServiceUnavailableProblem]:
    """Queue health of every room (superusers)

     Per job: task counts by status, the oldest pending task's submission time and the
    workers serving it; workers alive; tasks that ended per minute over the last hour.
    Superusers only (403 otherwise); a room's own view is `GET …/rooms/{room_id}/stats`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | QueueStats | ServiceUnavailableProblem]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Problem | QueueStats | ServiceUnavailableProblem | None:
    """Queue health of every room (superusers)

     Per job: task counts by status, the oldest pending task's submission time and the
    workers serving it; workers alive; tasks that ended per minute over the last hour.
    Superusers only (403 otherwise); a room's own view is `GET …/rooms/{room_id}/stats`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | QueueStats | ServiceUnavailableProblem
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | QueueStats | ServiceUnavailableProblem]:
    """Queue health of every room (superusers)

     Per job: task counts by status, the oldest pending task's submission time and the
    workers serving it; workers alive; tasks that ended per minute over the last hour.
    Superusers only (403 otherwise); a room's own view is `GET …/rooms/{room_id}/stats`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | QueueStats | ServiceUnavailableProblem]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Problem | QueueStats | ServiceUnavailableProblem | None:
    """Queue health of every room (superusers)

     Per job: task counts by status, the oldest pending task's submission time and the
    workers serving it; workers alive; tasks that ended per minute over the last hour.
    Superusers only (403 otherwise); a room's own view is `GET …/rooms/{room_id}/stats`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | QueueStats | ServiceUnavailableProblem
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
