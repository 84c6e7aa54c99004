"""A manager stops when its worker is deleted, survives a server restart, gives up on a server
that stays away, and retries its start-up while the server is not there yet."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, ClassVar
from uuid import UUID

from live_server import LiveServer
from typing_extensions import override

from zndraw_joblib_client import Category, ClaimedTask, Client, Extension, JobManager, StopReason, errors
from zndraw_joblib_client._generated.api.workers import delete_worker
from zndraw_joblib_client._generated.models import TaskStatus
from zndraw_joblib_client.retry import call_with_retry

WAIT = 60.0


class Center(Extension):
    category: ClassVar[Category] = Category.MODIFIER
    step: int = 0

    @override
    def run(self, ctx: Any, **kwargs: Any) -> None:
        return None


def test_a_worker_deleted_on_the_server_stops_its_manager(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    manager = managers(admin, execute=lambda task: None, heartbeat_interval=0.5)
    manager.register(Center, room=room)
    assert manager.worker_id is not None
    time.sleep(1.0)  # a few heartbeats while in touch
    admin.call(delete_worker.sync_detailed, None, worker_id=manager.worker_id)
    assert manager.wait(timeout=WAIT) is StopReason.WORKER_GONE
    assert manager.stopped
    assert manager.realtime is not None
    assert not manager.realtime.connected


def test_a_manager_survives_a_server_restart(
    start_server: Callable[..., LiveServer],
    login: Callable[..., Client],
    room: str,
    managers: Callable[..., JobManager],
) -> None:
    live = start_server()
    worker_client = login(live)
    release = threading.Event()
    ran: list[int] = []

    def execute(task: ClaimedTask[Any]) -> None:
        ran.append(task.extension.step)
        if task.extension.step == 1:
            release.wait(WAIT)  # still running while the server restarts

    manager = managers(worker_client, execute=execute, heartbeat_interval=0.5, poll_interval=2.0)
    manager.register(Center, room=room)
    assert manager.wait_for(manager.submit(Center(step=0), room), timeout=WAIT).status is TaskStatus.COMPLETED

    in_flight = manager.submit(Center(step=1), room)
    deadline = time.monotonic() + WAIT
    while 1 not in ran:
        assert time.monotonic() < deadline
        time.sleep(0.05)

    live.restart()
    release.set()

    # the in-flight task ends one way or the other (the server may have failed it on shutdown)
    assert manager.wait_for(in_flight, timeout=WAIT).status in {TaskStatus.COMPLETED, TaskStatus.FAILED}
    # and the manager keeps serving: once it has registered again (the job was hidden while
    # nobody served it), a task submitted after the restart is run
    after = _submit_when_visible(manager, Center(step=2), room)
    final = manager.wait_for(after, timeout=WAIT)
    assert final.status is TaskStatus.COMPLETED, final.error
    assert 2 in ran
    assert not manager.stopped


def _submit_when_visible(manager: JobManager, extension: Extension, room: str) -> UUID:
    deadline = time.monotonic() + WAIT
    while True:
        try:
            return call_with_retry(lambda: manager.submit(extension, room), timeout=WAIT, what="submit")
        except errors.JobNotFound:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_a_manager_gives_up_on_a_server_that_stays_away(
    start_server: Callable[..., LiveServer],
    login: Callable[..., Client],
    room: str,
    managers: Callable[..., JobManager],
) -> None:
    live = start_server()
    manager = managers(login(live), execute=lambda task: None, heartbeat_interval=0.3, max_unreachable_seconds=2.0)
    manager.register(Center, room=room)
    started = time.monotonic()  # the outage starts while the server shuts down
    live.stop()
    assert manager.wait(timeout=WAIT) is StopReason.UNREACHABLE
    assert time.monotonic() - started >= 2.0, "gave up before max_unreachable_seconds"


def test_registration_retries_until_the_server_is_back(
    start_server: Callable[..., LiveServer],
    login: Callable[..., Client],
    room: str,
    managers: Callable[..., JobManager],
) -> None:
    live = start_server()
    client = login(live)  # the token stays valid: the secret lives in the data dir
    live.stop()
    manager = managers(client, execute=lambda task: None, startup_timeout=120.0)
    restarter = threading.Timer(1.5, live.start)
    restarter.start()
    try:
        started = time.monotonic()
        manager.register(Center, room=room)
        assert time.monotonic() - started >= 1.0, "registered before the server was up?"
    finally:
        restarter.join(WAIT * 2)
    assert f"{room}:modifiers:Center" in manager
    assert manager.realtime is not None
    assert manager.realtime.connected
    assert manager.wait_for(manager.submit(Center(), room), timeout=WAIT).status is TaskStatus.COMPLETED
