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


def test_the_submitter_may_cancel_only_while_pending() -> None:
    submitter = task_states.Actor(uuid4(), is_superuser=False)
    pending = {"submitter_id": submitter.user_id, "worker_owner_id": None}
    assert task_states.may_update(submitter, current=S.pending, target=S.cancelled, **pending)
    assert not task_states.may_update(
        submitter, current=S.running, target=S.cancelled, submitter_id=submitter.user_id, worker_owner_id=uuid4()
    )
