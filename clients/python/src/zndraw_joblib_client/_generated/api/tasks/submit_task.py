# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.task_response import TaskResponse
from ...models.task_submit_request import TaskSubmitRequest
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    room_id: str,
    job_name: str,
    *,
    body: TaskSubmitRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/joblib/rooms/{room_id}/tasks/{job_name}".format(
            room_id=quote(str(room_id), safe=""),
            job_name=quote(str(job_name), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TaskResponse | ValidationProblem | None:
    if response.status_code == 202:
        response_202 = TaskResponse.from_dict(response.json())

        return response_202

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
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | TaskResponse | ValidationProblem]:
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
    body: TaskSubmitRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | TaskResponse | ValidationProblem]:
    """Submit a task

     The job must be visible from the room (global, internal, or the room's own); a private
    job of another room is not found. The payload is validated against the job's JSON Schema
    (Draft 2020-12); an invalid payload answers 422 with the schema errors. Internal jobs
    (`@internal:…`) are dispatched to the server's executor at once: the answer is already
    `claimed`, or `failed` with "Failed to dispatch to internal executor" when the enqueue
    failed (503 `internal-job-not-configured` when this server has no executor for the job).

    A job that no worker serves answers 409 `no-workers-available` (frontends disable "Run"
    on it), unless the server accepts work ahead of its workers (`require_workers = false`).

    **Idempotent submit**: with an `Idempotency-Key` header, a repeated request with the same
    key from the same user within `idempotency_retention_seconds` (default 24 h) answers the
    task of the first request (again 202, same `Location`) instead of submitting another;
    the same key with another room, job or body is 422 `idempotency-key-reused` (the
    semantics of the IETF httpapi "Idempotency-Key" draft). Concurrent requests with one
    key submit one task.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        idempotency_key (str | Unset):
        body (TaskSubmitRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TaskResponse | ValidationProblem]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
        job_name=job_name,
        body=body,
        idempotency_key=idempotency_key,
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
    body: TaskSubmitRequest,
    idempotency_key: str | Unset = UNSET,
) -> Problem | TaskResponse | ValidationProblem | None:
    """Submit a task

     The job must be visible from the room (global, internal, or the room's own); a private
    job of another room is not found. The payload is validated against the job's JSON Schema
    (Draft 2020-12); an invalid payload answers 422 with the schema errors. Internal jobs
    (`@internal:…`) are dispatched to the server's executor at once: the answer is already
    `claimed`, or `failed` with "Failed to dispatch to internal executor" when the enqueue
    failed (503 `internal-job-not-configured` when this server has no executor for the job).

    A job that no worker serves answers 409 `no-workers-available` (frontends disable "Run"
    on it), unless the server accepts work ahead of its workers (`require_workers = false`).

    **Idempotent submit**: with an `Idempotency-Key` header, a repeated request with the same
    key from the same user within `idempotency_retention_seconds` (default 24 h) answers the
    task of the first request (again 202, same `Location`) instead of submitting another;
    the same key with another room, job or body is 422 `idempotency-key-reused` (the
    semantics of the IETF httpapi "Idempotency-Key" draft). Concurrent requests with one
    key submit one task.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        idempotency_key (str | Unset):
        body (TaskSubmitRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TaskResponse | ValidationProblem
    """

    return sync_detailed(
        room_id=room_id,
        job_name=job_name,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    room_id: str,
    job_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: TaskSubmitRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | TaskResponse | ValidationProblem]:
    """Submit a task

     The job must be visible from the room (global, internal, or the room's own); a private
    job of another room is not found. The payload is validated against the job's JSON Schema
    (Draft 2020-12); an invalid payload answers 422 with the schema errors. Internal jobs
    (`@internal:…`) are dispatched to the server's executor at once: the answer is already
    `claimed`, or `failed` with "Failed to dispatch to internal executor" when the enqueue
    failed (503 `internal-job-not-configured` when this server has no executor for the job).

    A job that no worker serves answers 409 `no-workers-available` (frontends disable "Run"
    on it), unless the server accepts work ahead of its workers (`require_workers = false`).

    **Idempotent submit**: with an `Idempotency-Key` header, a repeated request with the same
    key from the same user within `idempotency_retention_seconds` (default 24 h) answers the
    task of the first request (again 202, same `Location`) instead of submitting another;
    the same key with another room, job or body is 422 `idempotency-key-reused` (the
    semantics of the IETF httpapi "Idempotency-Key" draft). Concurrent requests with one
    key submit one task.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        idempotency_key (str | Unset):
        body (TaskSubmitRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TaskResponse | ValidationProblem]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
        job_name=job_name,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    room_id: str,
    job_name: str,
    *,
    client: AuthenticatedClient | Client,
    body: TaskSubmitRequest,
    idempotency_key: str | Unset = UNSET,
) -> Problem | TaskResponse | ValidationProblem | None:
    """Submit a task

     The job must be visible from the room (global, internal, or the room's own); a private
    job of another room is not found. The payload is validated against the job's JSON Schema
    (Draft 2020-12); an invalid payload answers 422 with the schema errors. Internal jobs
    (`@internal:…`) are dispatched to the server's executor at once: the answer is already
    `claimed`, or `failed` with "Failed to dispatch to internal executor" when the enqueue
    failed (503 `internal-job-not-configured` when this server has no executor for the job).

    A job that no worker serves answers 409 `no-workers-available` (frontends disable "Run"
    on it), unless the server accepts work ahead of its workers (`require_workers = false`).

    **Idempotent submit**: with an `Idempotency-Key` header, a repeated request with the same
    key from the same user within `idempotency_retention_seconds` (default 24 h) answers the
    task of the first request (again 202, same `Location`) instead of submitting another;
    the same key with another room, job or body is 422 `idempotency-key-reused` (the
    semantics of the IETF httpapi "Idempotency-Key" draft). Concurrent requests with one
    key submit one task.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        idempotency_key (str | Unset):
        body (TaskSubmitRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TaskResponse | ValidationProblem
    """

    return (
        await asyncio_detailed(
            room_id=room_id,
            job_name=job_name,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
