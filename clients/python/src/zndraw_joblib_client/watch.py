"""Following a submitted task to its end: long-poll by default, Socket.IO events when connected.

`TaskWatcher.wait` long-polls `GET /tasks/{id}` with `Prefer: wait=N`: the server answers within
milliseconds of the terminal update, so there is no polling delay and no connection to keep.
`TaskWatcher.follow` reports every status the task goes through, in lifecycle order: pending,
claimed, running, then completed, failed or cancelled. With a `RealtimeConnection` each change
wakes it at once (`task_status_event`); without one it reads the task at the start and at the
end (a long-poll wakes on terminal states). Statuses it did not read itself (the task passed them
before the watch began, between two reads, or its events arrived out of order, as python-socketio
dispatches each in its own thread) are filled in from the lifecycle and the task's own record:
a running task was claimed; a finished one was claimed when it has `claimed_at`, and was running
when it also has `started_at`. A filled-in step is the later record with that status and
without the fields its status cannot have yet (no end time, error or result, no queue position;
no worker before `claimed`, no start time before `running`). A retry (a new `attempt`) starts
again at `pending`.

A short outage does not end a watch: failures to reach the server are retried until
`max_unreachable_seconds` pass without an answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import queue
import time
from collections.abc import Iterator
from uuid import UUID

import attrs

from . import errors
from ._generated.api.tasks import get_task
from ._generated.events import TaskStatusEvent
from ._generated.models import TaskResponse, TaskStatus
from .connection import Client
from .realtime import RealtimeConnection
from .retry import TRANSIENT, Backoff

TERMINAL = frozenset({TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED})
"""Statuses a task never leaves."""

POLL_WAIT_DEFAULT = 30
"""Seconds one long-poll asks the server to hold the answer."""
EVENT_RECHECK_DEFAULT = 10.0
"""Seconds between safety re-reads while following by events (an event lost in a reconnect)."""
MAX_UNREACHABLE_DEFAULT = 60.0
"""Seconds without any answer after which a watch gives up with `APIConnectionError`."""


def is_terminal(task: TaskResponse) -> bool:
    return task.status in TERMINAL


_RANK = {TaskStatus.PENDING: 0, TaskStatus.CLAIMED: 1, TaskStatus.RUNNING: 2}
"""Lifecycle order of the non-terminal statuses; every terminal one ranks after them."""


def _rank(status: TaskStatus) -> int:
    return _RANK.get(status, len(_RANK))


def steps_between(previous: TaskResponse | None, latest: TaskResponse) -> list[TaskResponse]:
    """The statuses a task went through after the read `previous` (None: from its submission)
    up to the read `latest`, as records: `latest` itself last, the steps it must have passed
    before it first.

    Within one attempt a task moves forward only (pending, claimed, running, an end); a retry
    starts a new attempt at `pending`, whose steps are counted from there (the rest of the earlier
    attempt is not known: a retry resets `claimed_at`). A step was passed when `latest` says so:
    claimed when it has `claimed_at`, running when it also has `started_at`.
    """
    same_attempt = previous is not None and previous.attempt == latest.attempt
    if previous is not None and same_attempt and _rank(latest.status) <= _rank(previous.status):
        return [] if latest.status == previous.status else [latest]
    floor = _rank(previous.status) if previous is not None and same_attempt else -1
    claimed = latest.claimed_at is not None or latest.status in (TaskStatus.CLAIMED, TaskStatus.RUNNING)
    started = latest.status is TaskStatus.RUNNING or (claimed and latest.started_at is not None)
    passed = [TaskStatus.PENDING]
    passed += [TaskStatus.CLAIMED] if claimed else []
    passed += [TaskStatus.RUNNING] if started else []
    steps = [
        attrs.evolve(
            latest,
            status=status,
            claimed_at=None if status is TaskStatus.PENDING else latest.claimed_at,
            worker_id=None if status is TaskStatus.PENDING else latest.worker_id,
            started_at=latest.started_at if status is TaskStatus.RUNNING else None,
            completed_at=None,
            error=None,
            result=None,
            progress=latest.progress if status is TaskStatus.RUNNING else None,
            queue_position=None,  # unknown for a past step
        )
        for status in passed
        if floor < _rank(status) < _rank(latest.status)
    ]
    return [*steps, latest]


class _Deadline:
    def __init__(self, timeout: float | None) -> None:
        self.at = None if timeout is None else time.monotonic() + timeout

    def remaining(self) -> float | None:
        return None if self.at is None else max(0.0, self.at - time.monotonic())

    def passed(self) -> bool:
        return self.at is not None and time.monotonic() >= self.at


class _Outage:
    """How long the server has not answered; raises once that exceeds the bound."""

    def __init__(self, bound: float) -> None:
        self.bound = bound
        self.since: float | None = None
        self.delays = Backoff().delays()

    def failed(self, exc: errors.JobLibError) -> float:
        now = time.monotonic()
        if self.since is None:
            self.since = now
        if now - self.since > self.bound:
            raise exc
        return next(self.delays)

    def answered(self) -> None:
        self.since = None
        self.delays = Backoff().delays()


class TaskWatcher:
    """Follows tasks of one client; thread-safe (one watch per call)."""

    def __init__(
        self,
        client: Client,
        realtime: RealtimeConnection | None = None,
        *,
        poll_wait: int = POLL_WAIT_DEFAULT,
        event_recheck: float = EVENT_RECHECK_DEFAULT,
        max_unreachable_seconds: float = MAX_UNREACHABLE_DEFAULT,
    ) -> None:
        self.client = client
        self.realtime = realtime
        self.poll_wait = max(1, min(poll_wait, int(client.long_poll_max)))
        self.event_recheck = event_recheck
        self.max_unreachable_seconds = max_unreachable_seconds

    def get(self, task_id: UUID | str, *, wait: int = 0) -> TaskResponse:
        """The task now (`wait=0`) or after at most `wait` seconds of long-polling."""
        if wait <= 0:
            return self.client.call(get_task.sync_detailed, TaskResponse, task_id=UUID(str(task_id)))
        return self.client.long_poll(
            get_task.sync_detailed, TaskResponse, task_id=UUID(str(task_id)), prefer=f"wait={wait}"
        )

    def wait(self, task_id: UUID | str, *, timeout: float | None = None) -> TaskResponse:
        """Block until the task is completed, failed or cancelled; return it.

        Raises `errors.TaskWaitTimeout` (with the last seen task in `.task`) after `timeout`
        seconds (None: no limit), `errors.TaskNotFound` for an unknown id.
        """
        deadline = _Deadline(timeout)
        outage = _Outage(self.max_unreachable_seconds)
        last: TaskResponse | None = None
        while True:
            remaining = deadline.remaining()
            wait = self.poll_wait if remaining is None else min(self.poll_wait, math.ceil(remaining))
            try:
                last = self.get(task_id, wait=wait)
            except TRANSIENT as exc:
                delay = outage.failed(exc)
                if deadline.passed():
                    raise errors.TaskWaitTimeout(f"task {task_id} still unknown: {exc}", task=last) from exc
                time.sleep(min(delay, deadline.remaining() or delay))
                continue
            outage.answered()
            if is_terminal(last):
                return last
            if deadline.passed():
                raise errors.TaskWaitTimeout(f"task {task_id} is still {last.status} after {timeout} s", task=last)

    def follow(self, task_id: UUID | str, *, timeout: float | None = None) -> Iterator[TaskResponse]:
        """Yield the task at each status it goes through, from `pending` to its terminal state.

        Every status is yielded once and in lifecycle order, also those the watch did not see
        happen (see the module docstring). Raises `errors.TaskWaitTimeout` when `timeout`
        seconds pass before the end.
        """
        deadline = _Deadline(timeout)
        current = self.get(task_id)
        yield from steps_between(None, current)
        if is_terminal(current):
            return
        if self.realtime is None or not self.realtime.connected:
            yield from steps_between(current, self.wait(task_id, timeout=deadline.remaining()))
            return
        yield from self._follow_events(self.realtime, current, deadline)

    def _follow_events(
        self, realtime: RealtimeConnection, current: TaskResponse, deadline: _Deadline
    ) -> Iterator[TaskResponse]:
        changes: queue.Queue[TaskStatusEvent] = queue.Queue()
        task_id = current.id

        def on_status(event: TaskStatusEvent) -> None:
            if event.id == task_id:
                changes.put(event)

        unsubscribe = realtime.on("task_status_event", on_status)
        realtime.join_room(current.room_id)
        outage = _Outage(self.max_unreachable_seconds)
        try:
            while True:
                # an event only wakes the watch; the task is re-read, so a change between the
                # first read and the join, or events handled out of order, are never lost
                try:
                    latest = self.get(task_id)
                except TRANSIENT as exc:
                    time.sleep(outage.failed(exc))
                    continue
                outage.answered()
                steps = steps_between(current, latest)
                yield from steps
                current = steps[-1] if steps else current
                if is_terminal(current):
                    return
                remaining = deadline.remaining()
                if remaining == 0.0:
                    raise errors.TaskWaitTimeout(f"task {task_id} is still {current.status}", task=current)
                with contextlib.suppress(queue.Empty):
                    changes.get(timeout=self.event_recheck if remaining is None else min(self.event_recheck, remaining))
        finally:
            unsubscribe()
            realtime.leave_room(current.room_id)


async def await_task(
    client: Client,
    task_id: UUID | str,
    *,
    timeout: float | None = None,  # noqa: ASYNC109 - the bound is part of the protocol (TaskWaitTimeout)
    poll_wait: int = POLL_WAIT_DEFAULT,
    max_unreachable_seconds: float = MAX_UNREACHABLE_DEFAULT,
) -> TaskResponse:
    """`TaskWatcher.wait` for asyncio code: long-polls with the async HTTP client."""
    deadline = _Deadline(timeout)
    outage = _Outage(max_unreachable_seconds)
    poll_wait = max(1, min(poll_wait, int(client.long_poll_max)))
    last: TaskResponse | None = None
    while True:
        remaining = deadline.remaining()
        wait = poll_wait if remaining is None else min(poll_wait, math.ceil(remaining))
        try:
            last = await client.along_poll(
                get_task.asyncio_detailed, TaskResponse, task_id=UUID(str(task_id)), prefer=f"wait={wait}"
            )
        except TRANSIENT as exc:
            delay = outage.failed(exc)
            if deadline.passed():
                raise errors.TaskWaitTimeout(f"task {task_id} still unknown: {exc}", task=last) from exc
            await asyncio.sleep(min(delay, deadline.remaining() or delay))
            continue
        outage.answered()
        if is_terminal(last):
            return last
        if deadline.passed():
            raise errors.TaskWaitTimeout(f"task {task_id} is still {last.status} after {timeout} s", task=last)
