# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskProgressRequest")


@_attrs_define
class TaskProgressRequest:
    """Give a fraction, steps (`current` of `total`), a message, or any mix of them.

    Attributes:
        fraction (float | Unset):
        current (int | Unset):
        total (int | Unset):
        message (str | Unset):
    """

    fraction: float | Unset = UNSET
    current: int | Unset = UNSET
    total: int | Unset = UNSET
    message: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        fraction = self.fraction

        current = self.current

        total = self.total

        message = self.message

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if fraction is not UNSET:
            field_dict["fraction"] = fraction
        if current is not UNSET:
            field_dict["current"] = current
        if total is not UNSET:
            field_dict["total"] = total
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        fraction = d.pop("fraction", UNSET)

        current = d.pop("current", UNSET)

        total = d.pop("total", UNSET)

        message = d.pop("message", UNSET)

        task_progress_request = cls(
            fraction=fraction,
            current=current,
            total=total,
            message=message,
        )

        return task_progress_request
