# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.provider_register_request_schema import ProviderRegisterRequestSchema
    from ..models.provider_register_request_schema_synonym import (
        ProviderRegisterRequestSchemaSynonym,
    )


T = TypeVar("T", bound="ProviderRegisterRequest")


@_attrs_define
class ProviderRegisterRequest:
    """Give the parameter schema as `schema` or `schema_` (synonym); not both.

    Attributes:
        category (str): A job category must be in the server's `allowed_categories` (default modifiers,
            selections, analysis); a provider category in `allowed_provider_categories` when set.
        name (str): A job or provider name; any printable characters, `:` and `/` included.
        schema (ProviderRegisterRequestSchema | Unset): A JSON Schema (Draft 2020-12) of the parameters; checked at
            registration.
        schema_ (ProviderRegisterRequestSchemaSynonym | Unset): Synonym of `schema`.
        content_type (str | Unset): The media type of the provider's results. Default: 'application/json'.
        worker_id (UUID | Unset):
    """

    category: str
    name: str
    schema: ProviderRegisterRequestSchema | Unset = UNSET
    schema_: ProviderRegisterRequestSchemaSynonym | Unset = UNSET
    content_type: str | Unset = "application/json"
    worker_id: UUID | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        name = self.name

        schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schema, Unset):
            schema = self.schema.to_dict()

        schema_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schema_, Unset):
            schema_ = self.schema_.to_dict()

        content_type = self.content_type

        worker_id: str | Unset = UNSET
        if not isinstance(self.worker_id, Unset):
            worker_id = str(self.worker_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "category": category,
                "name": name,
            }
        )
        if schema is not UNSET:
            field_dict["schema"] = schema
        if schema_ is not UNSET:
            field_dict["schema_"] = schema_
        if content_type is not UNSET:
            field_dict["content_type"] = content_type
        if worker_id is not UNSET:
            field_dict["worker_id"] = worker_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.provider_register_request_schema import (
            ProviderRegisterRequestSchema,  # noqa: PLC0415
        )
        from ..models.provider_register_request_schema_synonym import (
            ProviderRegisterRequestSchemaSynonym,  # noqa: PLC0415
        )

        d = dict(src_dict)
        category = d.pop("category")

        name = d.pop("name")

        _schema = d.pop("schema", UNSET)
        schema: ProviderRegisterRequestSchema | Unset
        if isinstance(_schema, Unset):
            schema = UNSET
        else:
            schema = ProviderRegisterRequestSchema.from_dict(_schema)

        _schema_ = d.pop("schema_", UNSET)
        schema_: ProviderRegisterRequestSchemaSynonym | Unset
        if isinstance(_schema_, Unset):
            schema_ = UNSET
        else:
            schema_ = ProviderRegisterRequestSchemaSynonym.from_dict(_schema_)

        content_type = d.pop("content_type", UNSET)

        _worker_id = d.pop("worker_id", UNSET)
        worker_id: UUID | Unset
        if isinstance(_worker_id, Unset):
            worker_id = UNSET
        else:
            worker_id = UUID(_worker_id)

        provider_register_request = cls(
            category=category,
            name=name,
            schema=schema,
            schema_=schema_,
            content_type=content_type,
            worker_id=worker_id,
        )

        return provider_register_request
