# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.readiness_status_checks import ReadinessStatusChecks


T = TypeVar("T", bound="ReadinessStatus")


@_attrs_define
class ReadinessStatus:
    """
    Attributes:
        status (Literal['ok']):
        checks (ReadinessStatusChecks): The state of each dependency.
    """

    status: Literal["ok"]
    checks: ReadinessStatusChecks

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        checks = self.checks.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "status": status,
                "checks": checks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.readiness_status_checks import ReadinessStatusChecks  # noqa: PLC0415

        d = dict(src_dict)
        status = cast(Literal["ok"], d.pop("status"))
        if status != "ok":
            raise ValueError(f"status must match const 'ok', got '{status}'")

        checks = ReadinessStatusChecks.from_dict(d.pop("checks"))

        readiness_status = cls(
            status=status,
            checks=checks,
        )

        return readiness_status
