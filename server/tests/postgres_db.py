"""One migrated PostgreSQL database per test session, emptied before each test.

The database is migrated once (the migrations themselves are under test in
test_migrations.py); before each test every table is truncated, which takes milliseconds,
where creating and dropping a database per test took about a second.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from zndraw_joblib.store import migrate
from zndraw_joblib.store.engine import make_engine

DATABASE = "joblib_tests"
_ready: list[str] = []
_lock = threading.Lock()


def _run(coro: Any) -> Any:
    """Run a coroutine to completion from sync code, even when an event loop is running."""
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(asyncio.run(coro)))
    thread.start()
    thread.join()
    return result[0] if result else None


def _dsn(url: str, database: str) -> str:
    parsed = make_url(url)
    return f"postgresql://{parsed.username}@{parsed.host}:{parsed.port}/{database}"


async def _create(url: str, test_url: str) -> None:
    connection = await asyncpg.connect(_dsn(url, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{DATABASE}"')
    finally:
        await connection.close()
    engine = make_engine(test_url)
    try:
        await migrate.upgrade(engine)
    finally:
        await engine.dispose()


async def _truncate(url: str) -> None:
    tables = ", ".join(f'"{table.name}"' for table in SQLModel.metadata.sorted_tables)
    connection = await asyncpg.connect(_dsn(url, DATABASE))
    try:
        await connection.execute(f"TRUNCATE {tables} CASCADE")
    finally:
        await connection.close()


def fresh_database(url: str) -> str:
    """The URL of the session's migrated database, emptied."""
    test_url = make_url(url).set(database=DATABASE).render_as_string(hide_password=False)
    with _lock:
        if not _ready:
            _run(_create(url, test_url))
            _ready.append(test_url)
    _run(_truncate(url))
    return test_url
