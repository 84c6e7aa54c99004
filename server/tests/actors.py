"""Who calls the API in the server tests: users with tokens, and the client factory type."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from uuid import UUID

import httpx

PASSWORD = "correct-horse-battery"


@dataclass
class User:
    id: UUID
    email: str
    token: str
    is_superuser: bool

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


UserFactory = Callable[..., Awaitable[User]]
ClientFactory = Callable[[User | None], httpx.AsyncClient]
