"""The session the store runs its statements in: SQLAlchemy's ORM session, or a Core one.

Every statement of the store is Core (tables, not mapped classes), so all the store needs of a
session is `DbSession`: execute, commit, rollback, close, and the engine for the dialect. A host
app lends an `AsyncSession` (it has all of that). The standalone server's request path uses
`CoreSession` instead: the ORM session's bookkeeping around each statement and commit (its
transaction state machine, bind lookup, identity map) cost more CPU than the statements on the
embedded SQLite, ~0.2 ms per unit of work on this machine type (bench/README.md).

Like the ORM session, a `CoreSession` takes a pooled connection at its first statement and
gives it back when its transaction ends (commit or rollback) or it is closed, so nothing holds a
connection while a long-poll waits. On the embedded SQLite (`sqlite_inline`), whose calls never
wait, it runs statements, commits and rollbacks on its connection directly: only taking the
connection, which may wait for the pool, goes through SQLAlchemy's greenlet (one greenlet per
unit of work instead of one per call).
"""

from __future__ import annotations

from typing import Any, Protocol, Self

from sqlalchemy.engine import Connection, Result
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from . import sqlite_inline


class DbSession(Protocol):
    """What the store and the unit of work use of a session."""

    async def execute(self, statement: Any, params: Any = None) -> Result[Any]: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

    async def close(self) -> None: ...

    def get_bind(self) -> Any:
        """The (sync) engine: its dialect tells the store which SQL to write."""
        ...


class CoreSession:
    """A session for Core statements: one pooled connection from the first statement to the end
    of its transaction."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None
        self._inline = sqlite_inline.is_inline(engine)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def holds_connection(self) -> bool:
        """Whether a connection is checked out now (tests check that every path gives it back)."""
        return self._connection is not None

    async def execute(self, statement: Any, params: Any = None) -> Result[Any]:
        if self._connection is None:
            self._connection = await self._engine.connect()
        if self._inline:
            return _sync(self._connection).execute(statement, params)
        return await self._connection.execute(statement, params)

    async def commit(self) -> None:
        await self._end(commit=True)

    async def rollback(self) -> None:
        await self._end(commit=False)

    async def _end(self, *, commit: bool) -> None:
        """End the transaction and give the connection back, even when ending it failed."""
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            if self._inline:
                sync = _sync(connection)
                sync.commit() if commit else sync.rollback()
            else:
                await (connection.commit() if commit else connection.rollback())
        finally:
            await self._release(connection)

    async def close(self) -> None:
        """Give the connection back; an open transaction is rolled back by the pool."""
        connection, self._connection = self._connection, None
        if connection is not None:
            await self._release(connection)

    async def _release(self, connection: AsyncConnection) -> None:
        if self._inline:
            _sync(connection).close()
        else:
            await connection.close()

    def get_bind(self) -> Any:
        return self._engine.sync_engine


def _sync(connection: AsyncConnection) -> Connection:
    """The started connection's synchronous side (an `AsyncConnection` from `engine.connect()`)."""
    sync = connection.sync_connection
    assert sync is not None  # `engine.connect()` returns started connections
    return sync
