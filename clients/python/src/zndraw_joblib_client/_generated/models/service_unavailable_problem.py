# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.problem_type import ProblemType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ServiceUnavailableProblem")


@_attrs_define
class ServiceUnavailableProblem:
    """
    Attributes:
        type_ (ProblemType): The closed set of problem types this API answers with. `internal-error` (500) is a fault
            of the server itself; bad input never causes it.
        title (str):
        status (int):
        safe_to_retry (bool): True when nothing of the request took effect (no change was committed), so the
            same request may be sent again, whatever its method. False when a change may have
            been committed before the failure: resend only an idempotent request.
        detail (str | Unset):
        instance (str | Unset): The request path and the request's id, `<path>#request-<id>`: the id is the
            `X-Request-ID` the client sent (or one the server made up), also returned in the
            `X-Request-ID` response header and logged with every line of that request.
    """

    type_: ProblemType
    title: str
    status: int
    safe_to_retry: bool
    detail: str | Unset = UNSET
    instance: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        title = self.title

        status = self.status

        safe_to_retry = self.safe_to_retry

        detail = self.detail

        instance = self.instance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "title": title,
                "status": status,
                "safe_to_retry": safe_to_retry,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail
        if instance is not UNSET:
            field_dict["instance"] = instance

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = ProblemType(d.pop("type"))

        title = d.pop("title")

        status = d.pop("status")

        safe_to_retry = d.pop("safe_to_retry")

        detail = d.pop("detail", UNSET)

        instance = d.pop("instance", UNSET)

        service_unavailable_problem = cls(
            type_=type_,
            title=title,
            status=status,
            safe_to_retry=safe_to_retry,
            detail=detail,
            instance=instance,
        )

        service_unavailable_problem.additional_properties = d
        return service_unavailable_problem

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
