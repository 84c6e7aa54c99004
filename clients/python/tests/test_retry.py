"""A request is sent again only when that cannot do anything twice (retry.request_retry_delay)."""

from __future__ import annotations

import json

import httpx
import pytest

from zndraw_joblib_client import Client, errors
from zndraw_joblib_client._generated.api.tasks import submit_task
from zndraw_joblib_client._generated.api.workers import list_workers
from zndraw_joblib_client._generated.models import TaskResponse, TaskSubmitRequest, WorkerPage
from zndraw_joblib_client.retry import request_retry_delay


def unavailable(*, safe: bool, method: str, retry_after: str = "1") -> errors.JobLibError:
    body = {"type": "/v1/problems/service-unavailable", "title": "x", "status": 503, "safe_to_retry": safe}
    problem = errors.from_response(503, json.dumps(body).encode(), {"retry-after": retry_after})
    problem.method = method
    return problem


def broken(*, sent: bool | None, method: str) -> errors.APIConnectionError:
    error = errors.APIConnectionError("boom")
    error.sent, error.method = sent, method
    return error


@pytest.mark.parametrize(
    ("exc", "delay"),
    [
        (broken(sent=False, method="POST"), 0.2),  # never left: safe whatever the method
        (broken(sent=None, method="GET"), 0.2),  # broke on the way, but GET is idempotent
        (broken(sent=None, method="POST"), None),  # a POST may have been served: not again
        (unavailable(safe=True, method="POST", retry_after="3"), 3.0),  # nothing took effect; wait Retry-After
        (unavailable(safe=False, method="POST"), None),  # a change may have been committed
        (unavailable(safe=False, method="PUT"), 1.0),  # ...but PUT is idempotent
        (errors.from_response(500, b"{}"), None),
        (errors.from_response(409, b'{"type": "/v1/problems/schema-conflict"}'), None),
    ],
)
def test_only_repeatable_failures_are_sent_again(exc: errors.JobLibError, delay: float | None) -> None:
    assert request_retry_delay(exc, 0.2) == delay


def scripted(answers: list[httpx.Response]) -> tuple[Client, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answers.pop(0)

    client = Client("http://test", "token", retry_timeout=5)
    client.api.get_httpx_client()._transport = httpx.MockTransport(handler)
    return client, seen


PROBLEM = {"content-type": "application/problem+json", "retry-after": "0"}
TASK = {
    "id": "01a22d5a-89e0-7447-8424-84b28484e108",
    "job_name": "r:modifiers:X",
    "room_id": "r",
    "status": "pending",
    "created_at": "2026-11-30T12:00:00Z",
    "started_at": None,
    "completed_at": None,
    "worker_id": None,
    "error": None,
    "payload": {},
    "queue_position": 1,
    "claimed_at": None,
    "priority": 0,
    "attempt": 1,
    "max_attempts": 1,
    "available_at": None,
    "progress": None,
    "result": None,
}


def test_a_submit_answered_503_safe_to_retry_is_sent_again_and_succeeds() -> None:
    body = {"type": "/v1/problems/service-unavailable", "title": "x", "status": 503, "safe_to_retry": True}
    client, seen = scripted([httpx.Response(503, json=body, headers=PROBLEM), httpx.Response(202, json=TASK)])
    task = client.call(
        submit_task.sync_detailed, TaskResponse, room_id="r", job_name="r:modifiers:X", body=TaskSubmitRequest()
    )
    assert task.status == "pending"
    assert len(seen) == 2


def test_a_submit_whose_outcome_is_unknown_is_not_sent_twice() -> None:
    body = {"type": "/v1/problems/service-unavailable", "title": "x", "status": 503, "safe_to_retry": False}
    client, seen = scripted([httpx.Response(503, json=body, headers=PROBLEM), httpx.Response(202, json=TASK)])
    with pytest.raises(errors.ServiceUnavailable) as raised:
        client.call(
            submit_task.sync_detailed, TaskResponse, room_id="r", job_name="r:modifiers:X", body=TaskSubmitRequest()
        )
    assert raised.value.safe_to_retry is False
    assert len(seen) == 1


def test_retries_end_with_the_retry_timeout() -> None:
    page = {"items": [], "total": 0, "limit": 50, "offset": 0}
    body = {"type": "/v1/problems/service-unavailable", "title": "x", "status": 503, "safe_to_retry": True}
    client, seen = scripted([httpx.Response(503, json=body, headers=PROBLEM)] * 3 + [httpx.Response(200, json=page)])
    assert client.call(list_workers.sync_detailed, WorkerPage).total == 0
    assert len(seen) == 4
    never = Client("http://test", "token", retry_timeout=0)
    never.api.get_httpx_client()._transport = httpx.MockTransport(
        lambda _request: httpx.Response(503, json=body, headers=PROBLEM)
    )
    with pytest.raises(errors.ServiceUnavailable):
        never.call(list_workers.sync_detailed, WorkerPage)
