"""`Client`: login, environment configuration, sync and async calls, unreachable servers."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable

import pytest
from live_server import ADMIN_EMAIL, ADMIN_PASSWORD, LiveServer, free_port

from zndraw_joblib_client import Client, errors
from zndraw_joblib_client._generated.api.auth import get_current_user
from zndraw_joblib_client._generated.api.tasks import get_task
from zndraw_joblib_client._generated.api.workers import create_worker, delete_worker
from zndraw_joblib_client._generated.models import TaskResponse, UserRead, WorkerResponse


def test_login_gives_a_client_of_that_user(server: LiveServer, login: Callable[..., Client]) -> None:
    client = login(server)
    me = client.call(get_current_user.sync_detailed, UserRead)
    assert me.email == ADMIN_EMAIL
    assert me.is_superuser


def test_a_call_without_a_body_returns_none(admin: Client) -> None:
    worker = admin.call(create_worker.sync_detailed, WorkerResponse)
    assert admin.call(delete_worker.sync_detailed, None, worker_id=worker.id) is None


def test_from_env_uses_a_token_or_logs_in(server: LiveServer, admin: Client) -> None:
    with Client.from_env({"ZNDRAW_JOBLIB_URL": server.url, "ZNDRAW_JOBLIB_TOKEN": admin.token}) as by_token:
        assert by_token.call(get_current_user.sync_detailed, UserRead).email == ADMIN_EMAIL
    env = {
        "ZNDRAW_JOBLIB_URL": server.url,
        "ZNDRAW_JOBLIB_EMAIL": ADMIN_EMAIL,
        "ZNDRAW_JOBLIB_PASSWORD": ADMIN_PASSWORD,
    }
    with Client.from_env(env) as by_login:
        assert by_login.call(get_current_user.sync_detailed, UserRead).email == ADMIN_EMAIL
    with pytest.raises(errors.Unauthorized):
        Client.from_env({"ZNDRAW_JOBLIB_URL": server.url})


def test_an_unreachable_server_raises_api_connection_error() -> None:
    with Client(f"http://127.0.0.1:{free_port()}", "token", timeout=5.0) as client:
        with pytest.raises(errors.APIConnectionError):
            client.call(get_task.sync_detailed, TaskResponse, task_id=uuid.uuid4())
        with pytest.raises(errors.APIConnectionError):
            Client.login(client.base_url, ADMIN_EMAIL, ADMIN_PASSWORD)


def test_login_retries_until_the_server_is_up(start_server: Callable[..., LiveServer], clients: list[Client]) -> None:
    port = free_port()
    result: list[Client | BaseException] = []

    def log_in() -> None:
        try:
            result.append(Client.login(f"http://127.0.0.1:{port}", ADMIN_EMAIL, ADMIN_PASSWORD, startup_timeout=90.0))
        except BaseException as exc:  # reported by the assertion below
            result.append(exc)

    thread = threading.Thread(target=log_in)
    thread.start()
    time.sleep(1.0)  # the first attempts fail: nothing listens yet
    start_server(port=port)
    thread.join(120)
    assert len(result) == 1
    assert isinstance(result[0], Client), result[0]
    clients.append(result[0])


def test_the_socketio_endpoint_follows_the_base_url() -> None:
    with Client("https://example.org/prefix/", "t") as client:
        assert client.base_url == "https://example.org/prefix"
        assert client.socketio_url == "https://example.org"
        assert client.socketio_path == "/prefix/socket.io"


async def test_async_login_and_calls(server: LiveServer) -> None:
    client = await Client.alogin(server.url, ADMIN_EMAIL, ADMIN_PASSWORD)
    async with client:
        me = await client.acall(get_current_user.asyncio_detailed, UserRead)
        assert me.is_superuser
        with pytest.raises(errors.TaskNotFound):
            await client.acall(get_task.asyncio_detailed, TaskResponse, task_id=uuid.uuid4())
