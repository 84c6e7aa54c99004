# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.task_batch_request import TaskBatchRequest
from ...models.task_batch_response import TaskBatchResponse
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    room_id: str,
    job_name: str,
    *,
    body: TaskBatchRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/joblib/rooms/{room_id}/task-batches/{job_name}".format(
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
) -> Problem | TaskBatchResponse | ValidationProblem | None:
    if response.status_code == 202:
        response_202 = TaskBatchResponse.from_dict(response.json())

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
) -> Response[Problem | TaskBatchResponse | ValidationProblem]:
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
    body: TaskBatchRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | TaskBatchResponse | ValidationProblem]:
    """Submit many tasks of one job at once

     Up to 1,000 tasks of one job in one transaction, as `submitTask` would submit each (same
    visibility, validation, `no-workers-available` and internal-job rules), in the order
    given. All or nothing: when any payload is invalid, nothing is submitted and the 422
    problem's `errors` point at each failing task (`["body", "tasks", <index>, "payload",
    …]`, at most 20 errors). Announced once for the whole batch: one `tasks_submitted` to the
    room (instead of a `task_status_event` per task) and one `task_available` to the job's
    workers. With an `Idempotency-Key`, a repeated request answers the first request's tasks,
    as for `submitTask`.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        idempotency_key (str | Unset):
        body (TaskBatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TaskBatchResponse | ValidationProblem]
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
    body: TaskBatchRequest,
    idempotency_key: str | Unset = UNSET,
) -> Problem | TaskBatchResponse | ValidationProblem | None:
    """Submit many tasks of one job at once

     Up to 1,000 tasks of one job in one transaction, as `submitTask` would submit each (same
    visibility, validation, `no-workers-available` and internal-job rules), in the order
    given. All or nothing: when any payload is invalid, nothing is submitted and the 422
    problem's `errors` point at each failing task (`["body", "tasks", <index>, "payload",
    …]`, at most 20 errors). Announced once for the whole batch: one `tasks_submitted` to the
    room (instead of a `task_status_event` per task) and one `task_available` to the job's
    workers. With an `Idempotency-Key`, a repeated request answers the first request's tasks,
    as for `submitTask`.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        idempotency_key (str | Unset):
        body (TaskBatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TaskBatchResponse | ValidationProblem
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
    body: TaskBatchRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | TaskBatchResponse | ValidationProblem]:
    """Submit many tasks of one job at once

     Up to 1,000 tasks of one job in one transaction, as `submitTask` would submit each (same
    visibility, validation, `no-workers-available` and internal-job rules), in the order
    given. All or nothing: when any payload is invalid, nothing is submitted and the 422
    problem's `errors` point at each failing task (`["body", "tasks", <index>, "payload",
    …]`, at most 20 errors). Announced once for the whole batch: one `tasks_submitted` to the
    room (instead of a `task_status_event` per task) and one `task_available` to the job's
    workers. With an `Idempotency-Key`, a repeated request answers the first request's tasks,
    as for `submitTask`.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        idempotency_key (str | Unset):
        body (TaskBatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TaskBatchResponse | ValidationProblem]
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
    body: TaskBatchRequest,
    idempotency_key: str | Unset = UNSET,
) -> Problem | TaskBatchResponse | ValidationProblem | None:
    """Submit many tasks of one job at once

     Up to 1,000 tasks of one job in one transaction, as `submitTask` would submit each (same
    visibility, validation, `no-workers-available` and internal-job rules), in the order
    given. All or nothing: when any payload is invalid, nothing is submitted and the 422
    problem's `errors` point at each failing task (`["body", "tasks", <index>, "payload",
    …]`, at most 20 errors). Announced once for the whole batch: one `tasks_submitted` to the
    room (instead of a `task_status_event` per task) and one `task_available` to the job's
    workers. With an `Idempotency-Key`, a repeated request answers the first request's tasks,
    as for `submitTask`.

    Args:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~
            -`, not
            starting with `.` (no `@`, no `:`).
        job_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        idempotency_key (str | Unset):
        body (TaskBatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TaskBatchResponse | ValidationProblem
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
