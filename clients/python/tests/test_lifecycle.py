"""The task lifecycle through the SDK, with real worker processes: cancel stops a running
extension, progress is coalesced, results come back, a killed worker's task runs again, and
submissions carry priorities and idempotency keys."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
import socketio
from lifecycle_worker import Crunch
from live_server import LiveServer
from pydantic import Field

from zndraw_joblib_client import Category, ClaimedTask, Client, Extension, JobManager, errors
from zndraw_joblib_client._generated.api.tasks import get_task, update_task
from zndraw_joblib_client._generated.models import TaskResponse, TaskStatus, TaskUpdateRequest

WAIT = 60.0
"""Seconds a test waits for something that normally takes milliseconds (a loaded CI machine)."""
WORKER = Path(__file__).with_name("lifecycle_worker.py")


class WorkerProcess:
    def __init__(self, live: LiveServer, token: str, room: str, log: Path, attempts: int) -> None:
        env = {**os.environ, "ZNDRAW_JOBLIB_URL": live.url, "ZNDRAW_JOBLIB_TOKEN": token}
        self.log = log
        self.errors = log.with_suffix(".err").open("w")
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER), room, str(log), str(attempts)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.errors,
        )
        self.wait_for(lambda e: e["event"] == "ready")

    def entries(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.strip()]

    def wait_for(self, match: Callable[[dict[str, Any]], bool], within: float = WAIT) -> dict[str, Any]:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            found = next((e for e in self.entries() if match(e)), None)
            if found is not None:
                return found
            assert self.process.poll() is None or match({"event": "__exited__"}), self.log.with_suffix(
                ".err"
            ).read_text()
            time.sleep(0.02)
        raise AssertionError(f"no matching log entry within {within} s: {self.entries()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.errors.close()


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Callable[..., WorkerProcess]]:
    started: list[WorkerProcess] = []

    def start(live: LiveServer, token: str, room: str, attempts: int = 1) -> WorkerProcess:
        process = WorkerProcess(live, token, room, tmp_path / f"worker{len(started)}.log", attempts)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


def submit(client: Client, room: str, extension: Extension, **options: Any) -> Any:
    manager = JobManager(client, realtime=False)
    try:
        return manager.submit(extension, room, job_room=room, **options)
    finally:
        manager.disconnect()


def task(client: Client, task_id: Any) -> TaskResponse:
    return client.call(get_task.sync_detailed, TaskResponse, task_id=task_id)


def test_a_running_task_cancelled_by_its_submitter_stops_the_extension_within_a_second(
    server: LiveServer, user: Client, admin: Client, room: str, workers: Callable[..., WorkerProcess]
) -> None:
    worker = workers(server, user.token, room)
    task_id = submit(admin, room, Crunch(mode="wait"))  # the admin submits; the user's worker runs it
    worker.wait_for(lambda e: e["event"] == "started")
    body = TaskUpdateRequest(status=TaskStatus.CANCELLED)
    cancelled = admin.call(update_task.sync_detailed, TaskResponse, task_id=task_id, body=body)
    asked = time.time()
    assert cancelled.status == TaskStatus.CANCELLED
    stopped = worker.wait_for(lambda e: e["event"] == "stopped")
    assert stopped["why"] == "cancelled"
    print(f"cancel → extension stopped in {stopped['at'] - asked:.3f} s")  # noqa: T201 - the figure, for the record
    assert stopped["at"] - asked < 2.0  # seconds: ~0.05 here; generous for a loaded machine
    time.sleep(0.5)
    assert task(admin, task_id).status == TaskStatus.CANCELLED  # the worker reported nothing after it


def test_a_thousand_progress_reports_in_a_second_arrive_as_about_ten_events(
    server: LiveServer, user: Client, admin: Client, room: str, workers: Callable[..., WorkerProcess]
) -> None:
    workers(server, user.token, room)
    seen: list[dict[str, Any]] = []
    frontend = socketio.Client()
    frontend.on("task_progress", seen.append)
    frontend.connect(server.url, auth={"token": admin.token}, transports=["websocket"])
    try:
        assert frontend.call("join_room", {"room_id": room}, timeout=30) == {"ok": True}
        task_id = submit(admin, room, Crunch(mode="progress", reports=1000))
        manager = JobManager(admin, realtime=False)
        try:
            done = manager.wait_for(task_id, timeout=WAIT)
        finally:
            manager.disconnect()
        mine = [e for e in seen if e["id"] == str(task_id)]
        print(f"{len(mine)} task_progress events for 1000 reports")  # noqa: T201 - the figure, for the record
        assert 3 <= len(mine) <= 30  # coalesced twice (worker and server): ~10 a second
        assert mine[-1]["progress"]["current"] == 1000  # the last report is never lost
        assert done.result.to_dict() if hasattr(done.result, "to_dict") else done.result == {"reports": 1000}
    finally:
        frontend.disconnect()


def test_a_result_returned_by_the_extension_comes_back_with_the_task(
    user: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    class Measure(Extension):
        category: ClassVar[Category] = Category.ANALYSIS
        bins: int = 3

        def run(self, ctx: Any, **kwargs: Any) -> Any:  # noqa: ARG002 - the Extension signature
            return {"histogram": [1] * self.bins, "mean": 0.5}

    worker = managers(user, execute=lambda claimed: claimed.run())
    worker.register(Measure, room=room)
    task_id = worker.submit(Measure(bins=4), room)
    finished = worker.wait_for(task_id, timeout=WAIT)
    assert finished.status == TaskStatus.COMPLETED
    assert finished.result == {"histogram": [1, 1, 1, 1], "mean": 0.5}


@pytest.mark.parametrize("attempts", [2, 1])
def test_a_task_of_a_killed_worker_runs_again_elsewhere_only_while_attempts_remain(
    server: LiveServer,
    user: Client,
    admin: Client,
    room: str,
    workers: Callable[..., WorkerProcess],
    managers: Callable[..., JobManager],
    attempts: int,
) -> None:
    doomed = workers(server, user.token, room, attempts=attempts)
    task_id = submit(admin, room, Crunch(mode="wait"))
    doomed.wait_for(lambda e: e["event"] == "started")
    doomed.process.kill()  # kill -9: no goodbye; the server sees the socket drop
    doomed.process.wait()
    killed_at = time.time()
    runs: list[tuple[float, int]] = []

    def rerun(claimed: ClaimedTask[Any]) -> Any:
        runs.append((time.time(), claimed.attempt))
        return {"rerun": True}

    survivor = managers(user, execute=rerun)
    survivor.register(Crunch, room=room, max_attempts=attempts, retry_backoff_seconds=0.1)
    watcher = JobManager(admin, realtime=False)
    try:
        finished = watcher.wait_for(task_id, timeout=WAIT)
    finally:
        watcher.disconnect()
    if attempts == 2:
        assert finished.status == TaskStatus.COMPLETED
        assert finished.attempt == 2
        assert [attempt for _, attempt in runs] == [2]
        assert runs[0][0] > killed_at  # never two runs at once
    else:
        assert finished.status == TaskStatus.FAILED
        assert finished.error == "Worker disconnected"
        assert runs == []


def test_priorities_and_idempotency_keys_through_the_sdk(
    user: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    order: list[int] = []

    class Ordered(Extension):
        category: ClassVar[Category] = Category.ANALYSIS
        n: int = 0

        def run(self, ctx: Any, **kwargs: Any) -> None:  # noqa: ARG002 - the Extension signature
            order.append(self.n)

    manual = managers(user)
    manual.register(Ordered, room=room)
    first = manual.submit(Ordered(n=1), room)
    again = manual.submit(Ordered(n=1), room, idempotency_key="ordered-1")
    assert manual.submit(Ordered(n=1), room, idempotency_key="ordered-1") == again
    with pytest.raises(errors.IdempotencyKeyReused):
        manual.submit(Ordered(n=2), room, idempotency_key="ordered-1")
    urgent = manual.submit(Ordered(n=9), room, priority=50)
    claimed = [task.task_id for task in itertools.islice(manual.listen(), 3)]  # no fourth wait
    assert claimed == [urgent, first, again]


def test_submit_many_sends_one_batch_claimed_in_order_and_refuses_it_whole(
    user: Client, room: str, managers: Callable[..., JobManager]
) -> None:
    class Numbered(Extension):
        category: ClassVar[Category] = Category.ANALYSIS
        n: int = Field(default=0, ge=0)

        def run(self, ctx: Any, **kwargs: Any) -> None:  # noqa: ARG002 - the Extension signature
            return None

    manual = managers(user)
    manual.register(Numbered, room=room)
    ids = manual.submit_many([Numbered(n=n) for n in range(5)], room, idempotency_key="numbered")
    assert len(ids) == 5
    assert manual.submit_many([Numbered(n=n) for n in range(5)], room, idempotency_key="numbered") == ids
    with pytest.raises(errors.ValidationError) as refused:
        manual.submit_many([Numbered(n=1), Numbered.model_construct(n=-2)], room)  # the server checks too
    assert "tasks" in str(refused.value)

    class Other(Numbered):
        pass

    with pytest.raises(ValueError, match="one class"):
        manual.submit_many([Numbered(n=1), Other(n=2)], room)
    claimed = [task.task_id for task in itertools.islice(manual.listen(), 5)]
    assert claimed == ids
