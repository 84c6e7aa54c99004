"""The task state machine and who may move a task: pure decisions, no I/O.

```
pending ──claim──▶ claimed ──▶ running ──▶ completed
   │                  │  └──────────────┬──▶ failed
   └──────────────────┴───────────┬─────┴──▶ cancelled
```
`claimed` is reached only through the claim (or internal dispatch); an update (PATCH) moves
`claimed → running | failed | cancelled`, `running → completed | failed | cancelled` and
`pending → cancelled`. Terminal states have no way out. A retry (a retryable failure, or the
claiming worker gone, with attempts left) moves a claimed or running task back to `pending`
instead of `failed`. See docs/task_states.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from ._generated.models import TaskStatus

TERMINAL: frozenset[TaskStatus] = frozenset({TaskStatus.completed, TaskStatus.failed, TaskStatus.cancelled})

#: Moves a PATCH may ask for, by current status.
UPDATE_MOVES: dict[TaskStatus, frozenset[TaskStatus]] = {
    TaskStatus.pending: frozenset({TaskStatus.cancelled}),
    TaskStatus.claimed: frozenset({TaskStatus.running, TaskStatus.failed, TaskStatus.cancelled}),
    TaskStatus.running: frozenset({TaskStatus.completed, TaskStatus.failed, TaskStatus.cancelled}),
    TaskStatus.completed: frozenset(),
    TaskStatus.failed: frozenset(),
    TaskStatus.cancelled: frozenset(),
}


RETRY_DELAY_MAX_SECONDS = 3600.0


def retry_delay(backoff_seconds: float, attempt: int) -> float:
    """Seconds before attempt `attempt + 1` may start: the backoff, doubled per attempt, at most an hour."""
    return float(min(backoff_seconds * 2.0 ** (attempt - 1), RETRY_DELAY_MAX_SECONDS))


def has_attempts_left(attempt: int, max_attempts: int) -> bool:
    return attempt < max_attempts


def is_terminal(status: TaskStatus) -> bool:
    return status in TERMINAL


def sources_of(target: TaskStatus) -> frozenset[TaskStatus]:
    """The statuses an update may move a task to `target` from."""
    return frozenset(current for current, moves in UPDATE_MOVES.items() if target in moves)


def owner_moves_in_one_statement(target: TaskStatus, *, retryable: bool) -> bool:
    """Whether the claiming worker's owner's move to `target` needs nothing but the guarded update
    (its permission and source statuses checked in the statement itself): not a cancel (its
    worker is told, from the row before) and not a retryable failure (which may become a retry)."""
    return target is not TaskStatus.cancelled and not (retryable and target is TaskStatus.failed)


def can_move(current: TaskStatus, target: TaskStatus) -> bool:
    """Whether an update may move a task from `current` to `target`."""
    return target in UPDATE_MOVES[current]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who asks: the user's id and whether they are a superuser; `identity` is the user object the
    identity dependency returned (a host's own user in library mode), for room policies."""

    user_id: UUID
    is_superuser: bool
    identity: Any = field(default=None, compare=False, repr=False)


def may_update(
    actor: Actor,
    *,
    current: TaskStatus,
    target: TaskStatus,
    submitter_id: UUID | None,
    worker_owner_id: UUID | None,
) -> bool:
    """Superusers and the owner of the claiming worker may update; the submitter may cancel
    their own task until it ends (a claimed or running one too: its worker is told to stop)."""
    if actor.is_superuser:
        return True
    if worker_owner_id is not None and worker_owner_id == actor.user_id:
        return True
    return (
        current in CANCELLABLE
        and target is TaskStatus.cancelled
        and submitter_id is not None
        and submitter_id == actor.user_id
    )


CANCELLABLE: frozenset[TaskStatus] = frozenset({TaskStatus.pending, TaskStatus.claimed, TaskStatus.running})
