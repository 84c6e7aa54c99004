"""Problem answers become typed exceptions: by `type` first, then by status; the set is closed."""

from __future__ import annotations

import json
import re
import time
import uuid
from pathlib import Path
from typing import ClassVar

import pytest
from live_server import LiveServer
from typing_extensions import override

from zndraw_joblib_client import Category, Client, Extension, JobManager, errors
from zndraw_joblib_client._generated.api.jobs import get_job, register_job
from zndraw_joblib_client._generated.api.tasks import get_task, submit_task, update_task
from zndraw_joblib_client._generated.api.workers import heartbeat_worker
from zndraw_joblib_client._generated.models import (
    JobRegisterRequest,
    JobRegisterRequestSchema,
    JobResponse,
    ProblemType,
    TaskResponse,
    TaskStatus,
    TaskSubmitRequest,
    TaskSubmitRequestPayload,
    TaskUpdateRequest,
    WorkerResponse,
)

ROOT = Path(__file__).resolve().parents[3]


def _body(**problem: object) -> bytes:
    return json.dumps(problem).encode()


def test_every_problem_type_of_the_contract_has_exactly_one_exception_class() -> None:
    assert set(errors.BY_TYPE) == {member.value for member in ProblemType}
    assert len(set(errors.BY_TYPE.values())) == len(errors.BY_TYPE)


def test_the_exception_classes_and_docs_problems_md_list_the_same_slugs() -> None:
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", (ROOT / "docs" / "problems.md").read_text(), re.MULTILINE))
    assert {
        cls.problem_type.removeprefix(errors.PROBLEM_PREFIX) for cls in errors.BY_TYPE.values() if cls.problem_type
    } == documented


def test_a_problem_maps_by_type_and_keeps_what_the_server_said() -> None:
    exc = errors.from_response(
        404,
        _body(type="/v1/problems/job-not-found", title="Job not found", status=404, detail="No job x.", instance="/a"),
    )
    assert type(exc) is errors.JobNotFound
    assert isinstance(exc, errors.NotFound)
    assert (exc.type, exc.status, exc.title, exc.detail, exc.instance) == (
        "/v1/problems/job-not-found",
        404,
        "Job not found",
        "No job x.",
        "/a",
    )
    assert exc.slug == "job-not-found"
    assert "No job x." in str(exc)


def test_the_type_wins_over_the_status() -> None:
    exc = errors.from_response(400, _body(type="/v1/problems/schema-conflict", title="t", status=400))
    assert type(exc) is errors.SchemaConflict


def test_an_unknown_type_falls_back_to_the_status_class() -> None:
    exc = errors.from_response(409, _body(type="/v1/problems/from-the-future", title="New", status=409))
    assert type(exc) is errors.Conflict
    assert exc.type == "/v1/problems/from-the-future"


def test_an_unlisted_5xx_status_is_a_server_error_and_an_unlisted_4xx_the_base_error() -> None:
    assert type(errors.from_response(502, b"<html>Bad gateway</html>")) is errors.ServerError
    teapot = errors.from_response(418, b"")
    assert type(teapot) is errors.JobLibError
    assert teapot.status == 418


def test_a_non_json_body_becomes_the_detail() -> None:
    exc = errors.from_response(503, b"upstream down")
    assert type(exc) is errors.ServiceUnavailable
    assert exc.detail == "upstream down"


def test_a_validation_problem_keeps_its_errors() -> None:
    exc = errors.from_response(
        422,
        _body(
            type="/v1/problems/validation-error",
            title="Validation error",
            status=422,
            errors=[{"loc": ["body", "payload", "angle"], "msg": "'x' is not of type 'number'", "type": "json_schema"}],
        ),
    )
    assert type(exc) is errors.ValidationError
    assert exc.errors[0]["loc"] == ["body", "payload", "angle"]
    assert "body.payload.angle" in str(exc)


def test_a_refused_socketio_ack_maps_like_a_problem() -> None:
    exc = errors.from_ack_error({"type": "/v1/problems/forbidden", "detail": "Worker x belongs to another user."})
    assert type(exc) is errors.Forbidden
    assert exc.status == 403
    assert exc.detail == "Worker x belongs to another user."


# -- against the live server --


class Shift(Extension):
    category: ClassVar[Category] = Category.MODIFIER
    distance: float

    @override
    def run(self, ctx: object, **kwargs: object) -> None:
        return None


def _register(client: Client, room: str, schema: dict[str, object]) -> JobResponse:
    body = JobRegisterRequest(category="modifiers", name="Shift", schema=JobRegisterRequestSchema.from_dict(schema))
    return client.call(register_job.sync_detailed, JobResponse, room_id=room, body=body)


def test_the_live_server_problems_raise_their_classes(admin: Client, user: Client, room: str) -> None:
    with pytest.raises(errors.JobNotFound) as not_found:
        admin.call(get_job.sync_detailed, JobResponse, room_id=room, job_name=f"{room}:modifiers:Nope")
    assert not_found.value.status == 404

    with pytest.raises(errors.TaskNotFound):
        admin.call(get_task.sync_detailed, TaskResponse, task_id=uuid.uuid4())

    with pytest.raises(errors.InvalidRoomId):
        admin.call(get_job.sync_detailed, JobResponse, room_id="bad:room", job_name="a:b:c")

    with pytest.raises(errors.Forbidden):
        _register(user, "@global", {})

    job = _register(admin, room, Shift.model_json_schema())
    with pytest.raises(errors.SchemaConflict):
        _register(admin, room, {"type": "object"})

    with pytest.raises(errors.ValidationError) as invalid:
        admin.call(
            submit_task.sync_detailed,
            TaskResponse,
            room_id=room,
            job_name=job.full_name,
            body=TaskSubmitRequest(payload=TaskSubmitRequestPayload.from_dict({"distance": "far"})),
        )
    assert invalid.value.errors, "the 422 lists the schema errors"

    task = admin.call(
        submit_task.sync_detailed,
        TaskResponse,
        room_id=room,
        job_name=job.full_name,
        body=TaskSubmitRequest(payload=TaskSubmitRequestPayload.from_dict({"distance": 1.0})),
    )
    with pytest.raises(errors.InvalidTaskTransition):
        admin.call(
            update_task.sync_detailed, TaskResponse, task_id=task.id, body=TaskUpdateRequest(TaskStatus.COMPLETED)
        )

    with pytest.raises(errors.WorkerNotFound):
        admin.call(heartbeat_worker.sync_detailed, WorkerResponse, worker_id=uuid.uuid4())


def test_a_bad_token_is_unauthorized(server: LiveServer) -> None:
    with Client(server.url, "not-a-jwt") as client, pytest.raises(errors.Unauthorized) as caught:
        client.call(get_task.sync_detailed, TaskResponse, task_id=uuid.uuid4())
    assert caught.value.type == "/v1/problems/unauthorized"


def test_wrong_credentials_are_bad_credentials(server: LiveServer) -> None:
    with pytest.raises(errors.BadCredentials):
        Client.login(server.url, "admin@example.com", "wrong-password")


def test_a_manager_raises_a_schema_conflict_at_once_without_retrying(admin: Client, room: str) -> None:
    _register(admin, room, {"type": "object", "properties": {"other": {"type": "string"}}})
    manager = JobManager(admin, startup_timeout=60.0, realtime=False)
    try:
        started = time.monotonic()
        with pytest.raises(errors.SchemaConflict):
            manager.register(Shift, room=room)
        assert time.monotonic() - started < 10.0, "a 409 is final; retrying it would take startup_timeout"
        assert len(manager) == 0
    finally:
        manager.disconnect()
