"""What one operation works with, and the unit of work that commits before it announces.

`Runtime` holds the process-wide parts (settings, engine, bus, emitter, result store, internal
executor) that `create_app` wires once; `Context` adds the request's session and actor.
`Context.transaction()` is the only way services change state: it commits, then delivers the
outbox (Socket.IO emissions and bus wake-ups), or rolls back and delivers nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from .access import OpenRooms, RoomAction, RoomPolicy, require_room
from .payloads import PayloadChecker
from .realtime.bus import Bus, MemoryBus
from .realtime.emit import Emitter, NullEmitter, Outbox
from .settings import Settings
from .store.types import utcnow
from .task_states import Actor

if TYPE_CHECKING:
    from .internal import InternalExecutor
    from .providers_cache import ResultStore


@dataclass
class Runtime:
    """Process-wide collaborators; one per app (`app.state.zndraw_joblib`)."""

    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession] | None = None
    bus: Bus = field(default_factory=MemoryBus)
    emitter: Emitter = field(default_factory=NullEmitter)
    results: ResultStore | None = None
    executor: InternalExecutor | None = None
    clock: Callable[[], datetime] = utcnow
    room_policy: RoomPolicy = field(default_factory=OpenRooms)
    payloads: PayloadChecker = field(init=False)

    def __post_init__(self) -> None:
        self.payloads = PayloadChecker(self.settings.payload_validation_budget_seconds)

    def session(self) -> AsyncSession:
        if self.sessionmaker is None:
            raise RuntimeError("this runtime has no sessionmaker (library hosts pass one to Runtime)")
        return self.sessionmaker()


@dataclass
class Context:
    """One operation: a session, who asks, and the runtime."""

    session: AsyncSession
    actor: Actor
    runtime: Runtime

    @property
    def settings(self) -> Settings:
        return self.runtime.settings

    def now(self) -> datetime:
        return self.runtime.clock()

    async def require_room(self, room_id: str, action: RoomAction) -> None:
        """403 unless the room policy lets the actor do `action` in `room_id`."""
        await require_room(self.runtime.room_policy, self.actor, room_id, action)

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Outbox]:
        async with unit_of_work(self.session, self.runtime) as outbox:
            yield outbox


@contextlib.asynccontextmanager
async def unit_of_work(session: AsyncSession, runtime: Runtime) -> AsyncIterator[Outbox]:
    """Commit, then deliver the outbox; on any error roll back and deliver nothing."""
    outbox = Outbox()
    try:
        yield outbox
        await session.commit()
    except BaseException:
        await session.rollback()
        raise
    await outbox.deliver(runtime.emitter, runtime.bus)
