# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.provider_response_schema import ProviderResponseSchema


T = TypeVar("T", bound="ProviderResponse")


@_attrs_define
class ProviderResponse:
    """
    Attributes:
        id (UUID):
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not
            starting with `.` (no `@`, no `:`).
        category (str): A job category must be in the server's `allowed_categories` (default modifiers,
            selections, analysis); a provider category in `allowed_provider_categories` when set.
        name (str): A job or provider name; any printable characters, `:` and `/` included.
        full_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        schema (ProviderResponseSchema): The JSON Schema (Draft 2020-12) of the parameters.
        content_type (str):
        worker_id (UUID):
        created_at (datetime.datetime):
    """

    id: UUID
    room_id: str
    category: str
    name: str
    full_name: str
    schema: ProviderResponseSchema
    content_type: str
    worker_id: UUID
    created_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        room_id = self.room_id

        category = self.category

        name = self.name

        full_name = self.full_name

        schema = self.schema.to_dict()

        content_type = self.content_type

        worker_id = str(self.worker_id)

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "room_id": room_id,
                "category": category,
                "name": name,
                "full_name": full_name,
                "schema": schema,
                "content_type": content_type,
                "worker_id": worker_id,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.provider_response_schema import ProviderResponseSchema  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        room_id = d.pop("room_id")

        category = d.pop("category")

        name = d.pop("name")

        full_name = d.pop("full_name")

        schema = ProviderResponseSchema.from_dict(d.pop("schema"))

        content_type = d.pop("content_type")

        worker_id = UUID(d.pop("worker_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        provider_response = cls(
            id=id,
            room_id=room_id,
            category=category,
            name=name,
            full_name=full_name,
            schema=schema,
            content_type=content_type,
            worker_id=worker_id,
            created_at=created_at,
        )

        return provider_response
