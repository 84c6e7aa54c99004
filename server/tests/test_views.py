"""Rows to views: the shortcut constructor agrees with pydantic's `model_construct`."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from zndraw_joblib import views
from zndraw_joblib._generated import events, models


def _row(status: models.TaskStatus, progress: dict[str, object] | None) -> dict[str, object]:
    now = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    return {
        "id": uuid.uuid4(),
        "job_name": "@global:modifiers:a",
        "room_id": "room1",
        "status": status,
        "created_at": now,
        "claimed_at": now,
        "started_at": None,
        "completed_at": None,
        "worker_id": uuid.uuid4(),
        "error": None,
        "payload": {"frames": [1, 2], "label": "ü"},
        "priority": 3,
        "attempt": 1,
        "max_attempts": 2,
        "available_at": now,
        "progress": progress,
        "result": {"rmsd": 0.5},
    }


@pytest.mark.parametrize("status", [models.TaskStatus.pending, models.TaskStatus.running])
@pytest.mark.parametrize(
    "progress",
    [None, {"fraction": 0.4, "current": 2, "total": 5, "message": "frames", "updated_at": "2026-12-01T06:00:01Z"}],
)
def test_the_views_are_what_model_construct_would_build(
    status: models.TaskStatus, progress: dict[str, object] | None
) -> None:
    row = _row(status, progress)
    response = views.task_response(row, 7)
    assert set(response.__dict__) == set(models.TaskResponse.model_fields)  # every field named
    slow = models.TaskResponse.model_construct(**response.__dict__)
    assert response.model_dump_json(by_alias=True) == slow.model_dump_json(by_alias=True)
    assert response == slow
    assert response.model_fields_set == slow.model_fields_set
    assert response.queue_position == (7 if status is models.TaskStatus.pending else None)
    assert views.task_json(row) == views.task_response(row).model_dump_json(by_alias=True)
    # and what the spec says of it: the dump validates as the model
    assert models.TaskResponse.model_validate_json(views.task_json(row)).id == row["id"]

    event = views.task_status_event(row, 7)
    assert set(event.__dict__) == set(events.TaskStatusEvent.model_fields)
    slow_event = events.TaskStatusEvent.model_construct(**event.__dict__)
    assert event.model_dump(mode="json", by_alias=True) == slow_event.model_dump(mode="json", by_alias=True)
    assert hash(event) == hash(slow_event)  # the outbox dedupes emissions by their events


def test_the_shortcut_is_only_for_models_without_post_init() -> None:
    for model in (models.TaskResponse, events.TaskStatusEvent):
        assert model.__pydantic_post_init__ is None
        assert not model.__pydantic_root_model__
