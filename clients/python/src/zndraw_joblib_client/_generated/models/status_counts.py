# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="StatusCounts")


@_attrs_define
class StatusCounts:
    """
    Attributes:
        pending (int):
        claimed (int):
        running (int):
        completed (int):
        failed (int):
        cancelled (int):
    """

    pending: int
    claimed: int
    running: int
    completed: int
    failed: int
    cancelled: int

    def to_dict(self) -> dict[str, Any]:
        pending = self.pending

        claimed = self.claimed

        running = self.running

        completed = self.completed

        failed = self.failed

        cancelled = self.cancelled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "pending": pending,
                "claimed": claimed,
                "running": running,
                "completed": completed,
                "failed": failed,
                "cancelled": cancelled,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pending = d.pop("pending")

        claimed = d.pop("claimed")

        running = d.pop("running")

        completed = d.pop("completed")

        failed = d.pop("failed")

        cancelled = d.pop("cancelled")

        status_counts = cls(
            pending=pending,
            claimed=claimed,
            running=running,
            completed=completed,
            failed=failed,
            cancelled=cancelled,
        )

        return status_counts
