# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/metrics",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Problem | str]:
    """Prometheus metrics

     The Prometheus text exposition format (version 0.0.4). Families (all prefixed
    `zndraw_joblib_`): tasks submitted / claimed / completed / failed / cancelled / retried
    per job (counters), task wait (submit → claim) and run (claim → end) time histograms,
    queue depth and oldest pending age per job and workers alive (read from the database at
    scrape time, within `metrics_scrape_timeout_seconds`; `queue_scrape_success` says
    whether that read succeeded), open Socket.IO connections, long-polls waiting, and request
    latency per operationId. With several uvicorn workers set `PROMETHEUS_MULTIPROC_DIR`:
    the counters of every worker process are summed.

    Access is a setting: with `metrics_token` unset (the default; bind the server to a
    private interface or port) anyone may read it; with `metrics_token` set the request
    needs `Authorization: Bearer <metrics_token>` (401 without a token, 403 with another).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> Problem | str | None:
    """Prometheus metrics

     The Prometheus text exposition format (version 0.0.4). Families (all prefixed
    `zndraw_joblib_`): tasks submitted / claimed / completed / failed / cancelled / retried
    per job (counters), task wait (submit → claim) and run (claim → end) time histograms,
    queue depth and oldest pending age per job and workers alive (read from the database at
    scrape time, within `metrics_scrape_timeout_seconds`; `queue_scrape_success` says
    whether that read succeeded), open Socket.IO connections, long-polls waiting, and request
    latency per operationId. With several uvicorn workers set `PROMETHEUS_MULTIPROC_DIR`:
    the counters of every worker process are summed.

    Access is a setting: with `metrics_token` unset (the default; bind the server to a
    private interface or port) anyone may read it; with `metrics_token` set the request
    needs `Authorization: Bearer <metrics_token>` (401 without a token, 403 with another).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Problem | str]:
    """Prometheus metrics

     The Prometheus text exposition format (version 0.0.4). Families (all prefixed
    `zndraw_joblib_`): tasks submitted / claimed / completed / failed / cancelled / retried
    per job (counters), task wait (submit → claim) and run (claim → end) time histograms,
    queue depth and oldest pending age per job and workers alive (read from the database at
    scrape time, within `metrics_scrape_timeout_seconds`; `queue_scrape_success` says
    whether that read succeeded), open Socket.IO connections, long-polls waiting, and request
    latency per operationId. With several uvicorn workers set `PROMETHEUS_MULTIPROC_DIR`:
    the counters of every worker process are summed.

    Access is a setting: with `metrics_token` unset (the default; bind the server to a
    private interface or port) anyone may read it; with `metrics_token` set the request
    needs `Authorization: Bearer <metrics_token>` (401 without a token, 403 with another).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> Problem | str | None:
    """Prometheus metrics

     The Prometheus text exposition format (version 0.0.4). Families (all prefixed
    `zndraw_joblib_`): tasks submitted / claimed / completed / failed / cancelled / retried
    per job (counters), task wait (submit → claim) and run (claim → end) time histograms,
    queue depth and oldest pending age per job and workers alive (read from the database at
    scrape time, within `metrics_scrape_timeout_seconds`; `queue_scrape_success` says
    whether that read succeeded), open Socket.IO connections, long-polls waiting, and request
    latency per operationId. With several uvicorn workers set `PROMETHEUS_MULTIPROC_DIR`:
    the counters of every worker process are summed.

    Access is a setting: with `metrics_token` unset (the default; bind the server to a
    private interface or port) anyone may read it; with `metrics_token` set the request
    needs `Authorization: Bearer <metrics_token>` (401 without a token, 403 with another).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
