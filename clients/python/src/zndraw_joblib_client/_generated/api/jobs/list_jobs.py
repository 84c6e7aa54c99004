# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.job_page import JobPage
from ...models.problem import Problem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    room_id: str,
    *,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/joblib/rooms/{room_id}/jobs".format(
            room_id=quote(str(room_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> JobPage | Problem | ServiceUnavailableProblem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = JobPage.from_dict(response.json())

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
) -> Response[JobPage | Problem | ServiceUnavailableProblem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    room_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Response[JobPage | Problem | ServiceUnavailableProblem | ValidationProblem]:
    """Jobs visible from a room

     `@global` → global jobs only; `@internal` → internal jobs only; any other room → global,
    internal and the room's own jobs. Soft-deleted jobs are never listed.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobPage | Problem | ServiceUnavailableProblem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    room_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> JobPage | Problem | ServiceUnavailableProblem | ValidationProblem | None:
    """Jobs visible from a room

     `@global` → global jobs only; `@internal` → internal jobs only; any other room → global,
    internal and the room's own jobs. Soft-deleted jobs are never listed.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobPage | Problem | ServiceUnavailableProblem | ValidationProblem
    """

    return sync_detailed(
        room_id=room_id,
        client=client,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    room_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Response[JobPage | Problem | ServiceUnavailableProblem | ValidationProblem]:
    """Jobs visible from a room

     `@global` → global jobs only; `@internal` → internal jobs only; any other room → global,
    internal and the room's own jobs. Soft-deleted jobs are never listed.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobPage | Problem | ServiceUnavailableProblem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    room_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> JobPage | Problem | ServiceUnavailableProblem | ValidationProblem | None:
    """Jobs visible from a room

     `@global` → global jobs only; `@internal` → internal jobs only; any other room → global,
    internal and the room's own jobs. Soft-deleted jobs are never listed.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobPage | Problem | ServiceUnavailableProblem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            room_id=room_id,
            client=client,
            limit=limit,
            offset=offset,
        )
    ).parsed
