"""Schemathesis (v4) against openapi.yaml: every operation, positive and negative data, stateful.

All of schemathesis' checks run (`call_and_validate` default). Reproduce a failure with the
`curl` line it prints, or with `--base-url`/`--token` against a running server.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import schemathesis
from conformance_target import ROOT, current_target
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

TARGET = current_target()


def _config() -> SchemathesisConfig:
    document = tomllib.loads((Path(__file__).parent / "schemathesis.toml").read_text())
    document["base-url"] = TARGET.base_url
    document["auth"] = {"openapi": {"bearerAuth": {"bearer": TARGET.token}}}
    if TARGET.remote:
        document["headers"] = {"Connection": "close"}  # alternate replicas behind a round-robin proxy
    return SchemathesisConfig.from_dict(document)


schema = schemathesis.openapi.from_path(ROOT / "openapi.yaml", config=_config())

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


@schema.parametrize()
@SETTINGS
def test_every_operation_conforms(case: schemathesis.Case) -> None:
    case.call_and_validate()


class Workflow(schema.as_state_machine()):  # type: ignore[misc]
    """Chains operations through the document's links (register → submit → claim → update …)."""


TestStatefulWorkflow = Workflow.TestCase
TestStatefulWorkflow.settings = settings(
    max_examples=25, stateful_step_count=8, deadline=None, suppress_health_check=list(HealthCheck)
)
