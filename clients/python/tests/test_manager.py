"""`JobManager` against a live server: registration, auto-serve with real threads and a real
Socket.IO connection, manual `listen()`, the task updates, disconnect."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from typing import Any, ClassVar
from uuid import UUID

import pytest
from typing_extensions import override

from zndraw_joblib_client import Category, ClaimedTask, Client, Extension, JobManager, StopReason, errors
from zndraw_joblib_client._generated.api.jobs import get_job
from zndraw_joblib_client._generated.api.tasks import submit_task
from zndraw_joblib_client._generated.api.workers import heartbeat_worker, list_workers
from zndraw_joblib_client._generated.models import (
    JobResponse,
    TaskResponse,
    TaskStatus,
    TaskSubmitRequest,
    TaskSubmitRequestPayload,
    WorkerPage,
    WorkerResponse,
)

WAIT = 60.0
"""Seconds a test waits for something that normally takes milliseconds (a loaded CI machine)."""


class Rotate(Extension):
    category: ClassVar[Category] = Category.MODIFIER
    angle: float = 90.0

    @override
    def run(self, ctx: Any, **kwargs: Any) -> None:
        if self.angle < 0:
            raise ValueError("angle must not be negative")
        ctx.append(("rotate", self.angle, kwargs))


class SelectAll(Extension):
    category: ClassVar[Category] = Category.SELECTION

    @override
    def run(self, ctx: Any, **kwargs: Any) -> None:
        ctx.append(("select", kwargs))


class Measure(Extension):
    category: ClassVar[Category] = Category.ANALYSIS
    bins: int = 10

    @override
    def run(self, ctx: Any, **kwargs: Any) -> None:
        ctx.append(("measure", self.bins))


def _worker(admin: Client, worker_id: UUID) -> WorkerResponse | None:
    page = admin.call(list_workers.sync_detailed, WorkerPage, limit=500)
    return next(
        (WorkerResponse(id=w.id, last_heartbeat=w.last_heartbeat) for w in page.items if w.id == worker_id), None
    )


def test_the_whole_lifecycle_with_threads_and_socketio(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    effects: list[Any] = []
    claimed: list[ClaimedTask[Any]] = []

    def execute(task: ClaimedTask[Any]) -> None:
        claimed.append(task)
        task.run(effects)

    manager = managers(admin, execute=execute, heartbeat_interval=0.5, poll_interval=30.0)

    @manager.register(room=room, run_kwargs={"scale": 2})
    class RotateHere(Rotate):
        pass

    @manager.register(room=room)
    class SelectAllHere(SelectAll):
        pass

    manager.register(Measure, room=room)

    # a read-only mapping of full names → classes
    names = {f"{room}:modifiers:RotateHere", f"{room}:selections:SelectAllHere", f"{room}:analysis:Measure"}
    assert set(manager) == names
    assert len(manager) == 3
    assert f"{room}:analysis:Measure" in manager
    assert manager[f"{room}:modifiers:RotateHere"] is RotateHere
    with pytest.raises(TypeError):
        manager[f"{room}:analysis:Measure"] = Measure  # type: ignore[index]

    # one worker, created by the first registration and reused by the others
    worker_id = manager.worker_id
    assert worker_id is not None
    for name in names:
        job = admin.call(get_job.sync_detailed, JobResponse, room_id=room, job_name=name)
        assert job.workers == [worker_id]
    assert manager.realtime is not None
    assert manager.realtime.connected

    # auto-serve: claimed, running, completed, with the parameters and the run kwargs
    done = manager.wait_for(manager.submit(RotateHere(angle=45), room), timeout=WAIT)
    assert done.status is TaskStatus.COMPLETED
    assert done.started_at is not None
    assert done.completed_at is not None
    assert effects[-1] == ("rotate", 45.0, {"scale": 2})
    task = claimed[-1]
    assert (task.task_id, task.job_name, task.room_id) == (done.id, f"{room}:modifiers:RotateHere", room)
    assert isinstance(task.extension, RotateHere)
    assert task.run_kwargs == {"scale": 2}

    # an exception fails the task with its text
    failed = manager.wait_for(manager.submit(RotateHere(angle=-1), room), timeout=WAIT)
    assert failed.status is TaskStatus.FAILED
    assert failed.error == "ValueError: angle must not be negative"

    # tasks submitted from another room reach the same job only if it is visible there: it is not
    with pytest.raises(errors.JobNotFound):
        manager.submit(Measure(bins=3), "some-other-room", job_room=room)
    assert manager.wait_for(manager.submit(Measure(bins=3), room), timeout=WAIT).status is TaskStatus.COMPLETED
    assert effects[-1] == ("measure", 3)

    # the keeper heartbeats in the background
    first = _worker(admin, worker_id)
    assert first is not None
    deadline = time.monotonic() + WAIT
    while (now := _worker(admin, worker_id)) is not None and now.last_heartbeat <= first.last_heartbeat:
        assert time.monotonic() < deadline, "no heartbeat"
        time.sleep(0.2)

    # disconnect: idempotent and thread-safe; the worker is deleted and its jobs are hidden
    threads = [threading.Thread(target=manager.disconnect) for _ in range(3)]
    for thread in threads:
        thread.start()
    manager.disconnect()
    for thread in threads:
        thread.join(WAIT)
    assert manager.stopped
    assert manager.stop_reason is StopReason.DISCONNECTED
    assert not manager.realtime.connected
    with pytest.raises(errors.WorkerNotFound):
        admin.call(heartbeat_worker.sync_detailed, WorkerResponse, worker_id=worker_id)
    with pytest.raises(errors.JobNotFound):
        admin.call(get_job.sync_detailed, JobResponse, room_id=room, job_name=f"{room}:analysis:Measure")
    with pytest.raises(errors.ManagerStopped):
        manager.register(Rotate, room=room)
    assert manager.wait(timeout=1) is StopReason.DISCONNECTED


def test_a_context_manager_deletes_its_worker_on_exit(admin: Client, room: str) -> None:
    with JobManager(admin, realtime=False) as manager:
        manager.register(Rotate, room=room)
        worker_id = manager.worker_id
        assert worker_id is not None
    assert manager.stopped
    with pytest.raises(errors.WorkerNotFound):
        admin.call(heartbeat_worker.sync_detailed, WorkerResponse, worker_id=worker_id)


def test_register_refuses_what_is_not_an_extension(admin: Client, managers: Callable[..., JobManager]) -> None:
    manager = managers(admin, realtime=False)
    with pytest.raises(TypeError):
        manager.register(int)  # type: ignore[type-var]
    assert manager.worker_id is None


def test_listen_yields_claimed_tasks_and_the_worker_moves_them(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    manager = managers(admin, realtime=False, poll_interval=0.2)
    manager.register(Rotate, room=room)
    ids = [manager.submit(Rotate(angle=a), room) for a in (1.0, 2.0, 3.0)]
    tasks = manager.listen()

    first = next(tasks)
    assert first.task_id == ids[0], "FIFO"
    assert isinstance(first.extension, Rotate)
    assert first.extension.angle == 1.0
    assert manager.start(first).status is TaskStatus.RUNNING
    assert manager.complete(first).status is TaskStatus.COMPLETED

    second = next(tasks)
    manager.start(second.task_id)
    failed = manager.fail(second, "out of memory")
    assert (failed.status, failed.error) == (TaskStatus.FAILED, "out of memory")

    third = next(tasks)
    assert manager.cancel(str(third.task_id)).status is TaskStatus.CANCELLED
    with pytest.raises(errors.InvalidTaskTransition):
        manager.start(third)

    manager.heartbeat()
    assert [manager.wait_for(i, timeout=WAIT).status for i in ids] == [
        TaskStatus.COMPLETED,
        TaskStatus.FAILED,
        TaskStatus.CANCELLED,
    ]


def test_the_server_refuses_a_payload_with_a_misspelled_parameter(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    manager = managers(admin, realtime=False)
    manager.register(Rotate, room=room)
    job = admin.call(get_job.sync_detailed, JobResponse, room_id=room, job_name=f"{room}:modifiers:Rotate")
    assert job.schema.to_dict()["additionalProperties"] is False
    with pytest.raises(errors.ValidationError) as refused:
        admin.call(
            submit_task.sync_detailed,
            TaskResponse,
            room_id=room,
            job_name=f"{room}:modifiers:Rotate",
            body=TaskSubmitRequest(payload=TaskSubmitRequestPayload.from_dict({"angel": 45})),
        )
    assert refused.value.status == 422
    assert "angel" in str(refused.value.errors)
    manager.submit(Rotate(angle=45), room)  # the real parameter is accepted


def test_listen_is_refused_while_the_manager_serves_itself(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    manager = managers(admin, execute=lambda task: None, realtime=False)
    manager.register(Rotate, room=room)
    with pytest.raises(RuntimeError, match="execute"):
        manager.listen()


def test_a_task_submitted_to_an_idle_connected_manager_starts_at_once(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    started = threading.Event()
    manager = managers(admin, execute=lambda task: started.set(), poll_interval=600.0)
    manager.register(Rotate, room=room)
    time.sleep(1.0)  # the first claim found nothing; the loop now sleeps for up to 600 s
    submitted = time.monotonic()
    task_id = manager.submit(Rotate(), room)
    assert started.wait(WAIT), "the task_available push did not wake the manager"
    latency = time.monotonic() - submitted
    assert latency < 10.0, f"took {latency:.1f} s: that is polling, not a push"
    assert manager.wait_for(task_id, timeout=WAIT).status is TaskStatus.COMPLETED


def test_two_managers_serving_one_job_never_run_a_task_twice(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    runs: list[tuple[str, UUID]] = []
    lock = threading.Lock()

    def executor(label: str) -> Callable[[ClaimedTask[Any]], None]:
        def execute(task: ClaimedTask[Any]) -> None:
            with lock:
                runs.append((label, task.task_id))
            time.sleep(0.02)

        return execute

    first = managers(admin, execute=executor("a"), poll_interval=2.0)
    second = managers(admin, execute=executor("b"), poll_interval=2.0)
    first.register(Rotate, room=room)
    second.register(Rotate, room=room)
    assert first.worker_id != second.worker_id

    ids = [first.submit(Rotate(angle=float(i)), room) for i in range(30)]
    results = [first.wait_for(task_id, timeout=WAIT) for task_id in ids]
    assert all(r.status is TaskStatus.COMPLETED for r in results)
    ran = [task_id for _, task_id in runs]
    assert sorted(ran) == sorted(ids), "every task ran exactly once"
    assert {r.worker_id for r in results} <= {first.worker_id, second.worker_id}


def test_sigterm_while_waiting_disconnects_and_restores_the_handler(
    admin: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    manager = managers(admin, execute=lambda task: None)
    manager.register(Rotate, room=room)
    worker_id = manager.worker_id
    before = signal.getsignal(signal.SIGTERM)
    threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM)).start()
    assert manager.wait(timeout=WAIT) is StopReason.DISCONNECTED
    assert signal.getsignal(signal.SIGTERM) is before
    assert worker_id is not None
    with pytest.raises(errors.WorkerNotFound):
        admin.call(heartbeat_worker.sync_detailed, WorkerResponse, worker_id=worker_id)
