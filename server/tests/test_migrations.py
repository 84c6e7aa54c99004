"""The migrations build exactly the schema the table models declare, on each database."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from zndraw_joblib.context import Runtime
from zndraw_joblib.store import migrate


async def test_the_migrated_schema_equals_the_models(runtime: Runtime) -> None:
    """The app's database was built by the migrations (SQLite at start, PostgreSQL from the template)."""
    assert runtime.sessionmaker is not None
    async with runtime.sessionmaker() as session:
        connection = await session.connection()
        differences = await connection.run_sync(
            lambda sync: compare_metadata(
                MigrationContext.configure(sync, opts={"compare_type": True}), SQLModel.metadata
            )
        )
        revision = await connection.run_sync(lambda sync: MigrationContext.configure(sync).get_current_revision())
    assert differences == []
    assert revision == migrate.head()
