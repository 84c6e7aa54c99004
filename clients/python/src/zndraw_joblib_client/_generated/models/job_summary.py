# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="JobSummary")


@_attrs_define
class JobSummary:
    """
    Attributes:
        full_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        category (str): A job category must be in the server's `allowed_categories` (default modifiers,
            selections, analysis); a provider category in `allowed_provider_categories` when set.
        name (str): A job or provider name; any printable characters, `:` and `/` included.
        workers (list[UUID]):
    """

    full_name: str
    category: str
    name: str
    workers: list[UUID]

    def to_dict(self) -> dict[str, Any]:
        full_name = self.full_name

        category = self.category

        name = self.name

        workers = []
        for workers_item_data in self.workers:
            workers_item = str(workers_item_data)
            workers.append(workers_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "full_name": full_name,
                "category": category,
                "name": name,
                "workers": workers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        full_name = d.pop("full_name")

        category = d.pop("category")

        name = d.pop("name")

        workers = []
        _workers = d.pop("workers")
        for workers_item_data in _workers:
            workers_item = UUID(workers_item_data)

            workers.append(workers_item)

        job_summary = cls(
            full_name=full_name,
            category=category,
            name=name,
            workers=workers,
        )

        return job_summary
