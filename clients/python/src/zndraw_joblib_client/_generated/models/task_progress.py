# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="TaskProgress")


@_attrs_define
class TaskProgress:
    """
    Attributes:
        fraction (float | None): Done so far, 0 to 1.
        current (int | None): Steps done so far.
        total (int | None): Steps in all.
        message (None | str):
        updated_at (datetime.datetime):
    """

    fraction: float | None
    current: int | None
    total: int | None
    message: None | str
    updated_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        fraction: float | None
        fraction = self.fraction

        current: int | None
        current = self.current

        total: int | None
        total = self.total

        message: None | str
        message = self.message

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "fraction": fraction,
                "current": current,
                "total": total,
                "message": message,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_fraction(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        fraction = _parse_fraction(d.pop("fraction"))

        def _parse_current(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        current = _parse_current(d.pop("current"))

        def _parse_total(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        total = _parse_total(d.pop("total"))

        def _parse_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        message = _parse_message(d.pop("message"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        task_progress = cls(
            fraction=fraction,
            current=current,
            total=total,
            message=message,
            updated_at=updated_at,
        )

        return task_progress
