"""`create_app(settings)`: the standalone server, composed from the parts.

The embedded default and the distributed deployment differ only in what is wired here: the
engine (SQLite file or PostgreSQL), the bus and result store (in-process or Redis), the
Socket.IO client manager and the internal-job broker. Nothing else branches on the deployment.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
from collections.abc import AsyncIterator, Callable, Sequence
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import socketio
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.types import Receive, Scope, Send

from . import http_errors, metrics, request_ids
from .auth import Authenticator, ensure_admin
from .context import Runtime
from .dependencies import AUTHENTICATOR_STATE, RUNTIME_STATE
from .edge import Edge
from .internal import InternalExecutor, load_extensions, make_broker
from .providers_cache import MemoryResultStore, RedisResultStore, ResultStore
from .realtime import socketio as realtime
from .realtime.bus import Bus, MemoryBus
from .realtime.emit import Emitter, FanoutEmitter
from .realtime.redis_bus import RedisBus
from .services import queue_router
from .settings import Settings
from .sockets import SocketHandlers
from .store import migrate
from .store.engine import make_engine, make_sessionmaker
from .sweeper import Sweeper
from .ui import install_api_docs, mount_dashboard


def spec_document(name: str) -> dict[str, Any]:
    """One of the two hand-written documents, as shipped in the package (`make generate` copies them)."""
    document: dict[str, Any] = json.loads(
        resources.files("zndraw_joblib._generated").joinpath(f"{name}.json").read_text()
    )
    return document


def _shared_state(settings: Settings) -> tuple[Bus, ResultStore, socketio.AsyncManager | None]:
    """What replicas share: Redis when `redis_url` is set, in-process objects otherwise."""
    if settings.redis_url:
        timeout = settings.redis_timeout_seconds
        return (
            RedisBus(settings.redis_url, timeout_seconds=timeout),
            RedisResultStore(settings.redis_url, timeout_seconds=timeout),
            socketio.AsyncRedisManager(settings.redis_url, channel=realtime.SOCKETIO_CHANNEL),
        )
    return MemoryBus(), MemoryResultStore(), None


@contextlib.asynccontextmanager
async def running(
    runtime: Runtime, engine: AsyncEngine, sockets: SocketHandlers, authenticator: Authenticator
) -> AsyncIterator[None]:
    """Start order: schema, bus, internal jobs, admin, sweeper; stop in reverse."""
    settings = runtime.settings
    await migrate.prepare(engine, auto_migrate=settings.auto_migrate)
    await runtime.bus.start()
    if runtime.executor is not None:
        await runtime.executor.start()
    assert runtime.sessionmaker is not None
    await ensure_admin(runtime.sessionmaker, settings, authenticator.passwords)
    sweeper = asyncio.create_task(Sweeper.from_runtime(runtime).run_forever(), name="zndraw-joblib-sweeper")
    # Start-up leaves ~300k long-lived objects; frozen, the collector no longer walks them in every
    # full collection (those walks were the 100-180 ms p99 spikes of bench/ fan-out).
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        await begin_shutdown(runtime, sockets)
        runtime.cancel_timers()
        await runtime.progress.drain()
        sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sweeper
        if runtime.executor is not None:
            await runtime.executor.stop()
        await sockets.drain()
        await realtime.shutdown_server(sockets.sio)
        await runtime.bus.close()
        if runtime.results is not None:
            await runtime.results.close()
        await engine.dispose()
        metrics.process_ended()


async def begin_shutdown(runtime: Runtime, sockets: SocketHandlers) -> None:
    """End every wait and close every socket now, so the server stops within seconds rather than
    after the longest long-poll. Idempotent; `zndraw-joblib serve` calls it on SIGTERM/SIGINT,
    before uvicorn waits for the open requests, and the lifespan calls it again at the end."""
    runtime.begin_shutdown()
    if not sockets.stopping:
        await sockets.close_all()


SOCKETIO_MOUNT = f"/{realtime.SOCKETIO_PATH}"


class RestCORSMiddleware(CORSMiddleware):
    """CORS for everything but Socket.IO, which answers CORS itself.

    python-engineio checks the `Origin` of the Socket.IO handshake and of the WebSocket upgrade
    against the same `cors_allowed_origins` and sets `Access-Control-Allow-Origin` on its
    answers. Had this middleware added its own too, the handshake would carry the header twice,
    and browsers refuse such an answer: a page on another origin could not connect.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] == "http" and (path == SOCKETIO_MOUNT or path.startswith(f"{SOCKETIO_MOUNT}/")):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def socketio_origin_check(origins: Sequence[str]) -> Callable[[str | None, dict[str, Any]], bool]:
    """python-engineio's origin check when `cors_allowed_origins` is set: those origins, and the
    server's own host (`Host` or `X-Forwarded-Host`).

    Given a plain list, python-engineio would accept exactly the list and refuse the server's own
    origin, which non-browser clients send: the Python worker SDK's WebSocket client sends its
    target as `Origin`, so every Python worker would be refused once a browser origin is allowed.
    """
    allowed = frozenset(origins)

    def allows(origin: str | None, environ: dict[str, Any]) -> bool:
        if not origin or origin in allowed:
            return True
        own = {environ.get("HTTP_HOST"), environ.get("HTTP_X_FORWARDED_HOST")} - {None}
        return urlsplit(origin).netloc in own

    return allows


def _http_surface(app: FastAPI, settings: Settings, sio: socketio.AsyncServer) -> None:
    """Problems, the generated routes, the served documents, Socket.IO and the middleware."""
    asyncapi = spec_document("asyncapi")
    http_errors.install(app)
    queue_router(app.router, with_accounts=True)

    @app.get("/asyncapi.json", include_in_schema=False)
    async def _asyncapi() -> JSONResponse:
        return JSONResponse(asyncapi)

    install_api_docs(app, title=app.title)  # offline /docs and /redoc
    mount_dashboard(app)  # /ui/

    app.mount(SOCKETIO_MOUNT, realtime.asgi_app(sio))
    app.add_middleware(
        Edge,
        max_bytes=settings.max_body_bytes,
        timeout_seconds=settings.body_timeout_seconds,
        log_access=settings.log_format == "json",
    )
    if settings.cors_allowed_origins:  # outermost: every answer of the edge (413, 500) gets the headers too
        app.add_middleware(
            RestCORSMiddleware,
            allow_origins=list(settings.cors_allowed_origins),
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["Location", "Retry-After", "Preference-Applied", request_ids.HEADER],
        )


def create_app(settings: Settings | None = None, *, also_emit_to: Emitter | None = None) -> FastAPI:
    """The standalone server: REST at `/`, Socket.IO at `/socket.io/`, the dashboard at `/ui/`, the
    API docs at `/docs` and `/redoc`, one ASGI app.

    `also_emit_to` receives every emission besides Socket.IO (tests record them with it).
    """
    settings = settings or Settings()
    engine = make_engine(
        settings.effective_database_url,
        pool_size=settings.database_pool_size,
        timeout=settings.database_timeout_seconds,
    )
    sessionmaker = make_sessionmaker(engine)
    bus, results, client_manager = _shared_state(settings)
    sio = realtime.create_server(client_manager=client_manager, cors_origins=settings.cors_allowed_origins)
    if settings.cors_allowed_origins:
        sio.eio.cors_allowed_origins = socketio_origin_check(settings.cors_allowed_origins)
    emitter: Emitter = realtime.SocketIOEmitter(sio)
    if also_emit_to is not None:
        emitter = FanoutEmitter(emitter, also_emit_to)
    runtime = Runtime(settings=settings, sessionmaker=sessionmaker, bus=bus, emitter=emitter, results=results)
    extensions = load_extensions(settings.internal_extensions)
    if extensions:
        broker = make_broker(settings.internal_broker, settings.redis_url)
        runtime.executor = InternalExecutor(runtime, extensions, broker=broker)
    authenticator = Authenticator(settings, sessionmaker)
    sockets = SocketHandlers(sio, runtime, authenticator.identify)
    sockets.install()

    openapi = spec_document("openapi")
    app = FastAPI(
        title=openapi["info"]["title"],
        version=openapi["info"]["version"],
        lifespan=lambda _app: running(runtime, engine, sockets, authenticator),
        openapi_url="/openapi.json",
        docs_url=None,  # FastAPI's pages load from a CDN; ui.install_api_docs serves packaged copies
        redoc_url=None,
        telemetry=None if settings.opentelemetry else {"tracing": False, "metrics": False, "logs": False},
    )
    app.openapi = lambda: openapi  # type: ignore[method-assign]  # serve the contract, not FastAPI's own
    setattr(app.state, RUNTIME_STATE, runtime)
    setattr(app.state, AUTHENTICATOR_STATE, authenticator)
    app.state.sio = sio
    app.state.socket_handlers = sockets
    _http_surface(app, settings, sio)
    return app
