"""`ClaimedTask`: a task this worker claimed, with its parameters already validated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from uuid import UUID

from .extension import Extension

E = TypeVar("E", bound=Extension)


@dataclass(frozen=True)
class ClaimedTask(Generic[E]):
    """A claimed task: which job, which room, and the extension instance built from the payload.

    Pass it to `JobManager.start/complete/fail/cancel`, or run it with `run(ctx)`.
    """

    task_id: UUID
    job_name: str
    room_id: str
    extension: E
    run_kwargs: Mapping[str, Any] = field(default_factory=dict)

    def run(self, ctx: Any = None) -> Any:
        """`extension.run(ctx, **run_kwargs)`."""
        return self.extension.run(ctx, **self.run_kwargs)
