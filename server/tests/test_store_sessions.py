"""`CoreSession`: the request path's session holds a pooled connection only inside a transaction."""

from __future__ import annotations

from sqlalchemy import select

from zndraw_joblib.context import Runtime
from zndraw_joblib.store.engine import dialect_name
from zndraw_joblib.store.sessions import CoreSession
from zndraw_joblib.store.tables import worker_table
from zndraw_joblib.store.types import new_id, utcnow


def _insert(worker_id: object) -> object:
    now = utcnow()
    return worker_table.insert().values(id=worker_id, user_id=new_id(), created_at=now, last_heartbeat=now)


async def _exists(runtime: Runtime, worker_id: object) -> bool:
    async with runtime.core_session() as session:
        found = (await session.execute(select(worker_table.c.id).where(worker_table.c.id == worker_id))).first()
        await session.rollback()
    return found is not None


async def test_a_commit_keeps_the_change_and_gives_the_connection_back(runtime: Runtime) -> None:
    session = runtime.core_session()
    assert not session.holds_connection  # nothing is taken before the first statement
    worker_id = new_id()
    await session.execute(_insert(worker_id))
    assert session.holds_connection
    await session.commit()
    assert not session.holds_connection
    assert await _exists(runtime, worker_id)


async def test_a_rollback_or_a_close_drops_the_change_and_gives_the_connection_back(runtime: Runtime) -> None:
    rolled_back, closed = new_id(), new_id()
    session = runtime.core_session()
    await session.execute(_insert(rolled_back))
    await session.rollback()
    assert not session.holds_connection
    async with runtime.core_session() as other:
        await other.execute(_insert(closed))
    assert not other.holds_connection
    assert not await _exists(runtime, rolled_back)
    assert not await _exists(runtime, closed)


async def test_one_session_runs_several_transactions_one_after_another(runtime: Runtime) -> None:
    """The embedded SQLite pool has one connection: a session that kept it would stall the next."""
    session = runtime.core_session()
    ids = [new_id() for _ in range(3)]
    for worker_id in ids:
        await session.execute(_insert(worker_id))
        await session.commit()
        assert await _exists(runtime, worker_id)  # another session gets the connection meanwhile
    await session.close()
    assert dialect_name(session) in {"sqlite", "postgresql"}


async def test_closing_an_unused_session_is_harmless(runtime: Runtime) -> None:
    session = CoreSession(runtime.sessionmaker.kw["bind"])  # type: ignore[union-attr]
    await session.close()
    await session.commit()
    await session.rollback()
    assert not session.holds_connection
