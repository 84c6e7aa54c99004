# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.status_counts import StatusCounts


T = TypeVar("T", bound="JobStats")


@_attrs_define
class JobStats:
    """
    Attributes:
        full_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not
            starting with `.` (no `@`, no `:`).
        counts (StatusCounts):
        oldest_pending_at (datetime.datetime | None): When the oldest task still pending was submitted; null when none
            is.
        workers (int): Workers serving the job now.
    """

    full_name: str
    room_id: str
    counts: StatusCounts
    oldest_pending_at: datetime.datetime | None
    workers: int

    def to_dict(self) -> dict[str, Any]:
        full_name = self.full_name

        room_id = self.room_id

        counts = self.counts.to_dict()

        oldest_pending_at: None | str
        if isinstance(self.oldest_pending_at, datetime.datetime):
            oldest_pending_at = self.oldest_pending_at.isoformat()
        else:
            oldest_pending_at = self.oldest_pending_at

        workers = self.workers

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "full_name": full_name,
                "room_id": room_id,
                "counts": counts,
                "oldest_pending_at": oldest_pending_at,
                "workers": workers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.status_counts import StatusCounts  # noqa: PLC0415

        d = dict(src_dict)
        full_name = d.pop("full_name")

        room_id = d.pop("room_id")

        counts = StatusCounts.from_dict(d.pop("counts"))

        def _parse_oldest_pending_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                oldest_pending_at_type_0 = datetime.datetime.fromisoformat(data)

                return oldest_pending_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        oldest_pending_at = _parse_oldest_pending_at(d.pop("oldest_pending_at"))

        workers = d.pop("workers")

        job_stats = cls(
            full_name=full_name,
            room_id=room_id,
            counts=counts,
            oldest_pending_at=oldest_pending_at,
            workers=workers,
        )

        return job_stats
