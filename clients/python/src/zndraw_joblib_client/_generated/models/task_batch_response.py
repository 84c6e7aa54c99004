# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.task_status import TaskStatus

T = TypeVar("T", bound="TaskBatchResponse")


@_attrs_define
class TaskBatchResponse:
    """
    Attributes:
        task_ids (list[UUID]): The tasks' ids, in the order of the request.
        status (TaskStatus): `pending → claimed → running → completed | failed`; `cancelled` from pending, claimed or
            running; `claimed → failed`. completed, failed and cancelled are terminal.
    """

    task_ids: list[UUID]
    status: TaskStatus

    def to_dict(self) -> dict[str, Any]:
        task_ids = []
        for task_ids_item_data in self.task_ids:
            task_ids_item = str(task_ids_item_data)
            task_ids.append(task_ids_item)

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "task_ids": task_ids,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        task_ids = []
        _task_ids = d.pop("task_ids")
        for task_ids_item_data in _task_ids:
            task_ids_item = UUID(task_ids_item_data)

            task_ids.append(task_ids_item)

        status = TaskStatus(d.pop("status"))

        task_batch_response = cls(
            task_ids=task_ids,
            status=status,
        )

        return task_batch_response
