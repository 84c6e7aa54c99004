"""A worker process for the lifecycle tests: `python lifecycle_worker.py ROOM LOG MAX_ATTEMPTS`.

It connects with `ZNDRAW_JOBLIB_URL` and `ZNDRAW_JOBLIB_TOKEN`, registers `Crunch` in ROOM and
serves it. Each task appends JSON lines to LOG: `started` when its `run` begins, and `stopped`
(with why) when it returns. `Crunch(mode="wait")` runs until cancelled (or 60 s);
`mode="progress"` reports progress `reports` times a millisecond apart, then waits 0.5 s.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any, ClassVar

from zndraw_joblib_client import Category, Client, Extension, JobManager, current_task


class Crunch(Extension):
    category: ClassVar[Category] = Category.ANALYSIS
    mode: str = "wait"
    reports: int = 1000

    def run(self, ctx: Any, **kwargs: Any) -> Any:  # noqa: ARG002 - the Extension signature
        task = current_task()
        assert task is not None
        log({"event": "started", "task": str(task.task_id), "at": time.time(), "attempt": task.attempt})
        if self.mode == "progress":
            for step in range(1, self.reports + 1):  # a thousand reports spread over about a second
                task.progress(current=step, total=self.reports)
                time.sleep(0.001)
            time.sleep(0.5)
            log({"event": "stopped", "task": str(task.task_id), "at": time.time(), "why": "done"})
            return {"reports": self.reports}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if task.is_cancelled:
                log({"event": "stopped", "task": str(task.task_id), "at": time.time(), "why": "cancelled"})
                return None
            time.sleep(0.02)
        log({"event": "stopped", "task": str(task.task_id), "at": time.time(), "why": "timeout"})
        return None


def log(entry: dict[str, Any]) -> None:
    with Path(sys.argv[2]).open("a") as out:
        out.write(json.dumps(entry) + "\n")


def main() -> None:
    room, attempts = sys.argv[1], int(sys.argv[3])
    manager = JobManager(Client.from_env(), execute=lambda task: task.run(task))
    manager.register(Crunch, room=room, max_attempts=attempts, retry_backoff_seconds=0.1)
    log({"event": "ready", "at": time.time(), "worker": str(manager.worker_id)})
    manager.wait()


if __name__ == "__main__":
    main()
