# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="RoomSummary")


@_attrs_define
class RoomSummary:
    """
    Attributes:
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not
            starting with `.` (no `@`, no `:`).
        jobs (int): Active jobs registered in the room.
        tasks (int): Tasks submitted to the room.
        pending (int):
        last_activity_at (datetime.datetime | None): The newest submission or registration in the room.
    """

    room_id: str
    jobs: int
    tasks: int
    pending: int
    last_activity_at: datetime.datetime | None

    def to_dict(self) -> dict[str, Any]:
        room_id = self.room_id

        jobs = self.jobs

        tasks = self.tasks

        pending = self.pending

        last_activity_at: None | str
        if isinstance(self.last_activity_at, datetime.datetime):
            last_activity_at = self.last_activity_at.isoformat()
        else:
            last_activity_at = self.last_activity_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "room_id": room_id,
                "jobs": jobs,
                "tasks": tasks,
                "pending": pending,
                "last_activity_at": last_activity_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        room_id = d.pop("room_id")

        jobs = d.pop("jobs")

        tasks = d.pop("tasks")

        pending = d.pop("pending")

        def _parse_last_activity_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_activity_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_activity_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_activity_at = _parse_last_activity_at(d.pop("last_activity_at"))

        room_summary = cls(
            room_id=room_id,
            jobs=jobs,
            tasks=tasks,
            pending=pending,
            last_activity_at=last_activity_at,
        )

        return room_summary
