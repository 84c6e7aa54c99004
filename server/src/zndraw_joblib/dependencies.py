"""FastAPI dependencies, each overridable by a host app (library mode).

All are `async def`: FastAPI runs a plain `def` dependency in its thread pool, which cost a
thread round trip per dependency per request (bench/README.md).

A host that embeds the router overrides what it owns, typically:

    app.dependency_overrides[get_session] = host_session          # yields an AsyncSession
    app.dependency_overrides[get_current_user] = host_current_user # returns an object with `.id`
    app.dependency_overrides[get_is_superuser] = host_is_admin     # returns a bool

and sets `app.state.zndraw_joblib = Runtime(settings, ...)` (or overrides `get_runtime`) for
the emitter, the bus and the settings.

The standalone server does not use this tree: its identities come from its own accounts, so
`standalone_context` builds the context in one step from `app.state`. FastAPI solves each
dependency of a request in turn (signature, cache key, overrides), and the tree of seven cost
~14 % of the server's CPU per drained task (bench/README.md); the one step costs a fraction.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from . import problems
from .auth import Authenticator
from .context import Context, Runtime
from .settings import Settings
from .task_states import Actor

RUNTIME_STATE = "zndraw_joblib"
AUTHENTICATOR_STATE = "zndraw_joblib_authenticator"


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime | None = getattr(request.app.state, RUNTIME_STATE, None)
    if runtime is None:
        raise RuntimeError("set app.state.zndraw_joblib = Runtime(...) or override get_runtime")
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_settings(runtime: RuntimeDep) -> Settings:
    return runtime.settings


async def get_session(runtime: RuntimeDep) -> AsyncIterator[AsyncSession]:
    async with runtime.session() as session:
        yield session


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def get_current_user(request: Request) -> Any:
    """The user of the bearer token (standalone); hosts override it with their own user."""
    authenticator: Authenticator | None = getattr(request.app.state, AUTHENTICATOR_STATE, None)
    if authenticator is None:
        raise RuntimeError("no authenticator: override get_current_user in library mode")
    identity = await authenticator.identify(bearer_token(request))
    if identity is None:
        raise problems.Unauthorized("A valid bearer token is required.", headers={"WWW-Authenticate": "Bearer"})
    return identity


CurrentUser = Annotated[Any, Depends(get_current_user)]


async def get_is_superuser(user: CurrentUser) -> bool:
    return bool(getattr(user, "is_superuser", False))


async def get_actor(user: CurrentUser, is_superuser: Annotated[bool, Depends(get_is_superuser)]) -> Actor:
    return Actor(user_id=user.id, is_superuser=is_superuser, identity=user)


SessionDep = Annotated[AsyncSession, Depends(get_session)]
ActorDep = Annotated[Actor, Depends(get_actor)]


async def get_context(session: SessionDep, actor: ActorDep, runtime: RuntimeDep) -> Context:
    return Context(session=session, actor=actor, runtime=runtime)


ContextDep = Annotated[Context, Depends(get_context)]


async def standalone_context(request: Request) -> Context:
    """The context of a request to the standalone server: its runtime and authenticator from
    `app.state`, the user of the bearer token (401 without one), a new session.

    No dependency closes the session: every operation closes it when it ends
    (`services.resilience`), and a request refused before its operation never opened it.
    """
    state = request.app.state
    runtime: Runtime = getattr(state, RUNTIME_STATE)
    authenticator: Authenticator = getattr(state, AUTHENTICATOR_STATE)
    identity = await authenticator.identify(bearer_token(request))
    if identity is None:
        raise problems.Unauthorized("A valid bearer token is required.", headers={"WWW-Authenticate": "Bearer"})
    actor = Actor(user_id=identity.id, is_superuser=identity.is_superuser, identity=identity)
    return Context(session=runtime.core_session(), actor=actor, runtime=runtime)
