# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_register_request_schema import JobRegisterRequestSchema
    from ..models.job_register_request_schema_synonym import (
        JobRegisterRequestSchemaSynonym,
    )


T = TypeVar("T", bound="JobRegisterRequest")


@_attrs_define
class JobRegisterRequest:
    """Give the parameter schema as `schema`, or as `schema_` (the key the ZnDraw Python client
    sends); not both. Neither means `{}` (no parameters checked).

        Attributes:
            category (str): A job category must be in the server's `allowed_categories` (default modifiers,
                selections, analysis); a provider category in `allowed_provider_categories` when set.
            name (str): A job or provider name; any printable characters, `:` and `/` included.
            schema (JobRegisterRequestSchema | Unset): A JSON Schema (Draft 2020-12) of the parameters; checked at
                registration.
            schema_ (JobRegisterRequestSchemaSynonym | Unset): Synonym of `schema`.
            worker_id (UUID | Unset): An existing worker of the user; without it a new worker is created.
            max_attempts (int | Unset): Attempts a task of this job gets (the retry policy). With more than one, a task
                whose
                worker dies, or that a worker fails as `retryable`, goes back to `pending` until it
                has used them all. Registering again updates the policy.
                 Default: 1.
            retry_backoff_seconds (float | Unset): Seconds a retried task waits before it can be claimed again; doubled for
                each further
                attempt, at most one hour.
                 Default: 1.0.
    """

    category: str
    name: str
    schema: JobRegisterRequestSchema | Unset = UNSET
    schema_: JobRegisterRequestSchemaSynonym | Unset = UNSET
    worker_id: UUID | Unset = UNSET
    max_attempts: int | Unset = 1
    retry_backoff_seconds: float | Unset = 1.0

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        name = self.name

        schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schema, Unset):
            schema = self.schema.to_dict()

        schema_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schema_, Unset):
            schema_ = self.schema_.to_dict()

        worker_id: str | Unset = UNSET
        if not isinstance(self.worker_id, Unset):
            worker_id = str(self.worker_id)

        max_attempts = self.max_attempts

        retry_backoff_seconds = self.retry_backoff_seconds

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
        if worker_id is not UNSET:
            field_dict["worker_id"] = worker_id
        if max_attempts is not UNSET:
            field_dict["max_attempts"] = max_attempts
        if retry_backoff_seconds is not UNSET:
            field_dict["retry_backoff_seconds"] = retry_backoff_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_register_request_schema import JobRegisterRequestSchema  # noqa: PLC0415
        from ..models.job_register_request_schema_synonym import (
            JobRegisterRequestSchemaSynonym,  # noqa: PLC0415
        )

        d = dict(src_dict)
        category = d.pop("category")

        name = d.pop("name")

        _schema = d.pop("schema", UNSET)
        schema: JobRegisterRequestSchema | Unset
        if isinstance(_schema, Unset):
            schema = UNSET
        else:
            schema = JobRegisterRequestSchema.from_dict(_schema)

        _schema_ = d.pop("schema_", UNSET)
        schema_: JobRegisterRequestSchemaSynonym | Unset
        if isinstance(_schema_, Unset):
            schema_ = UNSET
        else:
            schema_ = JobRegisterRequestSchemaSynonym.from_dict(_schema_)

        _worker_id = d.pop("worker_id", UNSET)
        worker_id: UUID | Unset
        if isinstance(_worker_id, Unset):
            worker_id = UNSET
        else:
            worker_id = UUID(_worker_id)

        max_attempts = d.pop("max_attempts", UNSET)

        retry_backoff_seconds = d.pop("retry_backoff_seconds", UNSET)

        job_register_request = cls(
            category=category,
            name=name,
            schema=schema,
            schema_=schema_,
            worker_id=worker_id,
            max_attempts=max_attempts,
            retry_backoff_seconds=retry_backoff_seconds,
        )

        return job_register_request
