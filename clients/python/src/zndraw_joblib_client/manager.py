"""`JobManager`: the worker SDK — register extensions, receive their tasks, run them, stay alive.

    manager = JobManager(Client.login(url, email, password), execute=lambda task: task.run(scene))

    @manager.register
    class Rotate(Extension):
        category: ClassVar[Category] = Category.MODIFIER
        angle: float = 90.0
        def run(self, ctx, **kwargs): ...

    manager.wait()  # until Ctrl-C / SIGTERM, `disconnect()`, or the manager stops itself

Threads: a *keeper* heartbeats and resynchronises after outages; with `execute=` a *server*
thread claims and runs tasks; a *closer* thread shuts down when the manager stops itself; a
*progress* thread sends `task.progress(...)` reports. The claim loop sleeps until a
`task_available` push (Socket.IO) or `poll_interval` seconds.

Cancellation is cooperative: a claimed task's `cancelled` event is set when the server says
`task_cancelled` (or a progress report finds the task cancelled); the extension checks it
(`task.is_cancelled`, or `current_task()` from inside `run`) and returns early, and the
manager then reports nothing for it. Results: what `execute` returns is the task's result
(JSON only). Retries: raise `extension.Retry` to fail a task so that it runs again when its job
allows more attempts (`register(..., max_attempts=…)`).

Stopping by itself (`stop_reason`):
- `WORKER_GONE`: heartbeat or claim answered 404/403 for our worker while we were in touch
  (an admin deleted it, or the sweeper did after missed heartbeats);
- `UNREACHABLE`: no answer for `max_unreachable_seconds`.
A 404 after an outage (server restart, dropped socket — the server cleans a disconnected
worker up) is not an eviction: the manager registers everything again under a new worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, overload
from uuid import UUID

from . import errors
from ._generated.api.tasks import get_task
from ._generated.models import TaskResponse, TaskStatus
from .claimed import ClaimedTask
from .claims import Claims
from .connection import Client
from .extension import Extension, category_of, full_name
from .keeper import Keeper, StopReason
from .progress import ProgressReporter
from .provider import Provider
from .realtime import RealtimeConnection
from .retry import call_with_retry
from .serve import Execute, Update, as_result, serve
from .stopping import Stopping
from .submission import submit_batches, submit_one
from .watch import TaskWatcher
from .worker import JobRecord, WorkerSession

log = logging.getLogger(__name__)

E = TypeVar("E", bound=Extension)

GLOBAL_ROOM = "@global"
HEARTBEAT_INTERVAL_DEFAULT = 10.0
"""Seconds between heartbeats; keep it well below the server's `worker_timeout_seconds` (60)."""
POLL_INTERVAL_DEFAULT = 5.0
"""Seconds between claim attempts when no `task_available` push arrives."""
MAX_UNREACHABLE_DEFAULT = 120.0
"""Seconds without any answer from the server after which the manager stops."""
STARTUP_TIMEOUT_DEFAULT = 30.0
"""Seconds registration and connection keep retrying while the server is not reachable."""
SHUTDOWN_TIMEOUT_DEFAULT = 10.0
"""Seconds `disconnect` waits for a running task and the background threads."""


class JobManager(Stopping, Mapping[str, type[Extension]]):
    """Registers extensions as jobs of one worker and serves their tasks.

    A read-only mapping of the registered full job names to their classes. Thread-safe.
    """

    def __init__(
        self,
        api: Client,
        *,
        execute: Execute | None = None,
        realtime: bool = True,
        heartbeat_interval: float = HEARTBEAT_INTERVAL_DEFAULT,
        poll_interval: float = POLL_INTERVAL_DEFAULT,
        max_unreachable_seconds: float = MAX_UNREACHABLE_DEFAULT,
        startup_timeout: float = STARTUP_TIMEOUT_DEFAULT,
        shutdown_timeout: float = SHUTDOWN_TIMEOUT_DEFAULT,
    ) -> None:
        """Args:
        api: The connection (`Client.login(...)`, `Client(url, token)`).
        execute: Auto-serve: called for each claimed task between `running` and
            `completed`; an exception fails the task. Without it, use `listen()`.
        realtime: Use Socket.IO pushes (`task_available`, `provider_request`); without it
            tasks are found by polling and providers cannot be served.
        heartbeat_interval, poll_interval, max_unreachable_seconds, startup_timeout,
            shutdown_timeout: Seconds; see the module constants.
        """
        for label, value in (
            ("heartbeat_interval", heartbeat_interval),
            ("poll_interval", poll_interval),
            ("max_unreachable_seconds", max_unreachable_seconds),
        ):
            if value <= 0:
                raise ValueError(f"{label} must be positive, not {value}")
        self.api = api
        self.execute = execute
        self.heartbeat_interval = heartbeat_interval
        self.poll_interval = poll_interval
        self.max_unreachable_seconds = max_unreachable_seconds
        self.startup_timeout = startup_timeout
        self.shutdown_timeout = shutdown_timeout
        self.realtime = RealtimeConnection(api) if realtime else None
        self.session = WorkerSession(api, self.realtime)
        self.watcher = TaskWatcher(api, self.realtime, max_unreachable_seconds=max_unreachable_seconds)
        self._start_lock = threading.Lock()
        self._shutdown_lock = threading.Lock()
        self._stopping = threading.Event()  # stop requested: loops end
        self._closed = threading.Event()  # shutdown finished
        self._stop_reason: StopReason | None = None
        self._threads: list[threading.Thread] = []
        self._started = False
        self._serving = False
        self.keeper = Keeper(
            self.session,
            self.realtime,
            heartbeat_interval=heartbeat_interval,
            max_unreachable_seconds=max_unreachable_seconds,
            stop=self._request_stop,
            resynchronised=self._wake_claims,  # tasks submitted during the outage
            stopping=self._stopping,
        )
        self._tasks: dict[UUID, ClaimedTask[Any]] = {}  # claimed and not ended: cancel and progress reach them
        self._tasks_lock = threading.Lock()
        self.reporter = ProgressReporter(self.session.report_progress, on_ended=self._check_cancelled)
        self.claims = Claims(
            self.session,
            self.keeper,
            poll_interval=poll_interval,
            stopping=self._stopping,
            report=self.reporter.report,
            claimed=self._track,
        )
        if self.realtime is not None:
            self.realtime.on("task_available", lambda _event: self.claims.wake())
            self.realtime.on("task_cancelled", lambda event: self._cancelled(event.id))
            self.realtime.on("provider_request", self._answer_provider_request)
            self.realtime.on_disconnect(self.keeper.socket_dropped)
            self.realtime.on_reconnect(self.keeper.request_resync)

    # -- the mapping of registered jobs --

    def __getitem__(self, full_job_name: str) -> type[Extension]:
        return self.session.jobs[full_job_name].cls

    def __iter__(self) -> Iterator[str]:
        return iter(list(self.session.jobs))

    def __len__(self) -> int:
        return len(self.session.jobs)

    def __repr__(self) -> str:
        return f"JobManager(worker_id={self.worker_id}, jobs={list(self)})"

    # -- state --

    @property
    def worker_id(self) -> UUID | None:
        """The server's id of this worker (None before the first registration)."""
        return self.session.worker_id

    @property
    def stopped(self) -> bool:
        return self._stopping.is_set()

    @property
    def stop_reason(self) -> StopReason | None:
        return self._stop_reason

    @property
    def providers(self) -> Mapping[str, type[Provider]]:
        """Full provider names → classes of the providers this worker serves."""
        return {name: record.cls for name, record in self.session.providers.items()}

    def _check_running(self) -> None:
        if self._stopping.is_set():
            raise errors.ManagerStopped(f"the manager stopped ({self._stop_reason})")

    # -- registration --

    @overload
    def register(self, cls: type[E], /) -> type[E]: ...
    @overload
    def register(
        self,
        cls: None = None,
        /,
        *,
        room: str = GLOBAL_ROOM,
        run_kwargs: Mapping[str, Any] | None = None,
        max_attempts: int = 1,
        retry_backoff_seconds: float = 1.0,
    ) -> Callable[[type[E]], type[E]]: ...
    @overload
    def register(
        self,
        cls: type[E],
        /,
        *,
        room: str = GLOBAL_ROOM,
        run_kwargs: Mapping[str, Any] | None = None,
        max_attempts: int = 1,
        retry_backoff_seconds: float = 1.0,
    ) -> type[E]: ...
    def register(
        self,
        cls: type[E] | None = None,
        /,
        *,
        room: str = GLOBAL_ROOM,
        run_kwargs: Mapping[str, Any] | None = None,
        max_attempts: int = 1,
        retry_backoff_seconds: float = 1.0,
    ) -> type[E] | Callable[[type[E]], type[E]]:
        """Register an extension class as the job `<room>:<category>:<ClassName>`.

        Use as `@manager.register`, `@manager.register(room=..., run_kwargs=...)` or
        `manager.register(Cls, room=...)`. The first registration creates the worker. A job of
        that name with another schema raises `errors.SchemaConflict` at once; 4xx answers are
        never retried, an unreachable server is, for `startup_timeout` seconds.
        `run_kwargs` are passed to `run()` of every task of this job. `max_attempts` and
        `retry_backoff_seconds` are the job's retry policy (a task whose worker dies, or that
        raises `Retry`, runs again while it has attempts left).
        """

        def decorate(extension_cls: type[E]) -> type[E]:
            policy = {"max_attempts": max_attempts, "retry_backoff_seconds": retry_backoff_seconds}
            self._register(extension_cls, room, dict(run_kwargs or {}), **policy)
            return extension_cls

        return decorate if cls is None else decorate(cls)

    def _register(self, cls: type[Extension], room: str, run_kwargs: dict[str, Any], **policy: Any) -> None:
        if not (isinstance(cls, type) and issubclass(cls, Extension)):
            raise TypeError(f"{cls!r} is not an Extension subclass")
        record = JobRecord(full_name=full_name(cls, room), room=room, cls=cls, run_kwargs=run_kwargs, **policy)
        self._check_running()
        self._connect_realtime()
        call_with_retry(
            lambda: self.session.register_job(record),
            timeout=self.startup_timeout,
            what=f"registering {record.full_name}",
            stop=self._stopping,
        )
        self._start_threads()
        self.claims.wake()  # tasks may be waiting already

    def register_provider(self, cls: type[Provider], *, name: str, handler: Any, room: str = GLOBAL_ROOM) -> UUID:
        """Serve reads of `<room>:<category>:<name>` with `cls(**params).read(handler)`; returns the
        provider id. Needs the Socket.IO connection (`realtime=True`)."""
        if not (isinstance(cls, type) and issubclass(cls, Provider)):
            raise TypeError(f"{cls!r} is not a Provider subclass")
        category_of(cls)
        if self.realtime is None:
            raise ValueError("providers are asked over Socket.IO; create the manager with realtime=True")
        self._check_running()
        self._connect_realtime()
        record = call_with_retry(
            lambda: self.session.register_provider(cls, name=name, room=room, handler=handler),
            timeout=self.startup_timeout,
            what=f"registering provider {name}",
            stop=self._stopping,
        )
        self._start_threads()
        return record.provider_id

    def _connect_realtime(self) -> None:
        # once connected, python-socketio reconnects by itself; a second connect would race it
        if self.realtime is not None and not self.realtime.ever_connected:
            self.realtime.connect(timeout=self.startup_timeout, stop=self._stopping)

    def _start_threads(self) -> None:
        with self._start_lock:
            if self._started or self._stopping.is_set():
                return
            self._started = True
            self._spawn(self.keeper.run, "keeper")
            if self.execute is not None:
                self._serving = True
                execute, retry_for = self.execute, self.max_unreachable_seconds
                update = Update(self.session.update_task, ended=self._ended)
                self._spawn(lambda: serve(self.claims, execute, update, retry_for=retry_for), "server")

    def _spawn(self, target: Callable[[], None], role: str) -> None:
        def run() -> None:
            try:
                target()
            except Exception:
                log.exception("the %s thread failed; stopping", role)
                self._request_stop(StopReason.ERROR)

        thread = threading.Thread(target=run, name=f"zndraw-joblib-{role}", daemon=True)
        self._threads.append(thread)
        thread.start()

    # -- claiming --

    def listen(self) -> Iterator[ClaimedTask[Any]]:
        """Claimed tasks, one by one, until the manager stops (manual mode, without `execute=`).

        Mark each `start`, then `complete` or `fail` it.
        """
        if self._serving:
            raise RuntimeError("this manager serves its tasks itself (execute=); listen() would compete with it")
        return iter(self.claims)

    # -- task updates --

    def start(self, task: ClaimedTask[Any] | UUID | str) -> TaskResponse:
        """claimed → running."""
        return self.session.update_task(_task_id(task), TaskStatus.RUNNING)

    def complete(self, task: ClaimedTask[Any] | UUID | str, result: Any = None) -> TaskResponse:
        """running → completed, with `result` (any JSON value; none by default)."""
        try:
            return self.session.update_task(_task_id(task), TaskStatus.COMPLETED, result=as_result(result))
        finally:
            self._ended(_task_id(task))

    def fail(self, task: ClaimedTask[Any] | UUID | str, error: str, *, retryable: bool = False) -> TaskResponse:
        """claimed or running → failed, with the error text shown to the user; `retryable`: back
        to the queue for another attempt when the job allows one (the answer is then `pending`)."""
        try:
            return self.session.update_task(_task_id(task), TaskStatus.FAILED, error, retryable=retryable)
        finally:
            self._ended(_task_id(task))

    def cancel(self, task: ClaimedTask[Any] | UUID | str) -> TaskResponse:
        """pending, claimed or running → cancelled (its submitter may too; its worker is told)."""
        try:
            return self.session.update_task(_task_id(task), TaskStatus.CANCELLED)
        finally:
            self._ended(_task_id(task))

    # -- the tasks this worker holds --

    def _track(self, task: ClaimedTask[Any]) -> None:
        with self._tasks_lock:
            self._tasks[task.task_id] = task

    def _ended(self, task_id: UUID) -> None:
        with self._tasks_lock:
            self._tasks.pop(task_id, None)
        self.reporter.forget(task_id)

    def _cancelled(self, task_id: UUID) -> None:
        with self._tasks_lock:
            task = self._tasks.get(task_id)
        if task is not None:
            log.info("task %s was cancelled; its extension should stop", task_id)
            task.cancelled.set()

    def _check_cancelled(self, task_id: UUID) -> None:
        """A progress report found the task ended: cancelled, when the server says so."""
        try:
            current = self.api.call(get_task.sync_detailed, TaskResponse, task_id=task_id)
        except errors.JobLibError:
            return
        if current.status == TaskStatus.CANCELLED:
            self._cancelled(task_id)

    def heartbeat(self) -> None:
        """Tell the server this worker is alive (the keeper thread does it every `heartbeat_interval`)."""
        self.session.heartbeat()

    # -- submitting and following --

    def submit(
        self,
        extension: Extension,
        room: str,
        *,
        job_room: str | None = None,
        priority: int = 0,
        idempotency_key: str | None = None,
    ) -> UUID:
        """Submit a task of `extension`'s job into `room`; return the task id.

        `job_room` is where the job is registered: by default the room this manager registered
        the class in, else `@global`. Its parameters are the extension's fields. A higher
        `priority` is claimed first; an `idempotency_key` makes a repeated submission (a retry
        after a lost answer) return the first task instead of submitting another.
        """
        cls = type(extension)
        name = full_name(cls, job_room if job_room is not None else self._job_room(cls))
        return submit_one(
            self.api, extension, room=room, job_name=name, priority=priority, idempotency_key=idempotency_key
        )

    def submit_many(
        self,
        extensions: Sequence[Extension],
        room: str,
        *,
        job_room: str | None = None,
        priority: int = 0,
        idempotency_key: str | None = None,
    ) -> list[UUID]:
        """Submit many tasks of one job into `room` in one request (`submitTasks`); return their
        ids in the order given, which is also the order they are claimed in (per priority).

        All extensions must be of one class. All or nothing: one invalid payload refuses the
        batch (`errors.ValidationFailed` names its index). At most 1000 per request: a longer
        sequence goes out in chunks of 1000, each all-or-nothing (with `idempotency_key`, the
        chunks use `key-0`, `key-1`, …).
        """
        if not extensions:
            return []
        classes = {type(extension) for extension in extensions}
        if len(classes) != 1:
            raise ValueError(f"submit_many takes extensions of one class, got {sorted(c.__name__ for c in classes)}")
        (cls,) = classes
        name = full_name(cls, job_room if job_room is not None else self._job_room(cls))
        return submit_batches(
            self.api, extensions, room=room, job_name=name, priority=priority, idempotency_key=idempotency_key
        )

    def _job_room(self, cls: type[Extension]) -> str:
        """Where `cls`'s job is registered: the room this manager registered it in, else `@global`."""
        return next((r.room for r in self.session.jobs.values() if r.cls is cls), GLOBAL_ROOM)

    def wait_for(self, task_id: UUID | str, timeout: float | None = None) -> TaskResponse:
        """Block until the task is completed, failed or cancelled (long-poll); return it.

        Raises `errors.TaskWaitTimeout` after `timeout` seconds.
        """
        return self.watcher.wait(task_id, timeout=timeout)

    def watch(self, task_id: UUID | str, timeout: float | None = None) -> Iterator[TaskResponse]:
        """The task at each status it goes through, pending to its end, each once and in order:
        woken by Socket.IO events (the connection is opened if needed), or read at the start and
        the end with `realtime=False`; statuses passed unseen are filled in (`watch` module)."""
        self._check_running()
        self._connect_realtime()
        return self.watcher.follow(task_id, timeout=timeout)

    def _wake_claims(self) -> None:
        self.claims.wake()

    # -- providers --

    def _answer_provider_request(self, request: Any) -> None:
        try:
            self.session.answer(request)
        except errors.JobLibError as exc:
            log.warning("provider result for %s not uploaded: %s", request.provider_name, exc)


def _task_id(task: ClaimedTask[Any] | UUID | str) -> UUID:
    if isinstance(task, ClaimedTask):
        return task.task_id
    return task if isinstance(task, UUID) else UUID(task)
