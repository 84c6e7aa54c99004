# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.task_page import TaskPage
from ...models.task_status import TaskStatus
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    room_id: str | Unset = UNSET,
    job_name: str | Unset = UNSET,
    status: TaskStatus | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["room_id"] = room_id

    params["job_name"] = job_name

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/joblib/tasks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ServiceUnavailableProblem | TaskPage | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = TaskPage.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Problem | ServiceUnavailableProblem | TaskPage | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    room_id: str | Unset = UNSET,
    job_name: str | Unset = UNSET,
    status: TaskStatus | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Response[Problem | ServiceUnavailableProblem | TaskPage | ValidationProblem]:
    """Tasks of every room (superusers)

     Every task, newest first, optionally of one room, one job (full name) and one status:
    the operator's view across rooms. Superusers only (403 otherwise).

    Args:
        room_id (str | Unset): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z
            0-9 . _ ~ -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str | Unset): `<room_id>:<category>:<name>`, split on the first two `:`.
        status (TaskStatus | Unset): `pending → claimed → running → completed | failed`;
            `cancelled` from pending, claimed or
            running; `claimed → failed`. completed, failed and cancelled are terminal.
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServiceUnavailableProblem | TaskPage | ValidationProblem]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
        job_name=job_name,
        status=status,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    room_id: str | Unset = UNSET,
    job_name: str | Unset = UNSET,
    status: TaskStatus | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Problem | ServiceUnavailableProblem | TaskPage | ValidationProblem | None:
    """Tasks of every room (superusers)

     Every task, newest first, optionally of one room, one job (full name) and one status:
    the operator's view across rooms. Superusers only (403 otherwise).

    Args:
        room_id (str | Unset): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z
            0-9 . _ ~ -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str | Unset): `<room_id>:<category>:<name>`, split on the first two `:`.
        status (TaskStatus | Unset): `pending → claimed → running → completed | failed`;
            `cancelled` from pending, claimed or
            running; `claimed → failed`. completed, failed and cancelled are terminal.
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServiceUnavailableProblem | TaskPage | ValidationProblem
    """

    return sync_detailed(
        client=client,
        room_id=room_id,
        job_name=job_name,
        status=status,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    room_id: str | Unset = UNSET,
    job_name: str | Unset = UNSET,
    status: TaskStatus | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Response[Problem | ServiceUnavailableProblem | TaskPage | ValidationProblem]:
    """Tasks of every room (superusers)

     Every task, newest first, optionally of one room, one job (full name) and one status:
    the operator's view across rooms. Superusers only (403 otherwise).

    Args:
        room_id (str | Unset): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z
            0-9 . _ ~ -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str | Unset): `<room_id>:<category>:<name>`, split on the first two `:`.
        status (TaskStatus | Unset): `pending → claimed → running → completed | failed`;
            `cancelled` from pending, claimed or
            running; `claimed → failed`. completed, failed and cancelled are terminal.
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServiceUnavailableProblem | TaskPage | ValidationProblem]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
        job_name=job_name,
        status=status,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    room_id: str | Unset = UNSET,
    job_name: str | Unset = UNSET,
    status: TaskStatus | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Problem | ServiceUnavailableProblem | TaskPage | ValidationProblem | None:
    """Tasks of every room (superusers)

     Every task, newest first, optionally of one room, one job (full name) and one status:
    the operator's view across rooms. Superusers only (403 otherwise).

    Args:
        room_id (str | Unset): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z
            0-9 . _ ~ -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str | Unset): `<room_id>:<category>:<name>`, split on the first two `:`.
        status (TaskStatus | Unset): `pending → claimed → running → completed | failed`;
            `cancelled` from pending, claimed or
            running; `claimed → failed`. completed, failed and cancelled are terminal.
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServiceUnavailableProblem | TaskPage | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            room_id=room_id,
            job_name=job_name,
            status=status,
            limit=limit,
            offset=offset,
        )
    ).parsed
