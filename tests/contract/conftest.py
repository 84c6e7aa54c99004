"""Shared loaders for the contract tests: the two documents, parsed once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def openapi() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "openapi.yaml").read_text())


@pytest.fixture(scope="session")
def asyncapi() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "asyncapi.yaml").read_text())
