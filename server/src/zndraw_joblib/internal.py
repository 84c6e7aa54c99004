"""Internal jobs (`@internal:<category>:<name>`): executed by the server's own taskiq workers.

The server is given extension classes (`internal_extensions`, import paths, read by the server
and by a separate `taskiq worker` alike). At start it creates or revives their job rows; the
server's schema wins over a stored one. A submitted task is marked claimed (committed), then
enqueued; if the enqueue fails the task fails with "Failed to dispatch to internal executor".
The executor reports running / completed / failed through the same transition code as remote
workers, as a system actor. The sweeper fails internal tasks stuck claimed or running for
longer than `internal_task_timeout_seconds`.

Brokers: taskiq's `InMemoryBroker` runs the work inside the server process (the embedded
default); with `internal_broker = "redis"` the server only enqueues (taskiq-redis) and a
`taskiq worker zndraw_joblib.internal_worker:broker` process runs the work.
"""

from __future__ import annotations

import abc
import asyncio
import importlib
import inspect
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import RowMapping
from taskiq import AsyncBroker, InMemoryBroker

from zndraw_joblib import announce, names, problems, transitions
from zndraw_joblib._generated.models import TaskStatus
from zndraw_joblib.context import Context, Runtime, unit_of_work
from zndraw_joblib.store import jobs as job_store
from zndraw_joblib.store.types import new_id
from zndraw_joblib.task_states import Actor

log = logging.getLogger(__name__)

TASK_NAME = "zndraw_joblib.execute_internal"
QUEUE_NAME = "zndraw-joblib:internal"
DISPATCH_FAILED = "Failed to dispatch to internal executor"
SYSTEM = Actor(user_id=UUID(int=0), is_superuser=True)
"""Who the executor acts as when it moves a task: the server itself."""


@dataclass(frozen=True, slots=True)
class InternalContext:
    """What an internal extension's `run` is told about the task it executes."""

    task_id: UUID
    room_id: str
    job_name: str


class InternalExtension(BaseModel, abc.ABC):
    """Base of server-side extensions: the fields are the parameters (their JSON Schema is the
    job's schema); `run` does the work, sync (run in a thread) or async."""

    category: ClassVar[str]

    @abc.abstractmethod
    def run(self, ctx: InternalContext) -> Any:
        """Do the task's work; raising fails the task with the exception's text."""

    @classmethod
    def full_name(cls) -> str:
        return str(names.FullName(names.INTERNAL_ROOM, cls.category, cls.__name__))


def make_broker(kind: str, redis_url: str | None) -> AsyncBroker:
    """`memory` (in the server process) or `redis` (a `taskiq worker` process runs the work)."""
    if kind == "redis" or (kind == "auto" and redis_url):
        if not redis_url:
            raise ValueError("internal_broker = 'redis' needs redis_url")
        from taskiq_redis import ListQueueBroker  # noqa: PLC0415 - only distributed deployments need it

        return ListQueueBroker(redis_url, queue_name=QUEUE_NAME)
    return InMemoryBroker(await_inplace=False)


def load_extensions(paths: Iterable[str]) -> dict[str, type[InternalExtension]]:
    """`package.module:Class` → the class, by its full job name."""
    found: dict[str, type[InternalExtension]] = {}
    for path in paths:
        module_name, _, attribute = path.partition(":")
        cls = getattr(importlib.import_module(module_name), attribute)
        if not (isinstance(cls, type) and issubclass(cls, InternalExtension)):
            raise TypeError(f"{path} is not an InternalExtension")
        if inspect.isabstract(cls):
            raise TypeError(f"{path} does not implement run()")
        found[cls.full_name()] = cls
    return found


class InternalExecutor:
    """Registers the internal jobs, dispatches their tasks and runs them (on the broker's side)."""

    def __init__(
        self, runtime: Runtime, extensions: Mapping[str, type[InternalExtension]], broker: AsyncBroker | None = None
    ) -> None:
        self.runtime = runtime
        self.extensions = dict(extensions)
        self.broker = broker if broker is not None else InMemoryBroker(await_inplace=False)

        async def execute_internal(task_id: str, room_id: str, job_name: str, payload: dict[str, Any]) -> None:
            await self.execute(task_id, room_id, job_name, payload)

        # taskiq registers plain functions only (it renames them), hence the closure
        self._task = self.broker.register_task(execute_internal, task_name=TASK_NAME)
        self._running: set[asyncio.Task[Any]] = set()

    def serves(self, full_name: str) -> bool:
        return full_name in self.extensions

    async def start(self) -> None:
        await self.broker.startup()
        await self.register_jobs()

    async def stop(self) -> None:
        await self.broker.shutdown()

    async def register_jobs(self) -> None:
        """Create or revive the job rows of every extension; the server's schema wins."""
        async with self.runtime.session() as session, unit_of_work(session, self.runtime) as outbox:
            for full_name, cls in self.extensions.items():
                schema = cls.model_json_schema()
                parsed = names.parse_full_name(full_name)
                assert parsed is not None
                await job_store.job_insert_if_absent(
                    session,
                    job_id=new_id(),
                    room_id=parsed.room_id,
                    category=parsed.category,
                    name=parsed.name,
                    full_name=full_name,
                    schema=schema,
                    now=self.runtime.clock(),
                )
                job = await job_store.job_get_by_full_name(session, full_name=full_name, active_only=False)
                assert job is not None
                if job["deleted_at"] is not None or job["schema"] != schema:
                    await job_store.job_reactivate(session, job_id=job["id"], schema=schema)
            if self.extensions:
                announce.jobs_changed(outbox, names.INTERNAL_ROOM)

    async def dispatch(self, ctx: Context, row: RowMapping) -> RowMapping:
        """Mark the new task claimed and enqueue it; a failed enqueue fails the task."""
        claimed = await transitions.move_task_if(
            ctx,
            task_id=row["id"],
            expected=TaskStatus.pending,
            target=TaskStatus.claimed,
            values={"claimed_at": ctx.now()},
        )
        if claimed is None:  # cancelled in the meantime
            return row
        try:
            async with asyncio.timeout(self.runtime.settings.redis_timeout_seconds):  # a hung broker fails it
                await self._task.kiq(str(row["id"]), row["room_id"], row["job_name"], dict(row["payload"]))
        except Exception:
            log.exception("could not enqueue internal task %s", row["id"])
            failed = await transitions.move_task_if(
                ctx,
                task_id=row["id"],
                expected=TaskStatus.claimed,
                target=TaskStatus.failed,
                values={"error": DISPATCH_FAILED, "completed_at": ctx.now()},
            )
            return failed or claimed
        return claimed

    async def execute(self, task_id: str, room_id: str, job_name: str, payload: dict[str, Any]) -> None:
        """The broker-side work: running → the extension's `run` → completed or failed."""
        if not await self._report(task_id, TaskStatus.running):
            return  # cancelled or timed out before it started
        try:
            cls = self.extensions[job_name]
            extension = cls.model_validate(payload)
            ctx = InternalContext(task_id=UUID(task_id), room_id=room_id, job_name=job_name)
            if inspect.iscoroutinefunction(extension.run):
                await extension.run(ctx)
            else:
                await asyncio.to_thread(extension.run, ctx)
        except Exception as exc:  # an extension's failure (or invalid payload) fails its task, not the worker
            await self._report(task_id, TaskStatus.failed, error=f"{type(exc).__name__}: {exc}")
            return
        await self._report(task_id, TaskStatus.completed)

    async def _report(self, task_id: str, status: TaskStatus, error: str | None = None) -> bool:
        """Move the task as a remote worker's PATCH would (same rules, same announcement)."""
        async with self.runtime.session() as session:
            try:
                await transitions.move_task(
                    Context(session, SYSTEM, self.runtime),
                    task_id=UUID(task_id),
                    target=status,
                    error=transitions.NO_ERROR if error is None else error,
                )
            except (problems.InvalidTaskTransition, problems.TaskNotFound) as exc:
                log.info("internal task %s not moved to %s: %s", task_id, status, exc.detail)
                return False
        return True
