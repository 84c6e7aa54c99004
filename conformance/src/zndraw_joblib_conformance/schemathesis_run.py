"""The REST and stateful suites: schemathesis' engine against openapi.yaml, its verdicts as evidence.

The engine runs the phases the CLI runs (examples, coverage, fuzzing; stateful for the links),
with every built-in check on (its default; schemathesis.toml only widens what some operations may
answer). Each check result of each generated case is filed under a requirement id:

| schemathesis check | requirement |
|---|---|
| status_code_conformance | `REST-<op>-status-codes`, and the response's `REST-<op>-<status>` |
| content_type / response_headers / response_schema_conformance | `REST-<op>-<status>` |
| not_a_server_error | `REST-<op>-no-server-error` |
| negative_data_rejection, missing_required_header | `REST-<op>-rejects-invalid` |
| positive_data_acceptance | `REST-<op>-accepts-valid` |
| unsupported_method, allow_header_conformance | `REST-<op>-methods` |
| ignored_auth | `REST-<op>-401` |
| anything in the stateful phase | `STATEFUL-workflows` (+ `STATEFUL-use-after-free`, `-resource-availability`) |

A failure keeps schemathesis' reproduction (its curl line) with the tokens replaced.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from importlib import resources
from typing import Any

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema
from schemathesis.engine.recorder import ScenarioRecorder

from zndraw_joblib_conformance import ids
from zndraw_joblib_conformance.documents import shipped_text
from zndraw_joblib_conformance.openapi_contract import OpenApiContract, Operation
from zndraw_joblib_conformance.options import Options, Suite
from zndraw_joblib_conformance.outcomes import Finding, Ledger
from zndraw_joblib_conformance.traffic import Redactions, file_problem

RESPONSE_CHECKS = {
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
}
# Not filed per case: not configured here (a response time bound, a second identity) or stateful only.
NOT_FILED = {"max_response_time", "object_level_authorization", "use_after_free", "ensure_resource_availability"}
MAX_MESSAGE = 700  # characters of schemathesis' failure message kept in a finding


def config(options: Options) -> SchemathesisConfig:
    document: dict[str, Any] = tomllib.loads(
        resources.files("zndraw_joblib_conformance").joinpath("schemathesis.toml").read_text(encoding="utf-8")
    )
    document["base-url"] = options.base_url
    document["auth"] = {"openapi": {"bearerAuth": {"bearer": options.token}}}
    if options.connection_close:
        document["headers"] = {"Connection": "close"}  # alternate replicas behind a round-robin proxy
    loaded = SchemathesisConfig.from_dict(document)
    if options.seed is not None:
        loaded.update(seed=options.seed, max_failures=None)
    phases = []
    if Suite.REST in options.only:
        phases += ["examples", "coverage", "fuzzing"]
    if Suite.STATEFUL in options.only:
        phases.append("stateful")
    override = loaded.projects.override
    override.phases.update(phases=phases)
    override.generation.update(
        max_examples=options.max_examples, deterministic=options.seed is None, no_shrink=not options.shrink
    )
    return loaded


def run(options: Options, contract: OpenApiContract, ledger: Ledger, redactions: Redactions) -> list[str]:
    """Run the engine; file its verdicts in `ledger`. Returns notes about the run (engine errors)."""
    if not {Suite.REST, Suite.STATEFUL} & options.only:
        return []
    schema = schemathesis.openapi.from_file(shipped_text("openapi.yaml"), config=config(options))
    by_label = {op.label: op for op in contract.operations}
    filer = _Filer(contract, by_label, ledger, redactions)
    notes: list[str] = []
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            filer.file(event.recorder, phase=event.phase.value)
        elif isinstance(event, events.NonFatalError):
            notes.append(f"schemathesis: {event.label}: {redactions.apply(str(event.info))[:MAX_MESSAGE]}")
            op = by_label.get(event.label)
            if op is not None and "connection" in str(event.info).lower():
                ledger.failed(ids.rest_no_server_error(op), Finding(f"{op.label}: no answer: {event.info}"[:600]))
        elif isinstance(event, events.FatalError):
            notes.append(f"schemathesis stopped: {redactions.apply(str(event.exception))[:MAX_MESSAGE]}")
    return notes


class _Filer:
    def __init__(
        self, contract: OpenApiContract, by_label: dict[str, Operation], ledger: Ledger, redactions: Redactions
    ) -> None:
        self.contract = contract
        self.by_label = by_label
        self.phase = ""  # the phase whose scenarios are being filed
        self.ledger = ledger
        self.redactions = redactions

    def file(self, recorder: ScenarioRecorder, *, phase: str) -> None:
        self.phase = phase
        stateful = phase == "stateful"
        for case_id, checks in recorder.checks.items():
            node = recorder.cases.get(case_id)
            if node is None:
                continue
            case = node.value
            op = self.by_label.get(f"{case.operation.method.upper()} {case.operation.path}")
            if op is None:
                continue
            interaction = recorder.interactions.get(case_id)
            response = interaction.response if interaction else None
            status = response.status_code if response is not None else None
            if response is not None:
                content_type = (response.headers.get("content-type") or [""])[0]
                file_problem(
                    self.contract,
                    self.ledger,
                    status=response.status_code,
                    content_type=content_type,
                    content=response.content,
                    reproduce=None,
                )
            if stateful:
                self._file_stateful(op, status, checks)
            else:
                self._file_case(op, status, checks)

    def _finding(self, op: Operation, status: int | None, check: Any) -> Finding:
        failure = check.failure_info.failure
        detail = " ".join(str(failure.message).split())
        message = f"{op.label} answered {status}: {failure.title}. {detail} ({self.phase} phase)"
        reproduce = self.redactions.apply(check.failure_info.code_sample)
        return Finding(self.redactions.apply(message)[:MAX_MESSAGE], reproduce)

    def _file_case(self, op: Operation, status: int | None, checks: Iterable[Any]) -> None:
        spec = op.response(status) if status is not None else None
        response_id = ids.rest_response(op, spec.status) if spec is not None else ids.rest_status_codes(op)
        response_ok = True
        for check in checks:
            failed = check.status == Status.FAILURE
            if check.status not in (Status.SUCCESS, Status.FAILURE):
                continue
            for rid in self._targets(op, check.name, response_id):
                if failed:
                    self.ledger.failed(rid, self._finding(op, status, check))
                elif rid != response_id:
                    self.ledger.passed(rid)
            if check.name in RESPONSE_CHECKS and failed:
                response_ok = False
        if spec is not None and response_ok and any(c.name in RESPONSE_CHECKS for c in checks):
            self.ledger.passed(response_id)

    @staticmethod
    def _targets(op: Operation, check: str, response_id: str) -> list[str]:
        """The requirement ids a check's verdict on one case counts for."""
        if check in {"content_type_conformance", "response_headers_conformance", "response_schema_conformance"}:
            return [response_id]
        if check == "ignored_auth":
            return [ids.rest_response(op, "401")] if "401" in op.responses else [ids.rest_status_codes(op)]
        if check in NOT_FILED:
            return []
        by_check = {
            "status_code_conformance": ids.rest_status_codes,
            "not_a_server_error": ids.rest_no_server_error,
            "negative_data_rejection": ids.rest_rejects_invalid,
            "missing_required_header": ids.rest_rejects_invalid,
            "positive_data_acceptance": ids.rest_accepts_valid,
            "unsupported_method": ids.rest_methods,
            "allow_header_conformance": ids.rest_methods,
        }
        target = by_check.get(check)
        return [target(op)] if target else [response_id]  # a check added to schemathesis later: about the response

    def _file_stateful(self, op: Operation, status: int | None, checks: Iterable[Any]) -> None:
        for check in checks:
            if check.status == Status.FAILURE:
                finding = self._finding(op, status, check)
                self.ledger.failed(ids.STATEFUL_WORKFLOWS, finding)
                if check.name == "use_after_free":
                    self.ledger.failed(ids.STATEFUL_USE_AFTER_FREE, finding)
                elif check.name == "ensure_resource_availability":
                    self.ledger.failed(ids.STATEFUL_RESOURCE_AVAILABILITY, finding)
            elif check.status == Status.SUCCESS:
                self.ledger.passed(ids.STATEFUL_WORKFLOWS)
                if check.name == "use_after_free":
                    self.ledger.passed(ids.STATEFUL_USE_AFTER_FREE)
                elif check.name == "ensure_resource_availability":
                    self.ledger.passed(ids.STATEFUL_RESOURCE_AVAILABILITY)
