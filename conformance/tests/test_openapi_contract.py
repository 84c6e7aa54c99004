"""The response checker of the behaviour checks' traffic agrees with the document (and can fail)."""

from __future__ import annotations

import json

from zndraw_joblib_conformance.documents import shipped
from zndraw_joblib_conformance.openapi_contract import OpenApiContract

CONTRACT = OpenApiContract(shipped().openapi)
JSON = {"content-type": "application/json"}
PROBLEM = {"content-type": "application/problem+json"}
SUBMIT = shipped().openapi["paths"]["/v1/joblib/rooms/{room_id}/tasks/{job_name}"]["post"]
TASK = SUBMIT["responses"]["202"]["content"]["application/json"]["example"]  # the document's own example


def test_requests_match_the_most_specific_operation() -> None:
    tasks = CONTRACT.match("GET", "/v1/joblib/rooms/r1/jobs/r1:modifiers:a%2Ftasks/tasks")
    job = CONTRACT.match("GET", "/v1/joblib/rooms/r1/jobs/r1:modifiers:a%2Ftasks")
    assert tasks is not None
    assert tasks.operation_id == "listJobTasks"
    assert job is not None
    assert job.operation_id == "getJob"
    assert CONTRACT.match("GET", "/v1/joblib/nowhere") is None


def test_a_documented_response_passes() -> None:
    op = CONTRACT.match("POST", "/v1/joblib/rooms/r/tasks/r:modifiers:x")
    assert op is not None
    assert CONTRACT.response_violations(op, 202, {**JSON, "retry-after": "1"}, json.dumps(TASK).encode()) == []


def test_wrong_statuses_types_bodies_and_headers_are_reported() -> None:
    op = CONTRACT.match("POST", "/v1/joblib/rooms/r/tasks/r:modifiers:x")
    assert op is not None
    assert "not documented" in CONTRACT.response_violations(op, 500, {}, b"")[0]
    problem = json.dumps({"type": "/v1/problems/job-not-found", "title": "x", "status": 404}).encode()
    assert "content type" in CONTRACT.response_violations(op, 404, JSON, problem)[0]
    naive = json.dumps({**TASK, "created_at": "2026-11-24T16:20:00"}).encode()
    assert any("created_at" in v for v in CONTRACT.response_violations(op, 202, JSON, naive))
    assert any("retry-after" in v for v in CONTRACT.response_violations(op, 202, {**JSON, "retry-after": "soon"}, b""))


def test_problem_types_know_their_statuses() -> None:
    statuses = CONTRACT.problem_status
    assert statuses["schema-conflict"] == {409}
    assert statuses["provider-timeout"] == {504}
    assert statuses["not-found"] == {404}
    assert statuses["method-not-allowed"] == {405}
    assert set(statuses) == set(CONTRACT.problem_types)
