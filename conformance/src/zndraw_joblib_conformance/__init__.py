"""Conformance suite for zndraw-joblib servers.

Checks a running server, from outside, against the two documents this package ships
(`openapi.yaml` for REST, `asyncapi.yaml` for Socket.IO): every requirement has a stable id, and
the run ends in a report of pass / fail / not applicable per requirement.

    zndraw-joblib-conformance --url http://127.0.0.1:8000 --token "$TOKEN" --report report.md

From Python: `run(Options(url=..., token=...))` returns a `RunResult`.
"""

from __future__ import annotations

from zndraw_joblib_conformance.options import Options, Suite
from zndraw_joblib_conformance.outcomes import Outcome, RequirementResult, RunResult
from zndraw_joblib_conformance.runner import catalogue, run

__all__ = ["Options", "Outcome", "RequirementResult", "RunResult", "Suite", "catalogue", "run"]
