"""Session fixtures of the package tests: the fresh venvs (package_venvs.py builds them once)."""

from __future__ import annotations

import pytest
from package_venvs import Venvs, build


@pytest.fixture(scope="session")
def venvs(tmp_path_factory: pytest.TempPathFactory) -> Venvs:
    return build(tmp_path_factory.mktemp("venvs"))
