"""The implementations of the generated stubs, one module per tag, and their FastAPI providers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request

from zndraw_joblib._generated.api import build_router
from zndraw_joblib.dependencies import (
    AUTHENTICATOR_STATE,
    ContextDep,
    RuntimeDep,
    SessionDep,
    bearer_token,
    standalone_context,
)

from .auth import AuthService
from .health import HealthService
from .jobs import JobsService
from .metrics import MetricsService, check_access
from .providers import ProvidersService
from .tasks import TasksService
from .workers import WorkersService


async def workers_api(ctx: ContextDep) -> WorkersService:
    return WorkersService(ctx)


async def jobs_api(ctx: ContextDep) -> JobsService:
    return JobsService(ctx)


async def tasks_api(ctx: ContextDep) -> TasksService:
    return TasksService(ctx)


async def providers_api(ctx: ContextDep) -> ProvidersService:
    return ProvidersService(ctx)


async def standalone_workers_api(request: Request) -> WorkersService:
    return WorkersService(await standalone_context(request))


async def standalone_jobs_api(request: Request) -> JobsService:
    return JobsService(await standalone_context(request))


async def standalone_tasks_api(request: Request) -> TasksService:
    return TasksService(await standalone_context(request))


async def standalone_providers_api(request: Request) -> ProvidersService:
    return ProvidersService(await standalone_context(request))


async def health_api(runtime: RuntimeDep) -> HealthService:
    return HealthService(runtime)


async def metrics_api(
    runtime: RuntimeDep, authorization: Annotated[str | None, Header(include_in_schema=False)] = None
) -> MetricsService:
    """The metrics, for whoever the `metrics_token` setting lets read them (401/403 problems)."""
    check_access(runtime.settings, authorization)
    return MetricsService(runtime)


async def auth_api(request: Request, session: SessionDep, runtime: RuntimeDep) -> AuthService:
    return AuthService(session, runtime, getattr(request.app.state, AUTHENTICATOR_STATE), bearer_token(request))


def queue_router(router: APIRouter | None = None, *, with_accounts: bool = False) -> APIRouter:
    """The queue's operations (workers, jobs, tasks, providers).

    `with_accounts` is the standalone server: it adds its auth, health and metrics operations,
    and its users are its own accounts, so each queue operation gets its context in one step
    (`standalone_context`), called by the route itself (`direct`). Without it (a host app), the
    context comes from the overridable dependencies of `zndraw_joblib.dependencies`.
    """
    if with_accounts:
        router = build_router(
            router=router,
            direct=True,
            workers=standalone_workers_api,
            jobs=standalone_jobs_api,
            tasks=standalone_tasks_api,
            providers=standalone_providers_api,
        )
        return build_router(router=router, auth=auth_api, health=health_api, metrics=metrics_api)
    return build_router(
        router=router,
        workers=workers_api,
        jobs=jobs_api,
        tasks=tasks_api,
        providers=providers_api,
    )
