# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.task_status import TaskStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="TaskUpdateRequest")


@_attrs_define
class TaskUpdateRequest:
    """A `result` goes with `completed` only, `retryable: true` with `failed` only (otherwise 422).

    Attributes:
        status (TaskStatus): `pending → claimed → running → completed | failed`; `cancelled` from pending, claimed or
            running; `claimed → failed`. completed, failed and cancelled are terminal.
        error (None | str | Unset): Stored when the new status is terminal.
        result (Any | Unset): With `completed` only: the task's result, any JSON value of at most
            `max_result_bytes` (default 1 MiB) as compact JSON (larger: 413).
        retryable (bool | Unset): With `failed` only: the failure may go away on another attempt. A task with attempts
            left then goes back to `pending` (answered as such, with `attempt` increased and
            `available_at` set) instead of failing.
             Default: False.
    """

    status: TaskStatus
    error: None | str | Unset = UNSET
    result: Any | Unset = UNSET
    retryable: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        result = self.result

        retryable = self.retryable

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "status": status,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if result is not UNSET:
            field_dict["result"] = result
        if retryable is not UNSET:
            field_dict["retryable"] = retryable

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = TaskStatus(d.pop("status"))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        result = d.pop("result", UNSET)

        retryable = d.pop("retryable", UNSET)

        task_update_request = cls(
            status=status,
            error=error,
            result=result,
            retryable=retryable,
        )

        return task_update_request
