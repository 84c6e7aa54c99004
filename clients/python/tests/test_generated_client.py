"""The generated REST client reads the document's examples and problem answers as typed models."""

from __future__ import annotations

from pathlib import Path

import yaml

from zndraw_joblib_client._generated.models import Problem, ProblemType, TaskResponse, TaskStatus

ROOT = Path(__file__).resolve().parents[3]


def test_the_documented_task_example_parses_into_a_typed_task() -> None:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    example = spec["paths"]["/v1/joblib/rooms/{room_id}/tasks/{job_name}"]["post"]["responses"]["202"]["content"][
        "application/json"
    ]["example"]
    task = TaskResponse.from_dict(example)
    assert task.status is TaskStatus.PENDING
    assert task.queue_position == 1
    assert task.to_dict()["payload"] == example["payload"]


def test_problems_keep_their_type() -> None:
    problem = Problem.from_dict({"type": "/v1/problems/job-not-found", "title": "Job not found", "status": 404})
    assert problem.type_ is ProblemType.JOB_NOT_FOUND
