"""Engines and sessions for the two databases; the only place besides the claim that knows the dialect.

SQLite (the embedded default) runs in WAL mode with `synchronous=NORMAL` and one pooled
connection per process (SQLite has one writer anyway), driven inline on the event loop by
`sqlite_inline` rather than through aiosqlite's worker thread: the statements take
microseconds, the thread hops took most of each request. PostgreSQL gets a normal pool.
Sessions never expire objects on commit; transactions are kept short and are never held
across a long-poll wait or an emit.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import CursorResult, Result, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import AsyncAdaptedQueuePool
from sqlmodel import SQLModel

from . import (
    sqlite_inline,
    tables,  # noqa: F401 - registers the tables on SQLModel.metadata
)
from .sessions import DbSession

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
)
TIMEOUT_DEFAULT = 10.0


def make_engine(url: str, *, pool_size: int = 10, timeout: float = TIMEOUT_DEFAULT, echo: bool = False) -> AsyncEngine:
    """An engine whose every wait is bounded by `timeout` seconds: a pool checkout, a connect, a
    statement (PostgreSQL's `command_timeout`), a lock (SQLite's `busy_timeout`)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        pragmas = (*SQLITE_PRAGMAS, f"PRAGMA busy_timeout={int(timeout * 1000)}")
        return create_async_engine(
            url,
            echo=echo,
            **sqlite_inline.engine_arguments(parsed.database or ":memory:", pragmas),
            poolclass=AsyncAdaptedQueuePool,
            pool_size=1,
            max_overflow=0,
            pool_timeout=timeout,
        )
    # No pre-ping (a round trip per checkout on every request): a connection that died with its
    # server fails the statement that meets it, SQLAlchemy then replaces every pooled connection
    # made before, and services/resilience.py retries the operation once where that is safe.
    return create_async_engine(
        url,
        echo=echo,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_recycle=1800,
        pool_timeout=timeout,
        connect_args={"timeout": timeout, "command_timeout": timeout},
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


async def create_tables(engine: AsyncEngine) -> None:
    """Create missing tables (the embedded default; PostgreSQL deployments use migrations)."""
    async with engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.create_all)


def insert_ignoring_conflicts(session: DbSession, table: Any) -> Any:
    """`INSERT … ON CONFLICT DO NOTHING` for the session's dialect (both spell it the same)."""
    if dialect_name(session) == "postgresql":
        return postgresql_insert(table).on_conflict_do_nothing()
    return sqlite_insert(table).on_conflict_do_nothing()


def affected(result: Result[Any]) -> int:
    """Rows an INSERT/UPDATE/DELETE touched (the result of such a statement is a CursorResult)."""
    return cast("CursorResult[Any]", result).rowcount


def dialect_name(engine_or_session: AsyncEngine | DbSession) -> str:
    bind = engine_or_session if isinstance(engine_or_session, AsyncEngine) else engine_or_session.get_bind()
    return str(bind.dialect.name)
