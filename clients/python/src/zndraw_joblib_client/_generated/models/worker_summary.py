# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="WorkerSummary")


@_attrs_define
class WorkerSummary:
    """
    Attributes:
        id (UUID):
        last_heartbeat (datetime.datetime):
        job_count (int): Jobs the worker is linked to.
    """

    id: UUID
    last_heartbeat: datetime.datetime
    job_count: int

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        last_heartbeat = self.last_heartbeat.isoformat()

        job_count = self.job_count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "last_heartbeat": last_heartbeat,
                "job_count": job_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        last_heartbeat = datetime.datetime.fromisoformat(d.pop("last_heartbeat"))

        job_count = d.pop("job_count")

        worker_summary = cls(
            id=id,
            last_heartbeat=last_heartbeat,
            job_count=job_count,
        )

        return worker_summary
