# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.user_create import UserCreate
from ...models.user_read import UserRead
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    *,
    body: UserCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/auth/register",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ServiceUnavailableProblem | UserRead | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = UserRead.from_dict(response.json())

        return response_201

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Problem | ServiceUnavailableProblem | UserRead | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UserCreate,
) -> Response[Problem | ServiceUnavailableProblem | UserRead | ValidationProblem]:
    """Create a user account

     Creates a regular (non-superuser) account when the server allows self-registration
    (`allow_registration`); otherwise 403 `registration-closed`. Superusers are made with the CLI
    (`zndraw-joblib users create EMAIL --superuser`) or from the admin settings.
    Addresses are checked beyond their syntax: special-use and reserved domains (such as
    `.test` or `.invalid`) are refused with 422.

    Args:
        body (UserCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServiceUnavailableProblem | UserRead | ValidationProblem]
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
    body: UserCreate,
) -> Problem | ServiceUnavailableProblem | UserRead | ValidationProblem | None:
    """Create a user account

     Creates a regular (non-superuser) account when the server allows self-registration
    (`allow_registration`); otherwise 403 `registration-closed`. Superusers are made with the CLI
    (`zndraw-joblib users create EMAIL --superuser`) or from the admin settings.
    Addresses are checked beyond their syntax: special-use and reserved domains (such as
    `.test` or `.invalid`) are refused with 422.

    Args:
        body (UserCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServiceUnavailableProblem | UserRead | ValidationProblem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UserCreate,
) -> Response[Problem | ServiceUnavailableProblem | UserRead | ValidationProblem]:
    """Create a user account

     Creates a regular (non-superuser) account when the server allows self-registration
    (`allow_registration`); otherwise 403 `registration-closed`. Superusers are made with the CLI
    (`zndraw-joblib users create EMAIL --superuser`) or from the admin settings.
    Addresses are checked beyond their syntax: special-use and reserved domains (such as
    `.test` or `.invalid`) are refused with 422.

    Args:
        body (UserCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServiceUnavailableProblem | UserRead | ValidationProblem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: UserCreate,
) -> Problem | ServiceUnavailableProblem | UserRead | ValidationProblem | None:
    """Create a user account

     Creates a regular (non-superuser) account when the server allows self-registration
    (`allow_registration`); otherwise 403 `registration-closed`. Superusers are made with the CLI
    (`zndraw-joblib users create EMAIL --superuser`) or from the admin settings.
    Addresses are checked beyond their syntax: special-use and reserved domains (such as
    `.test` or `.invalid`) are refused with 422.

    Args:
        body (UserCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServiceUnavailableProblem | UserRead | ValidationProblem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
