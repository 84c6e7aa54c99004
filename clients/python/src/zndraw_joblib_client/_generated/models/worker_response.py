# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="WorkerResponse")


@_attrs_define
class WorkerResponse:
    """
    Example:
        {'id': '3fa85f64-5717-4562-b3fc-2c963f66afa6', 'last_heartbeat': '2026-11-24T16:20:00Z'}

    Attributes:
        id (UUID):
        last_heartbeat (datetime.datetime):
    """

    id: UUID
    last_heartbeat: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        last_heartbeat = self.last_heartbeat.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "last_heartbeat": last_heartbeat,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        last_heartbeat = datetime.datetime.fromisoformat(d.pop("last_heartbeat"))

        worker_response = cls(
            id=id,
            last_heartbeat=last_heartbeat,
        )

        return worker_response
