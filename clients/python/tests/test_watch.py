"""Following a task: long-poll to the end, every status by Socket.IO events, timeouts, asyncio."""

from __future__ import annotations

import datetime
import queue
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from live_server import LiveServer
from typing_extensions import override

from zndraw_joblib_client import Category, Client, Extension, JobManager, RealtimeConnection, TaskWatcher, errors
from zndraw_joblib_client._generated.models import TaskResponse, TaskResponsePayload, TaskStatus
from zndraw_joblib_client.watch import TERMINAL, await_task, steps_between

WAIT = 60.0


class Relax(Extension):
    category: ClassVar[Category] = Category.MODIFIER
    steps: int = 1

    @override
    def run(self, ctx: Any, **kwargs: Any) -> None:
        return None


def test_wait_returns_the_terminal_task_within_moments_of_the_update(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    manager = managers(admin, realtime=False, poll_interval=0.2)
    manager.register(Relax, room=room)
    task_id = manager.submit(Relax(), room)
    claimed = next(manager.listen())
    manager.start(claimed)
    finished: list[tuple[float, TaskResponse]] = []
    waiter = threading.Thread(target=lambda: finished.append((time.monotonic(), TaskWatcher(admin).wait(task_id))))
    waiter.start()
    time.sleep(0.5)  # the long-poll is waiting now
    completed_at = time.monotonic()
    manager.complete(claimed)
    waiter.join(WAIT)
    woke, task = finished[0]
    assert task.status is TaskStatus.COMPLETED
    assert woke - completed_at < 5.0, "the long-poll is woken by the update, not by its timeout (30 s)"


def test_wait_gives_up_after_the_timeout_with_the_last_task_seen(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    manager = managers(admin, realtime=False)
    manager.register(Relax, room=room)
    task_id = manager.submit(Relax(), room)
    started = time.monotonic()
    with pytest.raises(errors.TaskWaitTimeout) as timed_out:
        manager.wait_for(task_id, timeout=1.5)
    assert 1.0 <= time.monotonic() - started < 20.0
    assert isinstance(timed_out.value, TimeoutError)
    assert timed_out.value.task.status is TaskStatus.PENDING


def test_an_unknown_task_is_not_waited_for(admin: Client) -> None:
    with pytest.raises(errors.TaskNotFound):
        TaskWatcher(admin).wait(uuid.uuid4(), timeout=5)


def test_follow_reports_every_status_pushed_by_socketio(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    manager = managers(admin, realtime=False, poll_interval=0.2)
    manager.register(Relax, room=room)
    frontend = RealtimeConnection(admin)
    frontend.connect(timeout=WAIT)
    try:
        # re-reads without an event would come only after 600 s: what we see was pushed
        watcher = TaskWatcher(admin, frontend, event_recheck=600.0)
        task_id = manager.submit(Relax(), room)
        seen: queue.Queue[TaskStatus | BaseException] = queue.Queue()

        def follow() -> None:
            try:
                for task in watcher.follow(task_id, timeout=WAIT):
                    seen.put(task.status)
            except BaseException as exc:  # reported by the assertions below
                seen.put(exc)

        follower = threading.Thread(target=follow)
        follower.start()
        assert seen.get(timeout=WAIT) is TaskStatus.PENDING
        time.sleep(0.5)  # the follower has joined the room
        claimed = next(manager.listen())
        assert seen.get(timeout=WAIT) is TaskStatus.CLAIMED
        manager.start(claimed)
        assert seen.get(timeout=WAIT) is TaskStatus.RUNNING
        manager.complete(claimed)
        assert seen.get(timeout=WAIT) is TaskStatus.COMPLETED
        follower.join(WAIT)
        assert seen.empty()
    finally:
        frontend.close()


def test_follow_reports_the_statuses_a_task_passed_before_the_watch_began(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    manager = managers(admin, execute=lambda task: None, poll_interval=0.2)
    manager.register(Relax, room=room)
    task_id = manager.submit(Relax(), room)
    assert manager.wait_for(task_id, timeout=WAIT).status is TaskStatus.COMPLETED
    for watcher in (TaskWatcher(admin), manager.watcher):
        followed = list(watcher.follow(task_id, timeout=WAIT))
        assert [t.status for t in followed] == [
            TaskStatus.PENDING,
            TaskStatus.CLAIMED,
            TaskStatus.RUNNING,
            TaskStatus.COMPLETED,
        ]
        pending, claimed, running, completed = followed
        assert pending.worker_id is None
        assert claimed.worker_id == running.worker_id == completed.worker_id is not None
        assert claimed.claimed_at == completed.claimed_at is not None
        assert pending.started_at is None
        assert claimed.started_at is None
        assert running.started_at == completed.started_at is not None
        assert running.completed_at is None
        assert completed.completed_at is not None


def test_follow_by_events_reports_every_status_of_a_task_a_fast_worker_runs(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    """The worker claims, starts and completes faster than the watch reads: nothing is dropped."""
    watching = managers(admin)
    manager = managers(admin, execute=lambda task: None, poll_interval=0.2)
    manager.register(Relax, room=room)
    for _ in range(3):
        task_id = watching.submit(Relax(), room, job_room=room)
        assert [t.status for t in watching.watch(task_id, timeout=WAIT)] == [
            TaskStatus.PENDING,
            TaskStatus.CLAIMED,
            TaskStatus.RUNNING,
            TaskStatus.COMPLETED,
        ]


def test_follow_without_socketio_reports_the_first_and_the_last_status(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    manager = managers(admin, realtime=False)
    manager.register(Relax, room=room)
    task_id = manager.submit(Relax(), room)
    threading.Timer(0.5, lambda: manager.cancel(task_id)).start()
    assert [t.status for t in TaskWatcher(admin).follow(task_id, timeout=WAIT)] == [
        TaskStatus.PENDING,
        TaskStatus.CANCELLED,
    ]


async def test_await_task_follows_a_task_from_asyncio(
    server: LiveServer, login: Callable[..., Client], room: str, managers: Callable[..., JobManager]
) -> None:
    async with login(server) as client:
        manager = managers(client, execute=lambda task: None)
        manager.register(Relax, room=room)
        task_id = manager.submit(Relax(), room)
        task = await await_task(client, task_id, timeout=WAIT)
        manager.disconnect()
    assert task.status is TaskStatus.COMPLETED


def _task(status: TaskStatus, *, claimed: bool = False, started: bool = False, attempt: int = 1) -> TaskResponse:
    now = datetime.datetime.now(datetime.UTC)
    return TaskResponse(
        id=uuid.UUID(int=1),
        job_name="r:modifiers:Relax",
        room_id="r",
        status=status,
        created_at=now,
        claimed_at=now if claimed else None,
        started_at=now if started else None,
        completed_at=now if status in TERMINAL else None,
        worker_id=uuid.UUID(int=2) if claimed else None,
        error="boom" if status is TaskStatus.FAILED else None,
        payload=TaskResponsePayload(),
        queue_position=1 if status is TaskStatus.PENDING else None,
        priority=0,
        attempt=attempt,
        max_attempts=3,
        available_at=None,
        progress=None,
        result={"ok": True} if status is TaskStatus.COMPLETED else None,
    )


P, C, R = TaskStatus.PENDING, TaskStatus.CLAIMED, TaskStatus.RUNNING


@pytest.mark.parametrize(
    ("previous", "latest", "expected"),
    [
        (None, _task(P), ["pending"]),
        (None, _task(R, claimed=True, started=True), ["pending", "claimed", "running"]),
        (_task(P), _task(TaskStatus.CANCELLED), ["cancelled"]),
        (_task(P), _task(TaskStatus.FAILED, claimed=True), ["claimed", "failed"]),
        (_task(C, claimed=True), _task(TaskStatus.COMPLETED, claimed=True, started=True), ["running", "completed"]),
        (_task(R, claimed=True, started=True), _task(TaskStatus.COMPLETED, claimed=True, started=True), ["completed"]),
        (_task(R, claimed=True, started=True), _task(R, claimed=True, started=True), []),
        # a retry: attempt 2 starts at pending again (claimed_at was reset), whatever attempt 1 reached
        (_task(R, claimed=True, started=True), _task(P, attempt=2), ["pending"]),
        (
            _task(R, claimed=True, started=True),
            _task(R, claimed=True, started=True, attempt=2),
            ["pending", "claimed", "running"],
        ),
        # cancelled while waiting for its retry: a start time of the first attempt is no running step
        (_task(P, attempt=2), _task(TaskStatus.CANCELLED, started=True, attempt=2), ["cancelled"]),
    ],
)
def test_the_steps_between_two_reads_follow_the_lifecycle(
    previous: TaskResponse | None, latest: TaskResponse, expected: list[str]
) -> None:
    steps = steps_between(previous, latest)
    assert [s.status.value for s in steps] == expected
    if steps:
        assert steps[-1] is latest
    for step in steps[:-1]:
        assert step.completed_at is None
        assert step.error is None
        assert step.result is None
        assert step.queue_position is None
        assert (step.started_at is None) == (step.status is not TaskStatus.RUNNING)
        assert (step.claimed_at is None) == (step.status is TaskStatus.PENDING)
        assert (step.worker_id is None) == (step.status is TaskStatus.PENDING)
