"""The two documents this package checks, as shipped inside it (`_generated/`).

`make generate` copies the repository's `openapi.yaml` and `asyncapi.yaml` in verbatim, and
`make check-generated` fails when the copies drift, so the package always checks the contract of
the version it carries.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Documents:
    """The parsed documents and their versions."""

    openapi: dict[str, Any]
    asyncapi: dict[str, Any]

    @property
    def openapi_version(self) -> str:
        return str(self.openapi["info"]["version"])

    @property
    def asyncapi_version(self) -> str:
        return str(self.asyncapi["info"]["version"])


def shipped_text(name: str) -> str:
    """The text of a shipped document: `openapi.yaml` or `asyncapi.yaml`."""
    return resources.files("zndraw_joblib_conformance").joinpath("_generated", name).read_text(encoding="utf-8")


@cache
def shipped() -> Documents:
    return Documents(
        openapi=yaml.safe_load(shipped_text("openapi.yaml")),
        asyncapi=yaml.safe_load(shipped_text("asyncapi.yaml")),
    )
