"""Submit a `Rotate` and a `Centroid` task into a room and follow each to its end.

Run `examples/worker.py` first (in another terminal), then:

    python examples/submit_and_wait.py [ROOM]

It prints each task's statuses as they change and exits non-zero if a task did not complete.
Same configuration as the worker (ZNDRAW_JOBLIB_URL, ZNDRAW_JOBLIB_EMAIL, ZNDRAW_JOBLIB_PASSWORD).
"""

# ruff: noqa: T201 - an example prints what it does

from __future__ import annotations

import sys

from worker import Centroid, Rotate, connect

from zndraw_joblib_client import Extension, JobManager
from zndraw_joblib_client._generated.models import TaskStatus


def main(room: str) -> int:
    failures = 0
    with connect() as client, JobManager(client) as manager:  # submits only: no worker is created
        extension: Extension
        for extension in (Rotate(angle=45), Centroid(decimals=2)):
            task_id = manager.submit(extension, room)
            print(f"{type(extension).__name__} task {task_id}", flush=True)
            for task in manager.watch(task_id, timeout=60):
                detail = f": {task.error}" if task.error else ""
                print(f"  {task.status}{detail}", flush=True)
            failures += task.status is not TaskStatus.COMPLETED
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "room_42"))
