"""What one operation works with, and the unit of work that commits before it announces.

`Runtime` holds the process-wide parts (settings, engine, bus, emitter, result store, internal
executor) that `create_app` wires once; `Context` adds the request's session and actor.
`Context.transaction()` is the only way services change state: it commits, then delivers the
outbox (Socket.IO emissions and bus wake-ups), or rolls back and delivers nothing. The context
remembers whether anything was committed and whether a commit failed midway (its outcome is
unknown): an operation that lost its database connection is retried only when neither happened.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from sqlalchemy import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ._generated import models
from .access import OpenRooms, RoomAction, RoomPolicy, require_room
from .faults import OutageLog, Outages
from .payloads import PayloadChecker
from .providers_cache import ResultStore
from .realtime.bus import Bus, MemoryBus
from .realtime.coalesce import Coalescer
from .realtime.emit import Emitter, NullEmitter, Outbox
from .realtime.single_flight import SingleFlight
from .settings import Settings
from .store.sessions import CoreSession, DbSession
from .store.types import utcnow
from .task_states import Actor


class Executor(Protocol):
    """Runs `@internal` jobs inside the server (`internal.InternalExecutor`); typed here so that
    this module needs nothing above it."""

    def serves(self, full_name: str) -> bool:
        """Whether this server has the extension of that internal job."""
        ...

    async def dispatch(self, ctx: Context, row: RowMapping) -> RowMapping:
        """Hand a just-submitted task to the executor; the task as it is afterwards."""
        ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


SHUTTING_DOWN = "shutting-down"
"""The message every waiter gets when the server begins to shut down."""


@dataclass
class Runtime:
    """Process-wide collaborators; one per app (`app.state.zndraw_joblib`)."""

    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession] | None = None
    bus: Bus = field(default_factory=MemoryBus)
    emitter: Emitter = field(default_factory=NullEmitter)
    results: ResultStore | None = None
    executor: Executor | None = None
    clock: Callable[[], datetime] = utcnow
    room_policy: RoomPolicy = field(default_factory=OpenRooms)
    payloads: PayloadChecker = field(init=False)
    outages: Outages = field(init=False)
    """The database's outages seen by this process (the sweeper does not count them as silence)."""
    publishing: OutageLog = field(init=False)
    """Failures to deliver events and wake-ups after a commit (Redis, in distributed deployments)."""

    stopping: bool = field(default=False, init=False)
    """Set when the server begins to shut down: waits end at once (`begin_shutdown`)."""
    progress: Coalescer[UUID, dict[str, Any]] = field(init=False)
    """Progress reports of running tasks: stored and announced at most once per window."""
    task_reads: SingleFlight[UUID, models.TaskResponse] = field(default_factory=SingleFlight, init=False)
    """Long-polls' reads after a wake: one per task for the waiters woken together."""
    _timers: set[asyncio.TimerHandle] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        self.payloads = PayloadChecker(self.settings.payload_validation_budget_seconds)
        self.progress = Coalescer(self.settings.progress_window_seconds, clock=time.monotonic)
        self.outages = Outages(clock=self.clock)
        self.publishing = OutageLog("event delivery (the pub/sub bus or Socket.IO manager)")

    def begin_shutdown(self) -> None:
        """End every wait of this process now: long-polls answer with the state they have."""
        self.stopping = True
        self.bus.wake_all(SHUTTING_DOWN)

    async def deliver(self, outbox: Outbox) -> None:
        """Send what an operation announced (after its commit, or when it commits nothing to the
        database); bounded. Emissions for later are scheduled on this process's loop."""
        await outbox.deliver(self.emitter, self.bus, self.publishing, self.settings.redis_timeout_seconds)
        for seconds, emission in outbox.later:
            self._schedule(seconds, Outbox.single(emission))

    def _schedule(self, seconds: float, outbox: Outbox) -> None:
        loop = asyncio.get_running_loop()

        def due() -> None:
            self._timers.discard(timer)
            if not self.stopping:
                task = loop.create_task(self.deliver(outbox))
                task.add_done_callback(lambda _t: None)

        timer = loop.call_later(seconds, due)
        self._timers.add(timer)

    def cancel_timers(self) -> None:
        """Shutdown: the sweeper of a running replica sends what these would have sent."""
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()

    def session(self) -> AsyncSession:
        if self.sessionmaker is None:
            raise RuntimeError("this runtime has no sessionmaker (library hosts pass one to Runtime)")
        return self.sessionmaker()

    def core_session(self) -> CoreSession:
        """A session for the store's Core statements on this runtime's engine (the request path:
        cheaper than the ORM session, `store.sessions`)."""
        if self.sessionmaker is None:
            raise RuntimeError("this runtime has no sessionmaker (library hosts pass one to Runtime)")
        return CoreSession(self.sessionmaker.kw["bind"])


@dataclass
class Context:
    """One operation: a session, who asks, and the runtime."""

    session: DbSession
    actor: Actor
    runtime: Runtime
    started: float = field(default_factory=time.monotonic)
    """When the operation began (monotonic seconds); waits are bounded from here."""
    commits: int = 0
    commit_in_doubt: bool = False

    @property
    def settings(self) -> Settings:
        return self.runtime.settings

    def now(self) -> datetime:
        return self.runtime.clock()

    async def require_room(self, room_id: str, action: RoomAction) -> None:
        """403 unless the room policy lets the actor do `action` in `room_id`."""
        await require_room(self.runtime.room_policy, self.actor, room_id, action)

    @property
    def may_retry(self) -> bool:
        """Nothing was committed and no commit is in doubt: running the operation again is safe."""
        return self.commits == 0 and not self.commit_in_doubt

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[Outbox]:
        async with unit_of_work(self.session, self.runtime, self) as outbox:
            yield outbox


@contextlib.asynccontextmanager
async def unit_of_work(session: DbSession, runtime: Runtime, ctx: Context | None = None) -> AsyncIterator[Outbox]:
    """Commit, then deliver the outbox; on any error roll back and deliver nothing.

    Delivery is bounded (`Outbox.deliver`): the state is committed, so a bus or Socket.IO
    manager that hangs costs the request at most the delivery timeout, never the answer.
    """
    outbox = Outbox()
    try:
        yield outbox
    except BaseException:
        with contextlib.suppress(Exception):  # the connection may be gone; rolling back then is moot
            await session.rollback()
        raise
    try:
        await session.commit()
    except BaseException:
        if ctx is not None:
            ctx.commit_in_doubt = True
        with contextlib.suppress(Exception):
            await session.rollback()
        raise
    if ctx is not None:
        ctx.commits += 1
    runtime.outages.succeeded()
    await runtime.deliver(outbox)
