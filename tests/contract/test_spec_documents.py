"""The two documents are valid, consistent with each other, and every example matches its schema."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_spec_validator import validate
from spec_examples import asyncapi_examples, openapi_examples, validator_for


def test_openapi_document_is_valid_openapi_3_1(openapi: dict[str, Any]) -> None:
    assert openapi["openapi"].startswith("3.1")
    validate(openapi)


def test_every_openapi_example_matches_its_schema(openapi: dict[str, Any]) -> None:
    examples = list(openapi_examples(openapi))
    assert len(examples) >= 25, "the document should illustrate its operations"
    failures = [
        f"{label}: {error.message}"
        for label, pointer, value in examples
        for error in validator_for(openapi, pointer).iter_errors(value)
    ]
    assert failures == []


def test_every_asyncapi_example_matches_its_schema(asyncapi: dict[str, Any]) -> None:
    examples = list(asyncapi_examples(asyncapi))
    assert len(examples) >= 10
    failures = [
        f"{label}: {error.message}"
        for label, pointer, value in examples
        for error in validator_for(asyncapi, pointer, draft7=True).iter_errors(value)
    ]
    assert failures == []


def test_a_wrong_example_is_caught(openapi: dict[str, Any]) -> None:
    """The example check can fail: a TaskResponse missing a required key does not validate."""
    validator = validator_for(openapi, "#/components/schemas/TaskResponse")
    assert list(validator.iter_errors({"id": "not-a-uuid"}))


def test_every_operation_has_an_operation_id_a_declared_tag_and_a_summary(openapi: dict[str, Any]) -> None:
    declared = {t["name"] for t in openapi["tags"]}
    seen: set[str] = set()
    for path, item in openapi["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            assert op.get("operationId"), f"{method} {path}"
            assert op["operationId"] not in seen
            seen.add(op["operationId"])
            assert len(op.get("tags", [])) == 1, op["operationId"]
            assert op["tags"][0] in declared, op["operationId"]
            assert op.get("summary"), op["operationId"]


def test_secured_operations_document_401_and_bodies_document_413_and_422(openapi: dict[str, Any]) -> None:
    for item in openapi["paths"].values():
        for method, op in item.items():
            if method == "parameters":
                continue
            codes = set(op["responses"])
            if op.get("security", openapi["security"]):
                assert "401" in codes, f"{op['operationId']} is secured but does not document 401"
            if "requestBody" in op:
                assert {"413", "422"} <= codes, op["operationId"]


def test_error_responses_are_problems(openapi: dict[str, Any]) -> None:
    for name, response in openapi["components"]["responses"].items():
        media = response["content"]
        assert list(media) == ["application/problem+json"], name
        assert media["application/problem+json"]["schema"]["$ref"].endswith(
            ("/Problem", "/ValidationProblem", "/ServiceUnavailableProblem", "/ProviderErrorProblem")
        )


@pytest.mark.parametrize("name", ["TaskStatus", "RoomId", "FullName", "ProblemType"])
def test_shared_schemas_agree_between_the_documents(
    openapi: dict[str, Any], asyncapi: dict[str, Any], name: str
) -> None:
    rest, events = openapi["components"]["schemas"][name], asyncapi["components"]["schemas"][name]
    keys = ("type", "enum", "pattern", "minLength", "maxLength")
    assert {k: rest.get(k) for k in keys} == {k: events.get(k) for k in keys}


def test_event_names_are_the_snake_case_of_their_payload_schema(asyncapi: dict[str, Any]) -> None:
    for name, message in asyncapi["components"]["messages"].items():
        payload = message["payload"]["$ref"].rsplit("/", 1)[-1]
        expected = "".join(f"_{c.lower()}" if c.isupper() else c for c in payload).lstrip("_")
        assert message["name"] == expected, name


def test_every_server_event_of_the_spec_page_is_declared(asyncapi: dict[str, Any]) -> None:
    """SPEC §7, the task lifecycle, batches and the operator's view: nine server → client events,
    eight client → server requests."""
    actions: dict[str, set[str]] = {"send": set(), "receive": set()}
    messages = asyncapi["components"]["messages"]
    for op in asyncapi["operations"].values():
        for ref in op["messages"]:
            channel_msg = ref["$ref"].rsplit("/", 1)[-1]
            channel = op["channel"]["$ref"].rsplit("/", 1)[-1]
            target = asyncapi["channels"][channel]["messages"][channel_msg]["$ref"].rsplit("/", 1)[-1]
            actions[op["action"]].add(messages[target]["name"])
    assert actions["send"] == {
        "jobs_invalidate", "task_available", "task_status_event",
        "providers_invalidate", "provider_request", "provider_result_ready",
        "task_progress", "task_cancelled", "tasks_submitted",
    }  # fmt: skip
    assert actions["receive"] == {
        "join_room", "leave_room", "join_job_room", "leave_job_room",
        "join_provider_room", "leave_provider_room", "join_all_rooms", "leave_all_rooms",
    }  # fmt: skip
