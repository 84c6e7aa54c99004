"""The task state machine and the update permission rule, without a server."""

from __future__ import annotations

from itertools import product
from uuid import uuid4

import pytest

from zndraw_joblib import task_states
from zndraw_joblib._generated.models import TaskStatus as S

ALLOWED = {
    (S.pending, S.cancelled),
    (S.claimed, S.running),
    (S.claimed, S.failed),
    (S.claimed, S.cancelled),
    (S.running, S.completed),
    (S.running, S.failed),
    (S.running, S.cancelled),
}


@pytest.mark.parametrize(("current", "target"), list(product(S, S)))
def test_an_update_may_make_exactly_the_documented_moves(current: S, target: S) -> None:
    assert task_states.can_move(current, target) is ((current, target) in ALLOWED)


def test_terminal_states_have_no_way_out() -> None:
    for terminal in (S.completed, S.failed, S.cancelled):
        assert task_states.is_terminal(terminal)
        assert not any(task_states.can_move(terminal, target) for target in S)


def test_claimed_is_never_reached_by_an_update() -> None:
    assert not any(task_states.can_move(current, S.claimed) for current in S)


def test_the_worker_owner_and_superusers_may_update_others_may_not() -> None:
    owner, stranger = uuid4(), uuid4()
    facts = {"current": S.running, "target": S.completed, "submitter_id": stranger, "worker_owner_id": owner}
    assert task_states.may_update(task_states.Actor(owner, is_superuser=False), **facts)
    assert task_states.may_update(task_states.Actor(uuid4(), is_superuser=True), **facts)
    assert not task_states.may_update(task_states.Actor(stranger, is_superuser=False), **facts)


def test_the_submitter_may_cancel_until_the_task_ends_but_not_move_it_otherwise() -> None:
    submitter = task_states.Actor(uuid4(), is_superuser=False)
    mine = {"submitter_id": submitter.user_id}
    for current in (S.pending, S.claimed, S.running):
        worker_owner = None if current is S.pending else uuid4()
        assert task_states.may_update(
            submitter, current=current, target=S.cancelled, worker_owner_id=worker_owner, **mine
        )
    assert not task_states.may_update(submitter, current=S.running, target=S.completed, worker_owner_id=uuid4(), **mine)
    assert not task_states.may_update(submitter, current=S.completed, target=S.cancelled, worker_owner_id=None, **mine)
    stranger = task_states.Actor(uuid4(), is_superuser=False)
    assert not task_states.may_update(stranger, current=S.running, target=S.cancelled, worker_owner_id=uuid4(), **mine)


def test_a_retry_waits_longer_each_attempt_and_at_most_an_hour() -> None:
    assert [task_states.retry_delay(1.5, attempt) for attempt in (1, 2, 3)] == [1.5, 3.0, 6.0]
    assert task_states.retry_delay(60, 20) == task_states.RETRY_DELAY_MAX_SECONDS
    assert task_states.retry_delay(0, 5) == 0
    assert task_states.has_attempts_left(1, 3)
    assert not task_states.has_attempts_left(3, 3)
    assert not task_states.has_attempts_left(1, 1)


@pytest.mark.parametrize("target", list(S))
def test_the_sources_of_a_target_are_exactly_the_statuses_that_may_move_to_it(target: S) -> None:
    assert task_states.sources_of(target) == {s for s in S if task_states.can_move(s, target)}


def test_only_plain_moves_by_the_owner_go_in_one_statement() -> None:
    one = task_states.owner_moves_in_one_statement
    assert one(S.running, retryable=False)
    assert one(S.completed, retryable=False)
    assert one(S.failed, retryable=False)
    assert not one(S.failed, retryable=True)  # may become a retry
    assert not one(S.cancelled, retryable=False)  # its worker is told
