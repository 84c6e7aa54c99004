"""Job schemas and payloads are user input: no I/O through `$ref`, bounded validation, storable JSON."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from calls import JOBS, register_job, submit
from jsonschema import Draft202012Validator

from zndraw_joblib import schemas

DEEP_ANY_OF: dict[str, Any] = {
    "$defs": {
        "s": {
            "anyOf": [
                {"type": "array", "items": {"$ref": "#/$defs/s"}, "maxItems": 5},
                {"type": "array", "items": {"$ref": "#/$defs/s"}, "minItems": 1},
                {"type": "integer"},
            ]
        }
    },
    "type": "object",
    "properties": {"x": {"$ref": "#/$defs/s"}},
}
"""Both branches descend at every level: checking a nested list costs 2^depth keyword calls."""
JSON = {"content-type": "application/json"}


def nested(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = [value]
    return value


async def put_job(api: httpx.AsyncClient, schema: dict[str, Any], name: str = "X") -> httpx.Response:
    return await api.put(f"{JOBS}/rooms/room1/jobs", json={"category": "modifiers", "name": name, "schema": schema})


class Listener:
    """A TCP listener that counts the connections made to it (and never answers)."""

    def __init__(self) -> None:
        self.connections = 0
        self.server: asyncio.Server | None = None

    async def __aenter__(self) -> Listener:
        async def accept(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.connections += 1
            await asyncio.sleep(30)
            writer.close()

        self.server = await asyncio.start_server(accept, "127.0.0.1", 0)
        return self

    @property
    def url(self) -> str:
        assert self.server is not None
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}/x.json"

    async def __aexit__(self, *_exc: object) -> None:
        assert self.server is not None
        self.server.close()


async def test_a_remote_reference_is_refused_at_registration_and_never_fetched(api: httpx.AsyncClient) -> None:
    async with Listener() as listener:
        started = time.monotonic()
        response = await put_job(api, {"type": "object", "properties": {"a": {"$ref": listener.url}}})
        assert response.status_code == 422, response.text
        assert time.monotonic() - started < 5  # nothing waited on the silent listener
        await asyncio.sleep(0.2)
        assert listener.connections == 0
    error = response.json()["errors"][0]
    assert error["loc"][:2] == ["body", "schema"]
    assert "does not resolve" in error["msg"]


async def test_a_file_reference_is_refused_and_leaks_nothing(api: httpx.AsyncClient, tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text('{"const": "file-secret-XYZ"}')
    for ref in (secret.as_uri(), f"{secret.as_uri()}#/const", "secret.json"):
        response = await put_job(api, {"$ref": ref})
        assert response.status_code == 422, (ref, response.text)
        assert "file-secret-XYZ" not in response.text


async def test_a_base_uri_cannot_turn_a_relative_reference_into_a_fetch(api: httpx.AsyncClient) -> None:
    async with Listener() as listener:
        base = listener.url.rsplit("/", 1)[0] + "/"
        response = await put_job(api, {"$id": base + "root.json", "$ref": "other.json"})
        assert response.status_code == 422
        assert listener.connections == 0


async def test_a_dangling_local_reference_is_a_validation_problem_not_a_500(api: httpx.AsyncClient) -> None:
    response = await put_job(api, {"properties": {"a": {"$ref": "#/$defs/missing"}}})
    assert response.status_code == 422
    assert response.json()["type"] == "/v1/problems/validation-error"


async def test_local_references_and_anchors_are_accepted_and_used(api: httpx.AsyncClient) -> None:
    schema = {
        "$defs": {"Angle": {"type": "number", "maximum": 360}, "named": {"$anchor": "unit", "enum": ["deg", "rad"]}},
        "type": "object",
        "properties": {"angle": {"$ref": "#/$defs/Angle"}, "unit": {"$ref": "#unit"}},
    }
    job = await register_job(api, schema=schema)
    await submit(api, job["full_name"], payload={"angle": 90, "unit": "deg"})
    refused = await api.post(f"{JOBS}/rooms/room1/tasks/{job['full_name']}", json={"payload": {"angle": 400}})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"] == ["body", "payload", "angle"]


async def test_another_dialect_and_oversized_schemas_are_refused(api: httpx.AsyncClient) -> None:
    draft7 = await put_job(api, {"$schema": "http://json-schema.org/draft-07/schema#"})
    assert draft7.status_code == 422
    assert draft7.json()["errors"][0]["loc"] == ["body", "schema", "$schema"]
    big = {"type": "object", "description": "x" * (70 * 1024)}  # the test settings' body limit is 64 KiB
    too_big = await put_job(api, big)
    assert too_big.status_code == 413
    huge = {"type": "object", "properties": {f"p{i}": {"type": "string"} for i in range(2000)}}
    assert len(str(huge)) < 64 * 1024
    accepted = await put_job(api, huge, name="Huge")
    assert accepted.status_code == 201


async def test_unique_items_over_thousands_of_objects_is_checked_quickly(api: httpx.AsyncClient) -> None:
    job = await register_job(
        api, schema={"type": "object", "properties": {"xs": {"type": "array", "uniqueItems": True}}}
    )
    items = [{"i": i} for i in range(6000)]
    started = time.monotonic()
    await submit(api, job["full_name"], payload={"xs": items})
    duplicate = await api.post(
        f"{JOBS}/rooms/room1/tasks/{job['full_name']}", json={"payload": {"xs": [*items, {"i": 7.0}]}}
    )
    assert duplicate.status_code == 422
    assert time.monotonic() - started < 10  # seconds; quadratic took ~50 s here


async def test_a_catastrophic_pattern_is_bounded(api: httpx.AsyncClient) -> None:
    job = await register_job(
        api, schema={"type": "object", "properties": {"s": {"type": "string", "pattern": "^(a+)+$"}}}
    )
    started = time.monotonic()
    response = await api.post(f"{JOBS}/rooms/room1/tasks/{job['full_name']}", json={"payload": {"s": "a" * 5000 + "!"}})
    assert response.status_code == 422
    assert response.json()["type"] in ("/v1/problems/validation-error", "/v1/problems/payload-too-complex")
    assert time.monotonic() - started < 10


async def test_an_exponential_schema_answers_payload_too_complex_while_the_server_keeps_answering(
    api: httpx.AsyncClient,
) -> None:
    job = await register_job(api, schema=DEEP_ANY_OF)
    slow = asyncio.create_task(
        api.post(f"{JOBS}/rooms/room1/tasks/{job['full_name']}", json={"payload": {"x": nested(40)}})
    )
    latencies = []
    while not slow.done():
        started = time.monotonic()
        assert (await api.get("/healthz")).status_code == 200
        latencies.append(time.monotonic() - started)
        await asyncio.sleep(0.05)
    response = await slow
    assert response.status_code == 422
    assert response.json()["type"] == "/v1/problems/payload-too-complex"
    assert response.json()["errors"][0]["loc"] == ["body", "payload"]
    assert len(latencies) >= 3
    assert max(latencies) < 1.0  # seconds; the loop was never held for the whole budget


def test_the_validation_budget_stops_a_runaway_check_in_time() -> None:
    validator = schemas.validator_for(DEEP_ANY_OF)
    started = time.monotonic()
    with pytest.raises(schemas.BudgetExceeded), schemas.deadline(0.2):
        list(validator.iter_errors({"x": nested(40)}))
    assert time.monotonic() - started < 10  # seconds of a loaded machine; unbounded, 2^40 calls


def test_the_budget_counts_cpu_time_so_a_loaded_machine_gives_the_same_answer() -> None:
    validator = schemas.validator_for({"type": "object", "properties": {"n": {"type": "integer"}}})
    with schemas.deadline(0.05):
        time.sleep(0.2)  # waiting (another process holding the CPU) spends no budget
        assert validator.is_valid({"n": 1})
        assert not validator.is_valid({"n": "x"})


SCHEMA_CORPUS: list[Any] = [
    True, {}, {"type": "strin"}, {"type": ["string", "null"]}, {"type": []},
    {"properties": {"a": {"minimum": "x"}}}, {"$defs": {"a": {"type": 5}}}, {"items": {"anyOf": []}},
    {"if": {"minLength": -1}}, {"dependencies": {"a": 3}}, {"dependencies": {"a": ["b"]}},
    {"$id": 5}, {"$anchor": "1bad"}, {"$anchor": "ok"}, {"$comment": 3}, {"$ref": 5}, {"$vocabulary": 3},
    {"$dynamicAnchor": 4}, {"prefixItems": [{"type": 1}]}, {"prefixItems": []},
    {"required": ["a", "a"]}, {"enum": []}, {"multipleOf": 0}, {"minContains": 1.5},
    {"patternProperties": {"^a": {"type": "string"}}}, {"unevaluatedProperties": {"type": 3}},
    {"contentSchema": {"type": "x"}}, {"deprecated": "yes"}, {"examples": {}},
    {"allOf": [{"not": {"oneOf": [{"const": 1}, {"maxItems": -1}]}}]},
    {"properties": {"$ref": {"type": "string"}, "$defs": {"type": "x"}}},
    {"type": "object", "properties": {"deep": {"items": {"items": {"properties": {"x": {"type": "nope"}}}}}}},
]  # fmt: skip


@pytest.mark.parametrize("schema", SCHEMA_CORPUS)
def test_the_flat_metaschema_judges_as_the_published_one(schema: Any) -> None:
    published = Draft202012Validator(Draft202012Validator.META_SCHEMA)
    flat = Draft202012Validator(schemas.flat_metaschema())
    assert flat.is_valid(schema) == published.is_valid(schema)
    assert [list(e.absolute_path) for e in flat.iter_errors(schema)][:1] == [
        list(e.absolute_path) for e in published.iter_errors(schema)
    ][:1]


async def test_an_integer_written_with_a_fraction_of_zero_is_an_integer(api: httpx.AsyncClient) -> None:
    """JSON Schema counts 26.0 as an integer; 26.5 stays refused."""
    job = await register_job(api)
    url = f"{JOBS}/rooms/room1/tasks/{job['full_name']}"
    accepted = await api.post(url, content=b'{"payload": {"x": 2.50}, "priority": 7.0}', headers=JSON)
    assert accepted.status_code == 202, accepted.text
    task = (await api.get(f"{JOBS}/tasks/{accepted.json()['id']}")).json()
    assert task["priority"] == 7
    assert task["payload"] == {"x": 2.5}  # the free-form payload is not rewritten
    refused = await api.post(url, content=b'{"payload": {}, "priority": 7.5}', headers=JSON)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"] == ["body", "priority"]


def test_unique_items_follows_json_schema_equality() -> None:
    validator = schemas.validator_for({"uniqueItems": True})
    assert not validator.is_valid([1, 1.0])
    assert validator.is_valid([True, 1])
    assert validator.is_valid([0, False])
    assert not validator.is_valid([{"a": [1, {"b": None}]}, {"a": [1.0, {"b": None}]}])
    assert validator.is_valid([{"a": 1}, {"a": 1, "b": 2}])


@pytest.mark.parametrize(
    "raw",
    [
        b'{"payload": {"angle": NaN}}',
        b'{"payload": {"angle": Infinity}}',
        b'{"payload": {"angle": -Infinity}}',
        b'{"payload": {"angle": 1e400}}',
        b'{"payload": {"name": "a\\u0000b"}}',
        b'{"payload": {"a\\u0000b": 1}}',
        b'{"payload": {"deep": [[{"x": [1, 2, NaN]}]]}}',
    ],
)
async def test_payloads_json_and_the_databases_cannot_hold_are_refused(api: httpx.AsyncClient, raw: bytes) -> None:
    job = await register_job(api)
    response = await api.post(
        f"{JOBS}/rooms/room1/tasks/{job['full_name']}", content=raw, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["type"] in ("non_finite_number", "nul_character")
    listed = await api.get(f"{JOBS}/rooms/room1/tasks")
    assert listed.json()["total"] == 0


async def test_schemas_errors_and_logins_with_unstorable_values_are_refused(api: httpx.AsyncClient) -> None:
    bad_schema = b'{"category": "modifiers", "name": "N", "schema": {"type": "number", "maximum": Infinity}}'
    response = await api.put(
        f"{JOBS}/rooms/room1/jobs", content=bad_schema, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    nul_name = await api.put(
        f"{JOBS}/rooms/room1/jobs", json={"category": "modifiers", "name": "ok", "schema": {"title": "a\x00"}}
    )
    assert nul_name.status_code == 422
    login = await api.post("/v1/auth/jwt/login", data={"username": "a\x00@example.com", "password": "whatever-long"})
    assert login.status_code == 422


async def test_a_task_error_with_nul_is_refused_and_the_task_is_unchanged(api: httpx.AsyncClient) -> None:
    job = await register_job(api)
    task = await submit(api, job["full_name"])
    claimed = await api.post(f"{JOBS}/tasks/claim", json={"worker_id": job["worker_id"]})
    assert claimed.json()["task"]["id"] == task["id"]
    response = await api.patch(f"{JOBS}/tasks/{task['id']}", json={"status": "failed", "error": "bad\x00byte"})
    assert response.status_code == 422
    assert (await api.get(f"{JOBS}/tasks/{task['id']}")).json()["status"] == "claimed"


async def test_huge_integers_are_stored_and_returned_exactly(api: httpx.AsyncClient) -> None:
    job = await register_job(api)
    raw = b'{"payload": {"n": 123456789012345678901234567890}}'
    response = await api.post(
        f"{JOBS}/rooms/room1/tasks/{job['full_name']}", content=raw, headers={"content-type": "application/json"}
    )
    assert response.status_code == 202, response.text
    task = (await api.get(f"{JOBS}/tasks/{response.json()['id']}")).json()
    assert task["payload"]["n"] == 123456789012345678901234567890
