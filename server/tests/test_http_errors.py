"""Bad input gets a problem, never a 500: 401, 404, 405 + Allow, 413, 422, malformed JSON."""

from __future__ import annotations

import httpx
import pytest
from actors import ClientFactory
from calls import JOBS, register_job

PROBLEM = "application/problem+json"


async def test_unknown_routes_are_404_problems(api: httpx.AsyncClient) -> None:
    response = await api.get("/v1/joblib/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"] == "/v1/problems/not-found"


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", f"{JOBS}/rooms/room1/jobs", "GET, PUT"),
        ("POST", f"{JOBS}/workers/01a20e6f-4702-7e77-bd89-f68e6e038779", "DELETE, PATCH"),
        ("GET", f"{JOBS}/tasks/claim", "POST"),
        ("PUT", "/healthz", "GET"),
    ],
)
async def test_wrong_methods_are_405_with_every_allowed_method(
    api: httpx.AsyncClient, method: str, path: str, allow: str
) -> None:
    response = await api.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow
    assert response.json()["type"] == "/v1/problems/method-not-allowed"


@pytest.mark.parametrize("token", [None, "garbage", "Bearer", "eyJhbGciOiJIUzI1NiJ9.e30.x"])
async def test_missing_or_bad_tokens_are_401(client_for: ClientFactory, token: str | None) -> None:
    client = client_for(None)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.get(f"{JOBS}/workers", headers=headers)
    assert response.status_code == 401
    assert response.json()["type"] == "/v1/problems/unauthorized"


async def test_bodies_over_the_limit_are_413(api: httpx.AsyncClient) -> None:
    job = await register_job(api)
    big = {"payload": {"x": "y" * (70 * 1024)}}
    response = await api.post(f"{JOBS}/rooms/room1/tasks/{job['full_name']}", json=big)
    assert response.status_code == 413
    assert response.json()["type"] == "/v1/problems/payload-too-large"

    async def chunks():  # no Content-Length: the limit applies while streaming
        for _ in range(80):
            yield b"x" * 1024

    streamed = await api.post(f"{JOBS}/rooms/room1/tasks/{job['full_name']}", content=chunks())
    assert streamed.status_code == 413


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"", b"[]", b'{"payload": null}', b'{"payload": {}, "extra": 1}', b'{"payload": 5}'],
)
async def test_malformed_bodies_are_422_validation_problems(api: httpx.AsyncClient, body: bytes) -> None:
    job = await register_job(api)
    response = await api.post(
        f"{JOBS}/rooms/room1/tasks/{job['full_name']}", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["type"] == "/v1/problems/validation-error"
    assert problem["errors"]
    assert all(e["loc"][0] == "body" for e in problem["errors"])


async def test_request_bodies_are_strict_json(api: httpx.AsyncClient) -> None:
    response = await api.post(f"{JOBS}/tasks/claim", json={"worker_id": 12345})
    assert response.status_code == 422
    status = await api.patch(f"{JOBS}/tasks/01a20e6f-4702-7e77-bd89-f68e6e038779", json={"status": "done"})
    assert status.status_code == 422


@pytest.mark.parametrize("params", [{"limit": 501}, {"limit": -1}, {"offset": -1}, {"limit": "x"}, {"status": "nope"}])
async def test_bad_query_parameters_are_422(api: httpx.AsyncClient, params: dict[str, object]) -> None:
    response = await api.get(f"{JOBS}/rooms/room1/tasks", params=params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][0] == "query"


async def test_a_malformed_uuid_in_the_path_names_nothing(api: httpx.AsyncClient) -> None:
    assert (await api.get(f"{JOBS}/tasks/not-a-uuid")).status_code == 404


async def test_the_served_openapi_document_is_the_hand_written_one(api: httpx.AsyncClient) -> None:
    document = (await api.get("/openapi.json")).json()
    assert document["info"]["title"] == "zndraw-joblib"
    assert "ProblemType" in document["components"]["schemas"]
    assert (await api.get("/asyncapi.json")).json()["asyncapi"].startswith("3.")
