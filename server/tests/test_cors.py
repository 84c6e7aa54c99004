"""CORS with `cors_allowed_origins`: every answer carries `Access-Control-Allow-Origin` once,
the REST routes' (CORSMiddleware) and the Socket.IO handshake's (python-engineio) alike; a
browser refuses an answer that carries it twice. Another origin is refused by both."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from zndraw_joblib.app import create_app
from zndraw_joblib.settings import Settings

PAGE = "http://127.0.0.1:5173"
HANDSHAKE = "/socket.io/?EIO=4&transport=polling"


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[FastAPI]:
    settings = Settings(
        data_dir=tmp_path,
        secret_key="test-secret-key-that-is-long-enough-for-hs256",
        cors_allowed_origins=(PAGE,),
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def http(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://joblib.test") as client:
        yield client


def allowed_origins(response: httpx.Response) -> list[str]:
    return response.headers.get_list("access-control-allow-origin")


async def get(http: httpx.AsyncClient, path: str, headers: dict[str, str]) -> httpx.Response:
    """GET `path`; an Engine.IO session it opens is closed again at once, as a client leaving does
    (an abandoned polling session would hold the app's shutdown until its ping timeout)."""
    response = await http.get(path, headers=headers)
    if path == HANDSHAKE and response.status_code == 200:
        sid = json.loads(response.text[1:])["sid"]
        closed = await http.post(f"{HANDSHAKE}&sid={sid}", content=b"1", headers=headers)
        assert closed.status_code == 200, closed.text
    return response


@pytest.mark.parametrize("path", [HANDSHAKE, "/healthz", "/v1/joblib/rooms/@global/jobs"])
async def test_a_request_from_the_allowed_origin_is_answered_with_the_header_once(
    http: httpx.AsyncClient, path: str
) -> None:
    response = await get(http, path, {"Origin": PAGE})
    assert allowed_origins(response) == [PAGE], response.headers


@pytest.mark.parametrize("path", [HANDSHAKE, "/v1/joblib/rooms/@global/jobs"])
async def test_a_preflight_from_the_allowed_origin_is_answered_with_the_header_once(
    http: httpx.AsyncClient, path: str
) -> None:
    response = await http.options(
        path,
        headers={
            "Origin": PAGE,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert response.status_code == 200, response.text
    assert allowed_origins(response) == [PAGE], response.headers


async def test_the_socketio_handshake_answers_a_valid_open_packet(http: httpx.AsyncClient) -> None:
    response = await get(http, HANDSHAKE, {"Origin": PAGE})
    assert response.status_code == 200
    assert response.text.startswith('0{"sid":')


@pytest.mark.parametrize("path", [HANDSHAKE, "/healthz"])
async def test_another_origin_gets_no_allow_origin_header(http: httpx.AsyncClient, path: str) -> None:
    response = await get(http, path, {"Origin": "http://elsewhere.example"})
    assert allowed_origins(response) == []


async def test_socketio_refuses_the_handshake_of_another_origin(http: httpx.AsyncClient) -> None:
    response = await get(http, HANDSHAKE, {"Origin": "http://elsewhere.example"})
    assert response.status_code == 400


@pytest.mark.parametrize("origin", ["http://joblib.test", "https://joblib.test"])
async def test_socketio_accepts_the_servers_own_origin_as_non_browser_clients_send_it(
    http: httpx.AsyncClient, origin: str
) -> None:
    """The Python worker SDK's WebSocket client sends its target as `Origin`."""
    response = await get(http, HANDSHAKE, {"Origin": origin})
    assert response.status_code == 200, response.text


async def test_socketio_accepts_a_client_that_sends_no_origin(http: httpx.AsyncClient) -> None:
    response = await get(http, HANDSHAKE, {})
    assert response.status_code == 200, response.text
