# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.job_response_schema import JobResponseSchema


T = TypeVar("T", bound="JobResponse")


@_attrs_define
class JobResponse:
    """
    Attributes:
        id (UUID):
        room_id (str): `@global`, `@internal`, or a room's own id: 1 to 128 of `A-Z a-z 0-9 . _ ~ -`, not
            starting with `.` (no `@`, no `:`).
        category (str): A job category must be in the server's `allowed_categories` (default modifiers,
            selections, analysis); a provider category in `allowed_provider_categories` when set.
        name (str): A job or provider name; any printable characters, `:` and `/` included.
        full_name (str): `<room_id>:<category>:<name>`, split on the first two `:`.
        schema (JobResponseSchema): The JSON Schema (Draft 2020-12) of the parameters.
        workers (list[UUID]): Workers linked to the job.
        worker_id (None | UUID): The worker used for this registration; null outside registration.
        max_attempts (int):
        retry_backoff_seconds (float):
    """

    id: UUID
    room_id: str
    category: str
    name: str
    full_name: str
    schema: JobResponseSchema
    workers: list[UUID]
    worker_id: None | UUID
    max_attempts: int
    retry_backoff_seconds: float

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        room_id = self.room_id

        category = self.category

        name = self.name

        full_name = self.full_name

        schema = self.schema.to_dict()

        workers = []
        for workers_item_data in self.workers:
            workers_item = str(workers_item_data)
            workers.append(workers_item)

        worker_id: None | str
        if isinstance(self.worker_id, UUID):
            worker_id = str(self.worker_id)
        else:
            worker_id = self.worker_id

        max_attempts = self.max_attempts

        retry_backoff_seconds = self.retry_backoff_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "room_id": room_id,
                "category": category,
                "name": name,
                "full_name": full_name,
                "schema": schema,
                "workers": workers,
                "worker_id": worker_id,
                "max_attempts": max_attempts,
                "retry_backoff_seconds": retry_backoff_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_response_schema import JobResponseSchema  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        room_id = d.pop("room_id")

        category = d.pop("category")

        name = d.pop("name")

        full_name = d.pop("full_name")

        schema = JobResponseSchema.from_dict(d.pop("schema"))

        workers = []
        _workers = d.pop("workers")
        for workers_item_data in _workers:
            workers_item = UUID(workers_item_data)

            workers.append(workers_item)

        def _parse_worker_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                worker_id_type_0 = UUID(data)

                return worker_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        worker_id = _parse_worker_id(d.pop("worker_id"))

        max_attempts = d.pop("max_attempts")

        retry_backoff_seconds = d.pop("retry_backoff_seconds")

        job_response = cls(
            id=id,
            room_id=room_id,
            category=category,
            name=name,
            full_name=full_name,
            schema=schema,
            workers=workers,
            worker_id=worker_id,
            max_attempts=max_attempts,
            retry_backoff_seconds=retry_backoff_seconds,
        )

        return job_response
