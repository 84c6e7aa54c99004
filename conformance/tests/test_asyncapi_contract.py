"""The event checker catches what it should (it can fail)."""

from __future__ import annotations

from zndraw_joblib_conformance.asyncapi_contract import AsyncApiContract
from zndraw_joblib_conformance.documents import shipped

CONTRACT = AsyncApiContract(shipped().asyncapi)
# the document's own example, so the test follows the document
TASK_EVENT = CONTRACT.declared[("send", "task_status_event")].examples[0]


def test_valid_payloads_pass_and_broken_ones_are_reported() -> None:
    assert CONTRACT.errors("send", "task_status_event", TASK_EVENT) == []
    assert TASK_EVENT["status"] != "done"
    broken = {**TASK_EVENT, "created_at": "yesterday", "status": "done"}
    errors = CONTRACT.errors("send", "task_status_event", broken)
    assert any(e.startswith("created_at") for e in errors)
    assert any(e.startswith("status") for e in errors)
    assert CONTRACT.errors("send", "task_status_event", {k: v for k, v in TASK_EVENT.items() if k != "error"})
    assert CONTRACT.errors("receive", "join_room", {"room_id": "r", "extra": 1})  # additionalProperties: false


def test_timestamps_without_an_offset_are_refused() -> None:
    assert CONTRACT.errors("send", "task_status_event", {**TASK_EVENT, "created_at": "2026-11-24T16:20:00"})


def test_directions_and_rooms_are_enforced() -> None:
    assert CONTRACT.errors("send", "join_room", {"room_id": "r"}) == ["'join_room' is not declared as a send event"]
    assert CONTRACT.room_matches("task_available", "jobs:@global:modifiers:Rotate")
    assert not CONTRACT.room_matches("task_available", "room:room_42")
    assert not CONTRACT.room_matches("task_status_event", "jobs:a:b:c")


def test_acks_are_checked_against_the_reply_message() -> None:
    assert CONTRACT.reply_errors("join_room", {"ok": True}) == []
    refused = {"ok": False, "error": {"type": "/v1/problems/forbidden", "detail": "Not yours."}}
    assert CONTRACT.reply_errors("join_room", refused) == []
    assert CONTRACT.reply_errors("join_room", {"accepted": True})
