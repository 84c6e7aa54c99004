"""`zndraw-joblib serve`: uvicorn, hardened for strangers' clients, restarts and start-up errors.

- Slow clients: request headers must arrive within `header_timeout_seconds` of a connection or
  of a request's first byte (else the connection is closed); bodies are bounded by the app
  (`edge.Edge`, 408). Past `max_connections` open connections a new one gets a
  503 problem and is closed, so descriptors stay for requests that are being served; the soft
  descriptor limit is raised to the hard one at start where the system allows.
- Keep-alive: idle connections are kept `KEEP_ALIVE_SECONDS`, longer than the pools of common
  clients (httpx 5 s, browsers, proxies 60 s): the client, not the server, closes an idle
  connection, so a request never races a server-side close.
- Shutdown: on SIGTERM/SIGINT every wait ends and every socket closes before uvicorn waits for
  open requests, so the process exits within seconds, not after the longest long-poll.
- Start-up errors (an unreachable database, a URL without its driver, an old schema, a missing
  key) print one line with the cause and what to do, not a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import resource
import sys
from typing import Any

import redis.asyncio as aioredis
import sqlalchemy.exc
import uvicorn
from sqlalchemy import text
from sqlalchemy.engine import make_url
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from . import faults, logs
from .app import begin_shutdown, create_app
from .settings import MissingSecretKey, Settings
from .store import migrate
from .store.engine import make_engine

KEEP_ALIVE_SECONDS = 75
SHUTDOWN_GRACE_SECONDS = 5
"""A request still running this long after shutdown began is cancelled."""
DESCRIPTORS_KEPT = 64
"""Descriptors left for the database, Redis and files when the connection limit is derived."""

BUSY_RESPONSE = (
    b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/problem+json\r\n"
    b"retry-after: 1\r\nconnection: close\r\ncontent-length: %d\r\n\r\n%s"
)
BUSY_BODY = (
    b'{"type":"/v1/problems/service-unavailable","title":"Service unavailable","status":503,'
    b'"detail":"Too many open connections; try again shortly."}'
)


class StartupError(Exception):
    """The server cannot start; the message says why and what to do, in one line."""


def guarded_protocol(header_timeout: float, max_connections: int) -> type[HttpToolsProtocol]:
    """uvicorn's HTTP protocol with a header deadline and a connection limit."""

    class GuardedHttpToolsProtocol(HttpToolsProtocol):
        _header_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            if len(self.connections) > max_connections:
                transport.write(BUSY_RESPONSE % (len(BUSY_BODY), BUSY_BODY))
                transport.close()
                return
            self._arm()  # a connection that sends nothing at all is cut too

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._arm()

        def on_headers_complete(self) -> None:
            self._disarm()
            super().on_headers_complete()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            if self._header_timer is None:
                self._header_timer = self.loop.call_later(header_timeout, self._too_slow)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _too_slow(self) -> None:
            self._header_timer = None
            if not self.transport.is_closing():
                self.transport.close()

    return GuardedHttpToolsProtocol


def raise_descriptor_limit() -> int:
    """Raise the soft limit of open files to the hard one where allowed; the limit in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 1 << 16)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def _redacted(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


async def preflight(settings: Settings) -> None:
    """Check what the server needs before serving; raise `StartupError` with a one-line reason."""
    try:
        settings.jwt_secret()
    except MissingSecretKey as exc:
        raise StartupError(str(exc)) from None
    url = settings.effective_database_url
    try:
        engine = make_engine(url, timeout=settings.database_timeout_seconds)
    except (sqlalchemy.exc.ArgumentError, sqlalchemy.exc.InvalidRequestError, ModuleNotFoundError) as exc:
        raise StartupError(
            f"database_url {_redacted(url)!r} cannot be used ({exc}); "
            "use postgresql+asyncpg://… or sqlite+aiosqlite:///…"
        ) from None
    try:
        async with engine.connect() as connection:
            await connection.run_sync(lambda sync: sync.execute(text("SELECT 1")))  # any driver, inline too
        await migrate.prepare(engine, auto_migrate=settings.auto_migrate)
    except migrate.SchemaNotCurrent as exc:
        raise StartupError(str(exc)) from None
    except Exception as exc:
        if not faults.is_unavailable(exc):
            raise
        raise StartupError(
            f"cannot reach the database at {_redacted(url)} ({faults.brief(exc)}); "
            "is it running, and is ZNDRAW_JOBLIB_DATABASE_URL right?"
        ) from None
    finally:
        await engine.dispose()
    if settings.redis_url:
        client = aioredis.Redis.from_url(settings.redis_url, socket_connect_timeout=settings.redis_timeout_seconds)
        try:
            await client.ping()
        except Exception as exc:
            raise StartupError(
                f"cannot reach Redis at {_redacted(settings.redis_url)} ({faults.brief(exc)}); "
                "is it running, and is ZNDRAW_JOBLIB_REDIS_URL right?"
            ) from None
        finally:
            await client.aclose()


class GracefulServer(uvicorn.Server):
    """On the first SIGTERM/SIGINT: end the app's waits and close its sockets, then stop as usual."""

    def __init__(self, config: uvicorn.Config, on_exit: Any) -> None:
        super().__init__(config)
        self._on_exit = on_exit
        self._stopping: asyncio.Task[None] | None = None

    def handle_exit(self, sig: int, frame: Any) -> None:
        if self._stopping is None:
            with contextlib.suppress(RuntimeError):  # no running loop: nothing to end
                self._stopping = asyncio.get_running_loop().create_task(self._on_exit())
        super().handle_exit(sig, frame)


def _log_options(settings: Settings, log_level: str) -> dict[str, Any]:
    """uvicorn's own logging (text), or JSON lines for every logger with the app's access lines
    (which carry the request id) instead of uvicorn's."""
    if settings.log_format == "json":
        return {"log_config": logs.json_config(log_level), "access_log": False}
    return {}


def serve(settings: Settings, *, log_level: str = "info") -> None:
    """Check, then serve until a signal; exits with status 2 and one line on a start-up error."""
    try:
        asyncio.run(preflight(settings))
        app = create_app(settings)
    except (StartupError, MissingSecretKey) as exc:
        print(f"zndraw-joblib: cannot start: {exc}", file=sys.stderr)  # noqa: T201 - the one line
        raise SystemExit(2) from None
    descriptors = raise_descriptor_limit()
    max_connections = max(1, min(settings.max_connections, descriptors - DESCRIPTORS_KEPT))
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level=log_level,
        http=guarded_protocol(settings.header_timeout_seconds, max_connections),
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,
        **_log_options(settings, log_level),
    )
    runtime = app.state.zndraw_joblib
    sockets = app.state.socket_handlers
    GracefulServer(config, lambda: begin_shutdown(runtime, sockets)).run()
