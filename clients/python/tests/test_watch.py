"""Following a task: long-poll to the end, every status by Socket.IO events, timeouts, asyncio."""

from __future__ import annotations

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
from zndraw_joblib_client._generated.models import TaskResponse, TaskStatus
from zndraw_joblib_client.watch import await_task

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
