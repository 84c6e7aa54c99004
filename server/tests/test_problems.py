"""The problem vocabulary is closed: openapi.yaml, the exception classes and docs/problems.md agree."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from zndraw_joblib import problems

ROOT = Path(__file__).resolve().parents[2]


def test_the_spec_the_classes_and_the_docs_list_the_same_problem_types() -> None:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    in_spec = {t.removeprefix("/v1/problems/") for t in spec["components"]["schemas"]["ProblemType"]["enum"]}
    in_code = set(problems.all_problems())
    in_docs = set(re.findall(r"^\| `([a-z-]+)` \|", (ROOT / "docs" / "problems.md").read_text(), re.MULTILINE))
    assert in_spec == in_code == in_docs


def test_every_problem_has_an_http_error_status_and_a_title() -> None:
    for slug, cls in problems.all_problems().items():
        assert 400 <= cls.status <= 599, slug
        assert cls.title, slug
        assert cls.__doc__, slug


def test_a_problem_body_is_rfc_9457() -> None:
    body = problems.JobNotFound("No job 'x'.").body("/v1/joblib/rooms/r/jobs/x")
    assert body == {
        "type": "/v1/problems/job-not-found",
        "title": "Job not found",
        "status": 404,
        "detail": "No job 'x'.",
        "instance": "/v1/joblib/rooms/r/jobs/x",
    }
