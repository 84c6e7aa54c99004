"""Run, check and write Alembic migrations against an async engine, without an alembic.ini.

The embedded SQLite default upgrades itself at start; PostgreSQL deployments run
`zndraw-joblib db upgrade` (one replica, before the others start) and the server refuses to
start on a schema that is not at the newest revision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).parent / "migrations"


class SchemaNotCurrent(RuntimeError):  # noqa: N818 - reads as a state
    """The database schema is behind the code: run `zndraw-joblib db upgrade`."""


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    revision = ScriptDirectory.from_config(config()).get_current_head()
    assert revision is not None
    return revision


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def current_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as conn:
        return await conn.run_sync(_current)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    async with engine.begin() as conn:
        await conn.run_sync(lambda sync: command.upgrade(config(sync), revision))


async def ensure_current(engine: AsyncEngine) -> None:
    revision = await current_revision(engine)
    if revision != head():
        raise SchemaNotCurrent(
            f"the database is at revision {revision or 'none'}, the code needs {head()}: run `zndraw-joblib db upgrade`"
        )


async def prepare(engine: AsyncEngine, *, auto_migrate: bool | None) -> None:
    """Upgrade automatically (the SQLite default, or when asked), else insist the schema is current."""
    if auto_migrate if auto_migrate is not None else engine.dialect.name == "sqlite":
        await upgrade(engine)
    else:
        await ensure_current(engine)


async def autogenerate(engine: AsyncEngine, message: str) -> Any:
    """Write a new revision from the difference between the models and the database (developers)."""
    async with engine.begin() as conn:
        return await conn.run_sync(lambda sync: command.revision(config(sync), message=message, autogenerate=True))
