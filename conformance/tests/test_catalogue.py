"""The requirement catalogue: stable ids, read from the documents, so new things become requirements."""

from __future__ import annotations

import copy
import re

from zndraw_joblib_conformance import catalogue, derived
from zndraw_joblib_conformance.asyncapi_contract import AsyncApiContract
from zndraw_joblib_conformance.checks import REGISTRY
from zndraw_joblib_conformance.documents import shipped
from zndraw_joblib_conformance.openapi_contract import OpenApiContract
from zndraw_joblib_conformance.requirements import GROUPS

IDS = [r.id for r in catalogue()]


def test_ids_are_unique_and_well_formed() -> None:
    assert len(IDS) == len(set(IDS))
    for rid in IDS:
        assert re.fullmatch(r"[A-Z]+-[A-Za-z0-9_@.-]+", rid), rid
        assert rid.split("-", 1)[0] in GROUPS, rid


def test_every_documented_response_problem_and_event_is_a_requirement() -> None:
    openapi = OpenApiContract(shipped().openapi)
    for op in openapi.operations:
        for status in op.responses:
            assert f"REST-{op.operation_id}-{status}" in IDS
        assert f"REST-{op.operation_id}-no-server-error" in IDS
    for slug in openapi.problem_types:
        assert f"PROBLEM-{slug}" in IDS
    asyncapi = AsyncApiContract(shipped().asyncapi)
    for event in asyncapi.events("send"):
        assert {f"EVT-{event}-payload", f"EVT-{event}-room"} <= set(IDS)
    for event in asyncapi.events("receive"):
        assert f"EVT-{event}-ack" in IDS


def test_a_new_operation_of_the_document_becomes_requirements_without_code() -> None:
    document = copy.deepcopy(shipped().openapi)
    document["paths"]["/v1/joblib/tasks/{task_id}/cancel"] = {
        "post": {
            "operationId": "cancelTask",
            "responses": {"202": {"description": "Cancelling."}, "409": {"description": "Already over."}},
        }
    }
    found = {r.id for r in derived.rest_requirements(OpenApiContract(document))}
    assert {"REST-cancelTask-202", "REST-cancelTask-409", "REST-cancelTask-status-codes"} <= found


def test_a_new_event_of_the_document_becomes_requirements_without_code() -> None:
    document = copy.deepcopy(shipped().asyncapi)
    document["components"]["messages"]["TaskCancel"] = {"name": "task_cancel", "payload": {"type": "object"}}
    document["channels"]["jobs"]["messages"]["taskCancel"] = {"$ref": "#/components/messages/TaskCancel"}
    document["operations"]["sendTaskCancel"] = {
        "action": "send",
        "channel": {"$ref": "#/channels/jobs"},
        "summary": "Stop a running task.",
        "messages": [{"$ref": "#/channels/jobs/messages/taskCancel"}],
    }
    found = {r.id for r in derived.event_requirements(AsyncApiContract(document))}
    assert {"EVT-task_cancel-payload", "EVT-task_cancel-room"} <= found


def test_every_hand_written_check_states_its_rule_and_source() -> None:
    assert len(REGISTRY) >= 50
    for rid, check in REGISTRY.items():
        assert check.requirement.rule.endswith("."), rid
        assert check.requirement.source, rid
