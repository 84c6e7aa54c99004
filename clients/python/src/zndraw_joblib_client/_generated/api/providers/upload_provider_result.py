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
from ...models.upload_provider_result_x_result_status import (
    UploadProviderResultXResultStatus,
)
from ...models.validation_problem import ValidationProblem
from ...types import File, Response, Unset


def _get_kwargs(
    provider_id: UUID,
    *,
    body: File,
    x_request_hash: str,
    x_result_status: UploadProviderResultXResultStatus
    | Unset = UploadProviderResultXResultStatus.OK,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Request-Hash"] = x_request_hash

    if not isinstance(x_result_status, Unset):
        headers["X-Result-Status"] = str(x_result_status)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/joblib/providers/{provider_id}/results".format(
            provider_id=quote(str(provider_id), safe=""),
        ),
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/octet-stream"

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
    provider_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    x_request_hash: str,
    x_result_status: UploadProviderResultXResultStatus
    | Unset = UploadProviderResultXResultStatus.OK,
) -> Response[Any | Problem | ServiceUnavailableProblem | ValidationProblem]:
    """Upload a read's result (provider owner or superuser)

     Stores the raw body under `X-Request-Hash` for `provider_result_ttl_seconds`, releases the
    in-flight lock, wakes the waiting reads on every replica and emits
    `provider_result_ready`. The body is the result the readers get with the provider's
    `content_type`: an empty body, or one that is not JSON when that type is JSON
    (`application/json`, `*+json`), is 422 and stores nothing.

    A provider that cannot answer a read uploads `X-Result-Status: error` with an RFC 9457
    problem as the body (JSON, `ProviderProblem`; `title` and `detail` are shown to the
    readers; another body is 422): the reads waiting for it, and those that come within
    `provider_error_ttl_seconds` (default 10), answer 502 `provider-error` with the provider's
    problem in `provider_problem`, instead of waiting for a 504.

    Args:
        provider_id (UUID):
        x_request_hash (str):
        x_result_status (UploadProviderResultXResultStatus | Unset):  Default:
            UploadProviderResultXResultStatus.OK.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ServiceUnavailableProblem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        provider_id=provider_id,
        body=body,
        x_request_hash=x_request_hash,
        x_result_status=x_result_status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    provider_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    x_request_hash: str,
    x_result_status: UploadProviderResultXResultStatus
    | Unset = UploadProviderResultXResultStatus.OK,
) -> Any | Problem | ServiceUnavailableProblem | ValidationProblem | None:
    """Upload a read's result (provider owner or superuser)

     Stores the raw body under `X-Request-Hash` for `provider_result_ttl_seconds`, releases the
    in-flight lock, wakes the waiting reads on every replica and emits
    `provider_result_ready`. The body is the result the readers get with the provider's
    `content_type`: an empty body, or one that is not JSON when that type is JSON
    (`application/json`, `*+json`), is 422 and stores nothing.

    A provider that cannot answer a read uploads `X-Result-Status: error` with an RFC 9457
    problem as the body (JSON, `ProviderProblem`; `title` and `detail` are shown to the
    readers; another body is 422): the reads waiting for it, and those that come within
    `provider_error_ttl_seconds` (default 10), answer 502 `provider-error` with the provider's
    problem in `provider_problem`, instead of waiting for a 504.

    Args:
        provider_id (UUID):
        x_request_hash (str):
        x_result_status (UploadProviderResultXResultStatus | Unset):  Default:
            UploadProviderResultXResultStatus.OK.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ServiceUnavailableProblem | ValidationProblem
    """

    return sync_detailed(
        provider_id=provider_id,
        client=client,
        body=body,
        x_request_hash=x_request_hash,
        x_result_status=x_result_status,
    ).parsed


async def asyncio_detailed(
    provider_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    x_request_hash: str,
    x_result_status: UploadProviderResultXResultStatus
    | Unset = UploadProviderResultXResultStatus.OK,
) -> Response[Any | Problem | ServiceUnavailableProblem | ValidationProblem]:
    """Upload a read's result (provider owner or superuser)

     Stores the raw body under `X-Request-Hash` for `provider_result_ttl_seconds`, releases the
    in-flight lock, wakes the waiting reads on every replica and emits
    `provider_result_ready`. The body is the result the readers get with the provider's
    `content_type`: an empty body, or one that is not JSON when that type is JSON
    (`application/json`, `*+json`), is 422 and stores nothing.

    A provider that cannot answer a read uploads `X-Result-Status: error` with an RFC 9457
    problem as the body (JSON, `ProviderProblem`; `title` and `detail` are shown to the
    readers; another body is 422): the reads waiting for it, and those that come within
    `provider_error_ttl_seconds` (default 10), answer 502 `provider-error` with the provider's
    problem in `provider_problem`, instead of waiting for a 504.

    Args:
        provider_id (UUID):
        x_request_hash (str):
        x_result_status (UploadProviderResultXResultStatus | Unset):  Default:
            UploadProviderResultXResultStatus.OK.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ServiceUnavailableProblem | ValidationProblem]
    """

    kwargs = _get_kwargs(
        provider_id=provider_id,
        body=body,
        x_request_hash=x_request_hash,
        x_result_status=x_result_status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    provider_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: File,
    x_request_hash: str,
    x_result_status: UploadProviderResultXResultStatus
    | Unset = UploadProviderResultXResultStatus.OK,
) -> Any | Problem | ServiceUnavailableProblem | ValidationProblem | None:
    """Upload a read's result (provider owner or superuser)

     Stores the raw body under `X-Request-Hash` for `provider_result_ttl_seconds`, releases the
    in-flight lock, wakes the waiting reads on every replica and emits
    `provider_result_ready`. The body is the result the readers get with the provider's
    `content_type`: an empty body, or one that is not JSON when that type is JSON
    (`application/json`, `*+json`), is 422 and stores nothing.

    A provider that cannot answer a read uploads `X-Result-Status: error` with an RFC 9457
    problem as the body (JSON, `ProviderProblem`; `title` and `detail` are shown to the
    readers; another body is 422): the reads waiting for it, and those that come within
    `provider_error_ttl_seconds` (default 10), answer 502 `provider-error` with the provider's
    problem in `provider_problem`, instead of waiting for a 504.

    Args:
        provider_id (UUID):
        x_request_hash (str):
        x_result_status (UploadProviderResultXResultStatus | Unset):  Default:
            UploadProviderResultXResultStatus.OK.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ServiceUnavailableProblem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            provider_id=provider_id,
            client=client,
            body=body,
            x_request_hash=x_request_hash,
            x_result_status=x_result_status,
        )
    ).parsed
