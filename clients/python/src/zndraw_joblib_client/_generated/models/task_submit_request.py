# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.task_submit_request_payload import TaskSubmitRequestPayload


T = TypeVar("T", bound="TaskSubmitRequest")


@_attrs_define
class TaskSubmitRequest:
    """
    Attributes:
        payload (TaskSubmitRequestPayload | Unset): The job's parameters; validated against the job's JSON Schema.
        priority (int | Unset): Higher is claimed first; first in, first out within a priority. `queue_position`
            follows the same order.
             Default: 0.
    """

    payload: TaskSubmitRequestPayload | Unset = UNSET
    priority: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        payload: dict[str, Any] | Unset = UNSET
        if not isinstance(self.payload, Unset):
            payload = self.payload.to_dict()

        priority = self.priority

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if payload is not UNSET:
            field_dict["payload"] = payload
        if priority is not UNSET:
            field_dict["priority"] = priority

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.task_submit_request_payload import TaskSubmitRequestPayload  # noqa: PLC0415

        d = dict(src_dict)
        _payload = d.pop("payload", UNSET)
        payload: TaskSubmitRequestPayload | Unset
        if isinstance(_payload, Unset):
            payload = UNSET
        else:
            payload = TaskSubmitRequestPayload.from_dict(_payload)

        priority = d.pop("priority", UNSET)

        task_submit_request = cls(
            payload=payload,
            priority=priority,
        )

        return task_submit_request
