"""The package ships the repository's documents verbatim and carries their version."""

from __future__ import annotations

from pathlib import Path

import yaml

from zndraw_joblib_conformance.documents import shipped_text
from zndraw_joblib_conformance.runner import package_version

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_documents_are_the_repositorys() -> None:
    for name in ("openapi.yaml", "asyncapi.yaml"):
        header, _, body = shipped_text(name).partition("\n")
        assert "do not edit" in header
        assert body == (ROOT / name).read_text(), f"{name} drifted: run `make generate`"


def test_the_package_version_is_the_documents_version() -> None:
    document = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    assert package_version() == document["info"]["version"]
