"""Options and fixtures of the conformance suites; the target itself lives in conformance_target."""

from __future__ import annotations

import pytest
from conformance_target import Target, current_target, resolve_target, stop_servers


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance")
    group.addoption("--base-url", default=None, help="test this running server instead of an in-process one")
    group.addoption("--token", default=None, help="a superuser's bearer token for --base-url")
    group.addoption("--sweep-within", default=None, help="seconds within which --base-url sweeps a silent worker")


def pytest_configure(config: pytest.Config) -> None:
    resolve_target(config)


def pytest_unconfigure(config: pytest.Config) -> None:
    stop_servers()


@pytest.fixture(scope="session")
def target() -> Target:
    return current_target()
