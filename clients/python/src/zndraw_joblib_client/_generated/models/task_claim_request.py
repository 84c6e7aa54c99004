# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="TaskClaimRequest")


@_attrs_define
class TaskClaimRequest:
    """
    Attributes:
        worker_id (UUID):
    """

    worker_id: UUID

    def to_dict(self) -> dict[str, Any]:
        worker_id = str(self.worker_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "worker_id": worker_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        worker_id = UUID(d.pop("worker_id"))

        task_claim_request = cls(
            worker_id=worker_id,
        )

        return task_claim_request
