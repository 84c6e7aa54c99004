# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.job_response import JobResponse
from ...models.problem import Problem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...types import Response


def _get_kwargs(
    room_id: str,
    job_name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/joblib/rooms/{room_id}/jobs/{job_name}".format(
            room_id=quote(str(room_id), safe=""),
            job_name=quote(str(job_name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> JobResponse | Problem | ServiceUnavailableProblem | None:
    if response.status_code == 200:
        response_200 = JobResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 503:
        response_503 = ServiceUnavailableProblem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[JobResponse | Problem | ServiceUnavailableProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    room_id: str,
    job_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[JobResponse | Problem | ServiceUnavailableProblem]:
    """Job details

     The job must be visible from the room (see `listJobs`); `worker_id` is always null here.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobResponse | Problem | ServiceUnavailableProblem]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
        job_name=job_name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    room_id: str,
    job_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> JobResponse | Problem | ServiceUnavailableProblem | None:
    """Job details

     The job must be visible from the room (see `listJobs`); `worker_id` is always null here.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobResponse | Problem | ServiceUnavailableProblem
    """

    return sync_detailed(
        room_id=room_id,
        job_name=job_name,
        client=client,
    ).parsed


async def asyncio_detailed(
    room_id: str,
    job_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[JobResponse | Problem | ServiceUnavailableProblem]:
    """Job details

     The job must be visible from the room (see `listJobs`); `worker_id` is always null here.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobResponse | Problem | ServiceUnavailableProblem]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
        job_name=job_name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    room_id: str,
    job_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> JobResponse | Problem | ServiceUnavailableProblem | None:
    """Job details

     The job must be visible from the room (see `listJobs`); `worker_id` is always null here.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobResponse | Problem | ServiceUnavailableProblem
    """

    return (
        await asyncio_detailed(
            room_id=room_id,
            job_name=job_name,
            client=client,
        )
    ).parsed
