"""An aiosqlite-compatible connection that runs SQLite on the event loop's own thread.

aiosqlite runs every call on a worker thread; SQLAlchemy's adapter makes four such calls per
statement (cursor, execute, fetchall, close), and each hop waits behind the event loop. For
the embedded default (one SQLite file in WAL mode, `synchronous=NORMAL`, one connection per
process) a statement takes microseconds, so the hops, not the queries, bounded throughput
(bench/README.md). This adapter implements the part of aiosqlite's interface that
SQLAlchemy's `sqlite+aiosqlite` dialect uses and answers each call inline.

Known limit: while a statement runs, the event loop waits for it. That is the point for
microsecond statements; a statement that waits on another process's write lock (the CLI
creating a user while the server writes) blocks the loop for up to `busy_timeout`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any


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

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> InlineCursor:
        if parameters is None:
            self._cursor.execute(sql)
        else:
            self._cursor.execute(sql, parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> InlineCursor:
        self._cursor.executemany(sql, parameters)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size) if size is not None else self._cursor.fetchmany()

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
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

    async def cursor(self) -> InlineCursor:
        return InlineCursor(self._conn.cursor())

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> InlineCursor:
        cursor = await self.cursor()
        return await cursor.execute(sql, parameters)

    async def create_function(self, name: str, num_params: int, func: Callable[..., Any], **kw: Any) -> None:
        self._conn.create_function(name, num_params, func, **kw)

    async def commit(self) -> None:
        self._conn.commit()

    async def rollback(self) -> None:
        self._conn.rollback()

    async def close(self) -> None:
        self._conn.close()

    def stop(self) -> None:
        """aiosqlite's forced shutdown (SQLAlchemy's terminate); nothing runs in the background here."""
        self._conn.close()


def creator(database: str, pragmas: Sequence[str]) -> Callable[[], Any]:
    """An `async_creator` for `create_async_engine` that opens inline connections."""

    async def connect() -> InlineConnection:
        if database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(database, check_same_thread=False)  # SQLAlchemy's own arguments
        for pragma in pragmas:
            connection.execute(pragma)
        return InlineConnection(connection)

    return connect
