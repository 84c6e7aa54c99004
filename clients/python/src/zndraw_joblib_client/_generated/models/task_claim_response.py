# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.task_response import TaskResponse


T = TypeVar("T", bound="TaskClaimResponse")


@_attrs_define
class TaskClaimResponse:
    """
    Attributes:
        task (None | TaskResponse):
    """

    task: None | TaskResponse

    def to_dict(self) -> dict[str, Any]:
        from ..models.task_response import TaskResponse  # noqa: PLC0415

        task: dict[str, Any] | None
        if isinstance(self.task, TaskResponse):
            task = self.task.to_dict()
        else:
            task = self.task

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "task": task,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_response import TaskResponse  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_task(data: object) -> None | TaskResponse:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                task_type_0 = TaskResponse.from_dict(data)

                return task_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskResponse, data)

        task = _parse_task(d.pop("task"))

        task_claim_response = cls(
            task=task,
        )

        return task_claim_response
