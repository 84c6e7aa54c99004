# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.provider_error_problem import ProviderErrorProblem
from ...models.read_provider_query import ReadProviderQuery
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    room_id: str,
    provider_name: str,
    *,
    query: ReadProviderQuery | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(prefer, Unset):
        headers["Prefer"] = prefer

    params: dict[str, Any] = {}

    json_query: dict[str, Any] | Unset = UNSET
    if not isinstance(query, Unset):
        json_query = query.to_dict()
    if not isinstance(json_query, Unset):
        params.update(json_query)

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/joblib/rooms/{room_id}/providers/{provider_name}".format(
            room_id=quote(str(room_id), safe=""),
            provider_name=quote(str(provider_name), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Problem | ProviderErrorProblem | ServiceUnavailableProblem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = response.json()
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

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())

        return response_422

    if response.status_code == 502:
        response_502 = ProviderErrorProblem.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = ServiceUnavailableProblem.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = Problem.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Problem | ProviderErrorProblem | ServiceUnavailableProblem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    room_id: str,
    provider_name: str,
    *,
    client: AuthenticatedClient | Client,
    query: ReadProviderQuery | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> Response[Any | Problem | ProviderErrorProblem | ServiceUnavailableProblem | ValidationProblem]:
    """Read through a provider

     The query parameters are the read's parameters. They are hashed (`sha256` of the JSON
    object of the parameters, keys sorted, compact separators, last value wins for a repeated
    key). A cached result answers at once with the provider's content type. On a miss one
    `provider_request` event goes to the provider (concurrent identical reads coalesce) and
    the read waits up to `min(Prefer wait, provider_long_poll_max_seconds)` seconds (default
    `provider_long_poll_default_seconds`) for the upload; else 504 `provider-timeout`.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        provider_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        query (ReadProviderQuery | Unset):
        prefer (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ProviderErrorProblem | ServiceUnavailableProblem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
        provider_name=provider_name,
        query=query,
        prefer=prefer,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    room_id: str,
    provider_name: str,
    *,
    client: AuthenticatedClient | Client,
    query: ReadProviderQuery | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> Any | Problem | ProviderErrorProblem | ServiceUnavailableProblem | ValidationProblem | None:
    """Read through a provider

     The query parameters are the read's parameters. They are hashed (`sha256` of the JSON
    object of the parameters, keys sorted, compact separators, last value wins for a repeated
    key). A cached result answers at once with the provider's content type. On a miss one
    `provider_request` event goes to the provider (concurrent identical reads coalesce) and
    the read waits up to `min(Prefer wait, provider_long_poll_max_seconds)` seconds (default
    `provider_long_poll_default_seconds`) for the upload; else 504 `provider-timeout`.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        provider_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        query (ReadProviderQuery | Unset):
        prefer (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ProviderErrorProblem | ServiceUnavailableProblem | ValidationProblem
    """

    return sync_detailed(
        room_id=room_id,
        provider_name=provider_name,
        client=client,
        query=query,
        prefer=prefer,
    ).parsed


async def asyncio_detailed(
    room_id: str,
    provider_name: str,
    *,
    client: AuthenticatedClient | Client,
    query: ReadProviderQuery | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> Response[Any | Problem | ProviderErrorProblem | ServiceUnavailableProblem | ValidationProblem]:
    """Read through a provider

     The query parameters are the read's parameters. They are hashed (`sha256` of the JSON
    object of the parameters, keys sorted, compact separators, last value wins for a repeated
    key). A cached result answers at once with the provider's content type. On a miss one
    `provider_request` event goes to the provider (concurrent identical reads coalesce) and
    the read waits up to `min(Prefer wait, provider_long_poll_max_seconds)` seconds (default
    `provider_long_poll_default_seconds`) for the upload; else 504 `provider-timeout`.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        provider_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        query (ReadProviderQuery | Unset):
        prefer (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ProviderErrorProblem | ServiceUnavailableProblem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
        provider_name=provider_name,
        query=query,
        prefer=prefer,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    room_id: str,
    provider_name: str,
    *,
    client: AuthenticatedClient | Client,
    query: ReadProviderQuery | Unset = UNSET,
    prefer: str | Unset = UNSET,
) -> Any | Problem | ProviderErrorProblem | ServiceUnavailableProblem | ValidationProblem | None:
    """Read through a provider

     The query parameters are the read's parameters. They are hashed (`sha256` of the JSON
    object of the parameters, keys sorted, compact separators, last value wins for a repeated
    key). A cached result answers at once with the provider's content type. On a miss one
    `provider_request` event goes to the provider (concurrent identical reads coalesce) and
    the read waits up to `min(Prefer wait, provider_long_poll_max_seconds)` seconds (default
    `provider_long_poll_default_seconds`) for the upload; else 504 `provider-timeout`.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        provider_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        query (ReadProviderQuery | Unset):
        prefer (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ProviderErrorProblem | ServiceUnavailableProblem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            room_id=room_id,
            provider_name=provider_name,
            client=client,
            query=query,
            prefer=prefer,
        )
    ).parsed
