# generated from openapi.yaml by `make generate` (codegen/); do not edit (openapi-python-client)
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="UserRead")


@_attrs_define
class UserRead:
    """
    Attributes:
        id (UUID):
        email (str):
        is_active (bool):
        is_superuser (bool):
        is_verified (bool):
    """

    id: UUID
    email: str
    is_active: bool
    is_superuser: bool
    is_verified: bool

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        email = self.email

        is_active = self.is_active

        is_superuser = self.is_superuser

        is_verified = self.is_verified

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "email": email,
                "is_active": is_active,
                "is_superuser": is_superuser,
                "is_verified": is_verified,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        email = d.pop("email")

        is_active = d.pop("is_active")

        is_superuser = d.pop("is_superuser")

        is_verified = d.pop("is_verified")

        user_read = cls(
            id=id,
            email=email,
            is_active=is_active,
            is_superuser=is_superuser,
            is_verified=is_verified,
        )

        return user_read
