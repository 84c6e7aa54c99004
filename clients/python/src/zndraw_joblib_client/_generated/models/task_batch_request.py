# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.task_submit_request import TaskSubmitRequest


T = TypeVar("T", bound="TaskBatchRequest")


@_attrs_define
class TaskBatchRequest:
    """
    Attributes:
        tasks (list[TaskSubmitRequest]):
    """

    tasks: list[TaskSubmitRequest]

    def to_dict(self) -> dict[str, Any]:
        tasks = []
        for tasks_item_data in self.tasks:
            tasks_item = tasks_item_data.to_dict()
            tasks.append(tasks_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tasks": tasks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_submit_request import TaskSubmitRequest  # noqa: PLC0415

        d = dict(src_dict)
        tasks = []
        _tasks = d.pop("tasks")
        for tasks_item_data in _tasks:
            tasks_item = TaskSubmitRequest.from_dict(tasks_item_data)

            tasks.append(tasks_item)

        task_batch_request = cls(
            tasks=tasks,
        )

        return task_batch_request
