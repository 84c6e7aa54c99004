# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.job_register_request import JobRegisterRequest
from ...models.job_response import JobResponse
from ...models.problem import Problem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.validation_problem import ValidationProblem
from ...types import Response


def _get_kwargs(
    room_id: str,
    *,
    body: JobRegisterRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/joblib/rooms/{room_id}/jobs".format(
            room_id=quote(str(room_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> JobResponse | Problem | ServiceUnavailableProblem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = JobResponse.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = JobResponse.from_dict(response.json())

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
) -> Response[JobResponse | Problem | ServiceUnavailableProblem | ValidationProblem]:
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
    body: JobRegisterRequest,
) -> Response[JobResponse | Problem | ServiceUnavailableProblem | ValidationProblem]:
    """Register a job (idempotent upsert)

     - missing → created, 201;
    - soft-deleted → re-activated with the given schema, 201;
    - active with an equal schema → 200, nothing changes;
    - active with a different schema → 409 `schema-conflict`.

    Without `worker_id` a new worker is created for the user and returned in `worker_id`;
    with it, the worker must exist and belong to the user (else 404 `worker-not-found`). The
    worker is linked to the job. `@global` and `@internal` need a superuser. A job of a
    regular room belongs to the user who first registered it: another user's registration
    (even with an equal schema) is 403 `forbidden` unless that user is a superuser; a
    soft-deleted job is re-activated by, and then belongs to, whoever registers it. The
    schema must be Draft 2020-12 with every reference resolvable inside it (see "Faults and
    limits"); anything else is 422.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        body (JobRegisterRequest): Give the parameter schema as `schema`, or as `schema_` (the key
            the ZnDraw Python client
            sends); not both. Neither means `{}` (no parameters checked).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobResponse | Problem | ServiceUnavailableProblem | ValidationProblem]
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
    body: JobRegisterRequest,
) -> JobResponse | Problem | ServiceUnavailableProblem | ValidationProblem | None:
    """Register a job (idempotent upsert)

     - missing → created, 201;
    - soft-deleted → re-activated with the given schema, 201;
    - active with an equal schema → 200, nothing changes;
    - active with a different schema → 409 `schema-conflict`.

    Without `worker_id` a new worker is created for the user and returned in `worker_id`;
    with it, the worker must exist and belong to the user (else 404 `worker-not-found`). The
    worker is linked to the job. `@global` and `@internal` need a superuser. A job of a
    regular room belongs to the user who first registered it: another user's registration
    (even with an equal schema) is 403 `forbidden` unless that user is a superuser; a
    soft-deleted job is re-activated by, and then belongs to, whoever registers it. The
    schema must be Draft 2020-12 with every reference resolvable inside it (see "Faults and
    limits"); anything else is 422.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        body (JobRegisterRequest): Give the parameter schema as `schema`, or as `schema_` (the key
            the ZnDraw Python client
            sends); not both. Neither means `{}` (no parameters checked).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobResponse | Problem | ServiceUnavailableProblem | ValidationProblem
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
    body: JobRegisterRequest,
) -> Response[JobResponse | Problem | ServiceUnavailableProblem | ValidationProblem]:
    """Register a job (idempotent upsert)

     - missing → created, 201;
    - soft-deleted → re-activated with the given schema, 201;
    - active with an equal schema → 200, nothing changes;
    - active with a different schema → 409 `schema-conflict`.

    Without `worker_id` a new worker is created for the user and returned in `worker_id`;
    with it, the worker must exist and belong to the user (else 404 `worker-not-found`). The
    worker is linked to the job. `@global` and `@internal` need a superuser. A job of a
    regular room belongs to the user who first registered it: another user's registration
    (even with an equal schema) is 403 `forbidden` unless that user is a superuser; a
    soft-deleted job is re-activated by, and then belongs to, whoever registers it. The
    schema must be Draft 2020-12 with every reference resolvable inside it (see "Faults and
    limits"); anything else is 422.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        body (JobRegisterRequest): Give the parameter schema as `schema`, or as `schema_` (the key
            the ZnDraw Python client
            sends); not both. Neither means `{}` (no parameters checked).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobResponse | Problem | ServiceUnavailableProblem | ValidationProblem]
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
    body: JobRegisterRequest,
) -> JobResponse | Problem | ServiceUnavailableProblem | ValidationProblem | None:
    """Register a job (idempotent upsert)

     - missing → created, 201;
    - soft-deleted → re-activated with the given schema, 201;
    - active with an equal schema → 200, nothing changes;
    - active with a different schema → 409 `schema-conflict`.

    Without `worker_id` a new worker is created for the user and returned in `worker_id`;
    with it, the worker must exist and belong to the user (else 404 `worker-not-found`). The
    worker is linked to the job. `@global` and `@internal` need a superuser. A job of a
    regular room belongs to the user who first registered it: another user's registration
    (even with an equal schema) is 403 `forbidden` unless that user is a superuser; a
    soft-deleted job is re-activated by, and then belongs to, whoever registers it. The
    schema must be Draft 2020-12 with every reference resolvable inside it (see "Faults and
    limits"); anything else is 422.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        body (JobRegisterRequest): Give the parameter schema as `schema`, or as `schema_` (the key
            the ZnDraw Python client
            sends); not both. Neither means `{}` (no parameters checked).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobResponse | Problem | ServiceUnavailableProblem | ValidationProblem
    """

    return (
        await asyncio_detailed(
            room_id=room_id,
            client=client,
            body=body,
        )
    ).parsed
