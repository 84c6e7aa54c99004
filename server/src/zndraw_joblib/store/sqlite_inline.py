"""An aiosqlite-compatible connection that runs SQLite on the event loop's own thread.

aiosqlite runs every call on a worker thread; SQLAlchemy's adapter makes four such calls per
statement (cursor, execute, fetchall, close), and each hop waits behind the event loop. For
the embedded default (one SQLite file in WAL mode, `synchronous=NORMAL`, one connection per
process) a statement takes microseconds, so the hops, not the queries, bounded throughput
(bench/README.md). This adapter implements the part of aiosqlite's interface that
SQLAlchemy's `sqlite+aiosqlite` dialect uses and answers each call inline.

Its calls return their results, not coroutines, and the engine is given a DB-API module
(`engine_arguments`) whose adapted connection hands those results straight back: SQLAlchemy's
adapter otherwise switches greenlets twice per call (cursor, execute, fetch, close, commit) to
await a coroutine that never waits. So code that holds a connection of such an engine may call
it without a greenlet at all (`sessions.CoreSession`). The one thing this cannot serve is
`AsyncConnection.execute`, which insists that its call awaited something: use `run_sync`.

Known limit: while a statement runs, the event loop waits for it. That is the point for
microsecond statements; a statement that waits on another process's write lock (the CLI
creating a user while the server writes) blocks the loop for up to `busy_timeout`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import AsyncAdapt_aiosqlite_connection, AsyncAdapt_aiosqlite_dbapi
from sqlalchemy.ext.asyncio import AsyncEngine


class InlineCursor:
    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> InlineCursor:
        if parameters is None:
            self._cursor.execute(sql)
        else:
            self._cursor.execute(sql, parameters)
        return self

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> InlineCursor:
        self._cursor.executemany(sql, parameters)
        return self

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size) if size is not None else self._cursor.fetchmany()

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    def close(self) -> None:
        self._cursor.close()


class InlineConnection:
    """What `sqlalchemy.dialects.sqlite.aiosqlite` calls on an aiosqlite connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._conn = connection

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    @isolation_level.setter
    def isolation_level(self, value: Any) -> None:
        self._conn.isolation_level = value

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction

    def cursor(self) -> InlineCursor:
        return InlineCursor(self._conn.cursor())

    def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> InlineCursor:
        return self.cursor().execute(sql, parameters)

    def create_function(self, name: str, num_params: int, func: Callable[..., Any], **kw: Any) -> None:
        self._conn.create_function(name, num_params, func, **kw)

    def commit(self) -> None:
        self._conn.commit()

    def rollback(self) -> None:
        self._conn.rollback()

    def close(self) -> None:
        self._conn.close()

    def stop(self) -> None:
        """aiosqlite's forced shutdown (SQLAlchemy's terminate); nothing runs in the background here."""
        self._conn.close()


def _ready(value: Any) -> Any:
    """The adapter's `await_` for inline calls: their result is there already."""
    return value


class _AdaptedInline(AsyncAdapt_aiosqlite_connection):
    """SQLAlchemy's aiosqlite connection adapter over an `InlineConnection`."""

    __slots__ = ()
    await_ = staticmethod(_ready)  # type: ignore[assignment]  # results, not awaitables

    def terminate(self) -> None:
        self._connection.close()


class _InlineDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """The dialect's own DB-API module (its errors and constants), marked: its calls never wait."""

    inline = True


def is_inline(engine: AsyncEngine) -> bool:
    """Whether `engine`'s connections are inline ones, whose calls may run without a greenlet."""
    return bool(getattr(engine.sync_engine.dialect.dbapi, "inline", False))


def engine_arguments(database: str, pragmas: Sequence[str]) -> dict[str, Any]:
    """`module` and `creator` for `create_async_engine`: the dialect's own DB-API module (its
    errors and constants) and a creator of inline connections adapted for it."""
    module = _InlineDBAPI(aiosqlite, sqlite3)

    def connect() -> _AdaptedInline:
        if database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(database, check_same_thread=False)  # SQLAlchemy's own arguments
        for pragma in pragmas:
            connection.execute(pragma)
        return _AdaptedInline(module, InlineConnection(connection))  # type: ignore[arg-type]  # sync calls

    return {"module": module, "creator": connect}
