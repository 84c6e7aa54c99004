# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.provider_register_request import ProviderRegisterRequest
from ...models.provider_response import ProviderResponse
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    room_id: str,
    *,
    body: ProviderRegisterRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/joblib/rooms/{room_id}/providers".format(
            room_id=quote(str(room_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ProviderResponse | ServiceUnavailableProblem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ProviderResponse.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = ProviderResponse.from_dict(response.json())

        return response_201

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
) -> Response[Problem | ProviderResponse | ServiceUnavailableProblem | ValidationProblem]:
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
    body: ProviderRegisterRequest,
) -> Response[Problem | ProviderResponse | ServiceUnavailableProblem | ValidationProblem]:
    """Register a provider (upsert)

     Creates the provider (201) or updates its schema, content type and worker (200).
    Another user's provider can only be overwritten by a superuser, who then owns it.
    `@global` needs a superuser; `@internal` takes no providers. Without `worker_id` a new
    worker is created for the user.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        body (ProviderRegisterRequest): Give the parameter schema as `schema` or `schema_`
            (synonym); not both.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProviderResponse | ServiceUnavailableProblem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    room_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ProviderRegisterRequest,
) -> Problem | ProviderResponse | ServiceUnavailableProblem | ValidationProblem | None:
    """Register a provider (upsert)

     Creates the provider (201) or updates its schema, content type and worker (200).
    Another user's provider can only be overwritten by a superuser, who then owns it.
    `@global` needs a superuser; `@internal` takes no providers. Without `worker_id` a new
    worker is created for the user.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        body (ProviderRegisterRequest): Give the parameter schema as `schema` or `schema_`
            (synonym); not both.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProviderResponse | ServiceUnavailableProblem | ValidationProblem
    """

    return sync_detailed(
        room_id=room_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    room_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ProviderRegisterRequest,
) -> Response[Problem | ProviderResponse | ServiceUnavailableProblem | ValidationProblem]:
    """Register a provider (upsert)

     Creates the provider (201) or updates its schema, content type and worker (200).
    Another user's provider can only be overwritten by a superuser, who then owns it.
    `@global` needs a superuser; `@internal` takes no providers. Without `worker_id` a new
    worker is created for the user.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        body (ProviderRegisterRequest): Give the parameter schema as `schema` or `schema_`
            (synonym); not both.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProviderResponse | ServiceUnavailableProblem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    room_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ProviderRegisterRequest,
) -> Problem | ProviderResponse | ServiceUnavailableProblem | ValidationProblem | None:
    """Register a provider (upsert)

     Creates the provider (201) or updates its schema, content type and worker (200).
    Another user's provider can only be overwritten by a superuser, who then owns it.
    `@global` needs a superuser; `@internal` takes no providers. Without `worker_id` a new
    worker is created for the user.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        body (ProviderRegisterRequest): Give the parameter schema as `schema` or `schema_`
            (synonym); not both.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProviderResponse | ServiceUnavailableProblem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            room_id=room_id,
            client=client,
            body=body,
        )
    ).parsed
