"""The generated code covers the document, is fenced, and drift is detected."""

from __future__ import annotations

import ast
import inspect
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import Match

from zndraw_joblib._generated import api, events, models
from zndraw_joblib._generated.api import ENCODED_SLASH

GENERATED = (
    Path("server/src/zndraw_joblib/_generated"),
    Path("clients/python/src/zndraw_joblib_client/_generated"),
    Path("clients/ts/src/generated"),
    Path("conformance/src/zndraw_joblib_conformance/_generated"),
)
HTTP_METHODS = {"get", "put", "post", "delete", "patch"}


def _operations(openapi: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {
        op["operationId"]: (method.upper(), path, op)
        for path, item in openapi["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    }


def _stub_classes() -> list[type]:
    return [cls for _, cls in inspect.getmembers(api, inspect.isclass) if cls.__name__.endswith("Api")]


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def test_every_operation_id_has_exactly_one_abstract_stub(openapi: dict[str, Any]) -> None:
    operations = _operations(openapi)
    stubs = {name for cls in _stub_classes() for name in cls.__abstractmethods__}
    assert len(stubs) == len(operations) == 32
    assert stubs == {_snake(op_id) for op_id in operations}


def test_stubs_are_grouped_by_tag(openapi: dict[str, Any]) -> None:
    for op_id, (_, _, op) in _operations(openapi).items():
        cls = getattr(api, op["tags"][0].capitalize() + "Api")
        assert _snake(op_id) in cls.__abstractmethods__


def test_operation_table_matches_the_document(openapi: dict[str, Any]) -> None:
    table = {o.operation_id: o for o in api.OPERATIONS}
    for op_id, (method, path, op) in _operations(openapi).items():
        info = table.pop(op_id)
        assert (info.method, info.path) == (method, path)
        assert info.statuses == tuple(sorted(int(c) for c in op["responses"]))
        assert info.success_statuses == tuple(sorted(int(c) for c in op["responses"] if c.startswith("2")))
    assert table == {}


def test_the_router_mounts_every_operation_with_its_path_and_method(openapi: dict[str, Any]) -> None:
    def provider() -> None:
        return None

    app = FastAPI()
    api.build_router(router=app.router, **{t["name"]: provider for t in openapi["tags"]})
    mounted = {
        (method, route.path.replace(":slashed", "").replace(":uuid", ""))
        for route in app.routes
        if isinstance(route, APIRoute)
        for method in route.methods
    }
    documented = {(method, path) for method, path, _ in _operations(openapi).values()}
    assert mounted == documented


@pytest.mark.parametrize("direct", [False, True])
def test_each_operation_is_answered_by_its_own_route_whatever_the_order(openapi: dict[str, Any], direct: bool) -> None:
    """The hot operations are routed first (codegen `HOT`); no route may answer another's path.
    A sample request per operation (a UUID where the route wants one, plain names elsewhere, a
    name ending in /tasks or /info where a name may hold slashes) goes to the first route that
    fully matches it, as Starlette does; that must be the operation's own."""

    async def provider(request: Any = None) -> None:
        return None

    app = FastAPI()
    api.build_router(router=app.router, direct=direct, **{t["name"]: provider for t in openapi["tags"]})
    routes = [route for route in app.routes if isinstance(route, APIRoute)]
    for suffix in ("", "/tasks", "/info"):
        for op_id, (method, path, _) in _operations(openapi).items():
            concrete = path
            for route in routes:
                if route.operation_id == op_id:
                    for name in re.findall(r"{(\w+):uuid}", route.path):
                        concrete = concrete.replace(f"{{{name}}}", "0190a8c2-7d35-7000-8000-000000000001")
                    for name in re.findall(r"{(\w+):slashed}", route.path):
                        concrete = concrete.replace(f"{{{name}}}", f"a{suffix}".replace("/", ENCODED_SLASH))
            concrete = re.sub(r"{\w+}", "a", concrete)
            scope = {"type": "http", "method": method, "path": concrete, "root_path": ""}
            first = next(r for r in routes if r.matches(scope)[0] is Match.FULL)
            assert first.operation_id == op_id, f"{method} {concrete} is answered by {first.operation_id}"


def test_generated_models_round_trip_documented_examples(openapi: dict[str, Any]) -> None:
    body = openapi["paths"]["/v1/joblib/rooms/{room_id}/jobs"]["put"]["requestBody"]["content"]["application/json"]
    for example in body["examples"].values():
        parsed = models.JobRegisterRequest.model_validate(example["value"], by_alias=True, by_name=False)
        assert parsed.model_dump(mode="json", by_alias=True, exclude_unset=True) == example["value"]
    created = openapi["paths"]["/v1/joblib/rooms/{room_id}/tasks/{job_name}"]["post"]["responses"]["202"]
    task = created["content"]["application/json"]["example"]
    assert models.TaskResponse.model_validate_json(
        models.TaskResponse.model_validate(task).model_dump_json()
    ) == models.TaskResponse.model_validate(task)


def test_request_models_are_strict_in_json_and_reject_nulls_and_unknown_keys() -> None:
    with pytest.raises(ValueError, match="uuid"):
        models.TaskClaimRequest.model_validate_json(b'{"worker_id": 5}', strict=True)
    with pytest.raises(ValueError, match="extra"):
        models.TaskSubmitRequest.model_validate_json(b'{"payload": {}, "x": 1}', strict=True)
    with pytest.raises(ValueError, match="dict"):
        models.TaskSubmitRequest.model_validate_json(b'{"payload": null}', strict=True)
    parsed = models.TaskUpdateRequest.model_validate_json(b'{"status": "running"}', strict=True)
    assert parsed.status is models.TaskStatus.running


def test_event_models_are_frozen_and_hashable_for_deduplication() -> None:
    a = events.JobsInvalidate()
    assert hash(a) == hash(events.JobsInvalidate())
    with pytest.raises(ValueError, match="frozen"):
        events.JoinRoom(room_id="r").room_id = "s"  # type: ignore[misc]


@pytest.mark.parametrize("folder", GENERATED)
def test_every_generated_file_is_headed_do_not_edit(root: Path, folder: Path) -> None:
    files = [p for p in (root / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert files
    for path in files:
        if path.suffix == ".json":
            continue  # verbatim copies of the documents; JSON has no comments
        assert "do not edit" in path.read_text().splitlines()[0], path


def test_generated_python_imports_nothing_hand_written(root: Path) -> None:
    for folder, package in ((GENERATED[0], "zndraw_joblib"), (GENERATED[1], "zndraw_joblib_client")):
        for path in (root / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    assert not node.module.startswith(f"{package}."), f"{path} imports {node.module}"


@pytest.mark.slow
def test_check_generated_fails_when_a_generated_file_is_edited_by_hand(root: Path, tmp_path: Path) -> None:
    for folder in GENERATED:
        shutil.copytree(root / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    generator = [sys.executable, str(root / "codegen" / "generate.py"), "--check", "--tree", str(tmp_path)]
    clean = subprocess.run(generator, capture_output=True, text=True, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    tampered = tmp_path / GENERATED[0] / "models.py"
    tampered.write_text(tampered.read_text().replace("class TaskStatus", "class TaskState"))
    drift = subprocess.run(generator, capture_output=True, text=True, check=False)
    assert drift.returncode == 1
    assert "differs: server/src/zndraw_joblib/_generated/models.py" in drift.stdout
