"""Options and fixtures of the conformance suites; the target itself lives in conformance_target."""

from __future__ import annotations

import pytest
from conformance_target import Target, current_target, resolve_target


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance")
    group.addoption("--base-url", default=None, help="test this running server instead of an in-process app")
    group.addoption("--token", default=None, help="a superuser's bearer token for --base-url")


def pytest_configure(config: pytest.Config) -> None:
    resolve_target(config)


@pytest.fixture(scope="session")
def target() -> Target:
    return current_target()
