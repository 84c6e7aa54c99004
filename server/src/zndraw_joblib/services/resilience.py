"""Operations that lose the database or Redis midway: answered 503, retried once when that is safe.

Without pre-ping (a round trip per request), a pooled connection that died with its server
fails the first statement that uses it; SQLAlchemy then invalidates it and every other
connection from before the failure, so a second attempt gets a fresh one. An operation is run
again only if nothing was committed yet and no commit failed midway (`Context.may_retry`):
otherwise running it again could do its work twice, and it answers 503 instead.

An operation also ends its session here, whatever happened: the standalone server opens it
without a dependency that would close it (`dependencies.standalone_context`), and a host's
session dependency closing it again is harmless.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from zndraw_joblib import faults
from zndraw_joblib.context import Context

RETRY_DELAY_SECONDS = 0.1
"""A pause before the second attempt: a restarting database is often back within it."""

T = TypeVar("T")


def resilient(cls: type[T]) -> type[T]:
    """Wrap every public coroutine method the class defines (its API operations)."""
    for name, method in list(vars(cls).items()):
        if not name.startswith("_") and inspect.iscoroutinefunction(method):
            setattr(cls, name, _resilient(method))
    return cls


def _record(ctx: Context, dependency: str, exc: BaseException) -> None:
    if dependency == "Redis":
        ctx.runtime.publishing.failed(exc)
    else:
        ctx.runtime.outages.failed(exc)


def _resilient(method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(method)
    async def call(self: Any, **kwargs: Any) -> Any:
        try:
            return await _attempts(method, self, kwargs)
        finally:
            with contextlib.suppress(Exception):  # a lost connection is invalidated by the pool anyway
                await self.ctx.session.close()

    return call


def _lost(ctx: Context, exc: Exception) -> str:
    """The dependency (database or Redis) whose loss `exc` is, recorded; other errors propagate."""
    dependency = faults.unavailable_dependency(exc)
    if dependency is None:
        raise exc
    _record(ctx, dependency, exc)
    return dependency


async def _attempts(method: Callable[..., Awaitable[Any]], self: Any, kwargs: dict[str, Any]) -> Any:
    """Run the operation; once more after losing a dependency when that is safe."""
    ctx: Context = self.ctx
    try:
        return await method(self, **kwargs)
    except Exception as exc:
        dependency = _lost(ctx, exc)
        if not ctx.may_retry:
            raise faults.unavailable(dependency, safe_to_retry=False) from exc
    await asyncio.sleep(RETRY_DELAY_SECONDS)
    with contextlib.suppress(Exception):
        await ctx.session.rollback()
    try:
        return await method(self, **kwargs)
    except Exception as exc:
        raise faults.unavailable(_lost(ctx, exc), safe_to_retry=ctx.may_retry) from exc
