# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="MinuteStats")


@_attrs_define
class MinuteStats:
    """
    Attributes:
        minute (datetime.datetime): The start of the minute (UTC).
        completed (int):
        failed (int):
        cancelled (int):
    """

    minute: datetime.datetime
    completed: int
    failed: int
    cancelled: int

    def to_dict(self) -> dict[str, Any]:
        minute = self.minute.isoformat()

        completed = self.completed

        failed = self.failed

        cancelled = self.cancelled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "minute": minute,
                "completed": completed,
                "failed": failed,
                "cancelled": cancelled,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        minute = datetime.datetime.fromisoformat(d.pop("minute"))

        completed = d.pop("completed")

        failed = d.pop("failed")

        cancelled = d.pop("cancelled")

        minute_stats = cls(
            minute=minute,
            completed=completed,
            failed=failed,
            cancelled=cancelled,
        )

        return minute_stats
