"""`Client`: one server, one bearer token, and the generated REST operations called through it.

The generated client (`zndraw_joblib_client._generated`) returns problem answers as values;
this wrapper turns them into exceptions (see `errors`) so calling code reads straight:

    from zndraw_joblib_client import Client
    from zndraw_joblib_client._generated.api.tasks import get_task
    from zndraw_joblib_client._generated.models import TaskResponse

    client = Client.login("http://127.0.0.1:8000", "admin@example.com", "zndraw-admin")
    task = client.call(get_task.sync_detailed, TaskResponse, task_id=task_id)

Errors are raised by an httpx response hook, before the generated code parses the body, so an
answer the generated models cannot read (a problem type newer than this client, an HTML page
from a proxy) still becomes the right exception. Failures to reach the server become
`errors.APIConnectionError`.

Long-polls (`Prefer: wait=N`) go through a second HTTP client whose read timeout is longer
than the longest wait the server grants, so a long-poll never looks like an outage.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Mapping
from types import TracebackType
from typing import Any, Self, TypeVar, overload
from urllib.parse import urlsplit

import httpx

from . import errors
from ._generated.api.auth import login
from ._generated.client import AuthenticatedClient
from ._generated.client import Client as AnonymousClient
from ._generated.models import BearerToken, LoginForm
from ._generated.types import Response
from .retry import REQUEST_RETRY_TIMEOUT_DEFAULT, asend_with_retries, call_with_retry, send_with_retries

T = TypeVar("T")

TIMEOUT_DEFAULT = 30.0
"""Seconds a plain request may take before it counts as a failure."""
LONG_POLL_MAX_DEFAULT = 60.0
"""Seconds of the longest `Prefer: wait` this client asks for (the server caps at 60 by default)."""

ENV_URL = "ZNDRAW_JOBLIB_URL"
ENV_TOKEN = "ZNDRAW_JOBLIB_TOKEN"  # noqa: S105 - the name of a variable, not a secret
ENV_EMAIL = "ZNDRAW_JOBLIB_EMAIL"
ENV_PASSWORD = "ZNDRAW_JOBLIB_PASSWORD"  # noqa: S105 - the name of a variable, not a secret
URL_DEFAULT = "http://127.0.0.1:8000"


def _problem(response: httpx.Response) -> errors.JobLibError:
    problem = errors.from_response(response.status_code, response.content, response.headers)
    problem.method = response.request.method
    return problem


def _raise_for_problem(response: httpx.Response) -> None:
    if response.status_code >= 400:
        response.read()
        raise _problem(response)


async def _araise_for_problem(response: httpx.Response) -> None:
    if response.status_code >= 400:
        await response.aread()
        raise _problem(response)


def _http_clients(
    base_url: str, headers: Mapping[str, str], timeout: float, verify: bool | str
) -> tuple[httpx.Client, httpx.AsyncClient]:
    common: dict[str, Any] = {
        "base_url": base_url,
        "headers": dict(headers),
        "timeout": httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        "verify": verify,
    }
    return (
        httpx.Client(event_hooks={"response": [_raise_for_problem]}, **common),
        httpx.AsyncClient(event_hooks={"response": [_araise_for_problem]}, **common),
    )


def _check(response: Response[Any], expect: type[T]) -> T:
    parsed = response.parsed
    if not isinstance(parsed, expect):
        raise errors.UnexpectedResponse(
            f"expected {expect.__name__}, got {type(parsed).__name__} (status {int(response.status_code)})",
            status=int(response.status_code),
            body=response.content[:500],
        )
    return parsed


class Client:
    """A connection to one zndraw-joblib server, authenticated with one bearer token.

    Thread-safe: the underlying HTTP connection pools may be shared by any number of threads.
    Close it (or use it as a context manager) to release the connections.
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: float = TIMEOUT_DEFAULT,
        long_poll_max: float = LONG_POLL_MAX_DEFAULT,
        verify: bool | str = True,
        retry_timeout: float = REQUEST_RETRY_TIMEOUT_DEFAULT,
    ) -> None:
        """Args:
        base_url: The server, e.g. `http://127.0.0.1:8000` (a path prefix is kept).
        token: A JWT from `login` or `zndraw-joblib token EMAIL`.
        timeout: Seconds a plain request may take.
        long_poll_max: Seconds of the longest long-poll wait this client asks for.
        verify: TLS verification (`False`, or a CA bundle path).
        retry_timeout: Seconds a request that failed in a way that is safe to repeat (see
            `retry.request_retry_delay`: never sent, a broken idempotent request, a 503 that
            took no effect) keeps being sent again; 0 never repeats a request.
        """
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.long_poll_max = long_poll_max
        self.retry_timeout = retry_timeout
        headers = {"Authorization": f"Bearer {token}"}
        self.api = self._generated(headers, timeout, verify)
        # a long-poll holds the answer up to `long_poll_max` seconds; leave room for the reply
        self.long_poll_api = self._generated(headers, long_poll_max + timeout, verify)

    def _generated(self, headers: Mapping[str, str], timeout: float, verify: bool | str) -> AuthenticatedClient:
        sync_client, async_client = _http_clients(self.base_url, headers, timeout, verify)
        api = AuthenticatedClient(base_url=self.base_url, token=self.token)
        api.set_httpx_client(sync_client)
        api.set_async_httpx_client(async_client)
        return api

    # -- construction --

    @classmethod
    def login(
        cls,
        base_url: str,
        email: str,
        password: str,
        *,
        startup_timeout: float = 0.0,
        **kwargs: Any,
    ) -> Self:
        """Log in with email and password (`POST /v1/auth/jwt/login`) and return a client.

        `startup_timeout` seconds of retries while the server is not up yet (0: one attempt).
        Wrong credentials raise `errors.BadCredentials` at once.
        """
        anonymous = cls._anonymous(base_url, kwargs)
        try:
            token = call_with_retry(
                lambda: cls._login_once(anonymous, email, password),
                timeout=startup_timeout,
                what=f"login to {base_url}",
            )
        finally:
            anonymous.get_httpx_client().close()
        return cls(base_url, token, **kwargs)

    @classmethod
    async def alogin(cls, base_url: str, email: str, password: str, **kwargs: Any) -> Self:
        """`login` for asyncio code (one attempt)."""
        anonymous = cls._anonymous(base_url, kwargs)
        try:
            response = await _translated_async(
                login.asyncio_detailed(client=anonymous, body=LoginForm(username=email, password=password))
            )
        finally:
            await anonymous.get_async_httpx_client().aclose()
        return cls(base_url, _check(response, BearerToken).access_token, **kwargs)

    @staticmethod
    def _anonymous(base_url: str, kwargs: Mapping[str, Any]) -> AnonymousClient:
        sync_client, async_client = _http_clients(
            base_url.rstrip("/"), {}, kwargs.get("timeout", TIMEOUT_DEFAULT), kwargs.get("verify", True)
        )
        anonymous = AnonymousClient(base_url=base_url.rstrip("/"))
        anonymous.set_httpx_client(sync_client)
        anonymous.set_async_httpx_client(async_client)
        return anonymous

    @staticmethod
    def _login_once(anonymous: AnonymousClient, email: str, password: str) -> str:
        response = _translated(
            lambda: login.sync_detailed(client=anonymous, body=LoginForm(username=email, password=password))
        )
        return _check(response, BearerToken).access_token

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> Self:
        """A client from `ZNDRAW_JOBLIB_URL` and `ZNDRAW_JOBLIB_TOKEN`, or from
        `ZNDRAW_JOBLIB_EMAIL` and `ZNDRAW_JOBLIB_PASSWORD` (a login)."""
        env = os.environ if environ is None else environ
        url = env.get(ENV_URL, URL_DEFAULT)
        if env.get(ENV_TOKEN):
            return cls(url, env[ENV_TOKEN], **kwargs)
        if env.get(ENV_EMAIL) and env.get(ENV_PASSWORD):
            return cls.login(url, env[ENV_EMAIL], env[ENV_PASSWORD], **kwargs)
        raise errors.Unauthorized(f"set {ENV_TOKEN}, or {ENV_EMAIL} and {ENV_PASSWORD}")

    # -- calls --

    @overload
    def call(self, operation: Callable[..., Response[Any]], expect: type[T], /, **kwargs: Any) -> T: ...
    @overload
    def call(self, operation: Callable[..., Response[Any]], expect: None, /, **kwargs: Any) -> None: ...
    def call(self, operation: Callable[..., Response[Any]], expect: type[T] | None, /, **kwargs: Any) -> T | None:
        """Call a generated `sync_detailed` operation; return its parsed answer as `expect`.

        `expect=None` is for answers without a body (204). Raises `errors.JobLibError`
        subclasses: the mapped problem, `APIConnectionError`, or `UnexpectedResponse`.
        """
        response = send_with_retries(
            lambda: _translated(lambda: operation(client=self.api, **kwargs)), within=self.retry_timeout
        )
        return None if expect is None else _check(response, expect)

    def long_poll(self, operation: Callable[..., Response[Any]], expect: type[T], /, **kwargs: Any) -> T:
        """`call` through the long-poll HTTP client (for `Prefer: wait=N`)."""
        response = send_with_retries(
            lambda: _translated(lambda: operation(client=self.long_poll_api, **kwargs)), within=self.retry_timeout
        )
        return _check(response, expect)

    @overload
    async def acall(
        self, operation: Callable[..., Awaitable[Response[Any]]], expect: type[T], /, **kwargs: Any
    ) -> T: ...
    @overload
    async def acall(
        self, operation: Callable[..., Awaitable[Response[Any]]], expect: None, /, **kwargs: Any
    ) -> None: ...
    async def acall(
        self, operation: Callable[..., Awaitable[Response[Any]]], expect: type[T] | None, /, **kwargs: Any
    ) -> T | None:
        """`call` for a generated `asyncio_detailed` operation."""
        response = await asend_with_retries(
            lambda: _translated_async(operation(client=self.api, **kwargs)), within=self.retry_timeout
        )
        return None if expect is None else _check(response, expect)

    async def along_poll(
        self, operation: Callable[..., Awaitable[Response[Any]]], expect: type[T], /, **kwargs: Any
    ) -> T:
        """`long_poll` for a generated `asyncio_detailed` operation."""
        response = await asend_with_retries(
            lambda: _translated_async(operation(client=self.long_poll_api, **kwargs)), within=self.retry_timeout
        )
        return _check(response, expect)

    # -- Socket.IO --

    @property
    def socketio_url(self) -> str:
        """Scheme and host of the server (Socket.IO connects there, at `socketio_path`)."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def socketio_path(self) -> str:
        """`/socket.io` below the base URL's path prefix."""
        return urlsplit(self.base_url).path.rstrip("/") + "/socket.io"

    # -- lifetime --

    def close(self) -> None:
        """Release the HTTP connections (sync clients; `aclose` for the async ones)."""
        for api in (self.api, self.long_poll_api):
            api.get_httpx_client().close()

    async def aclose(self) -> None:
        """Release all HTTP connections, sync and async."""
        self.close()
        for api in (self.api, self.long_poll_api):
            await api.get_async_httpx_client().aclose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"Client({self.base_url!r})"


NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def _connection_error(exc: httpx.TransportError) -> errors.APIConnectionError:
    error = errors.APIConnectionError(f"{type(exc).__name__}: {exc}")
    error.sent = False if isinstance(exc, NEVER_SENT) else None
    try:
        error.method = exc.request.method
    except RuntimeError:  # an exception raised before httpx built the request
        error.method = None
    return error


def _translated(send: Callable[[], Response[Any]]) -> Response[Any]:
    try:
        return send()
    except httpx.TransportError as exc:
        raise _connection_error(exc) from exc


async def _translated_async(send: Awaitable[Response[Any]]) -> Response[Any]:
    try:
        return await send
    except httpx.TransportError as exc:
        raise _connection_error(exc) from exc
