"""Options of the conformance suite; the target itself lives in conformance_target."""

from __future__ import annotations

import pytest
from conformance_target import Target, resolve_target, stop_servers


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance")
    group.addoption("--base-url", default=None, help="test this running server instead of an in-process one")
    group.addoption("--token", default=None, help="a superuser's bearer token for --base-url")
    group.addoption("--user-token", default=None, help="a second, non-superuser account's token for --base-url")
    group.addoption("--sweep-within", default=None, help="seconds within which --base-url sweeps a silent worker")
    group.addoption("--max-examples", default=None, help="schemathesis cases per operation and phase for --base-url")


def pytest_unconfigure(config: pytest.Config) -> None:
    stop_servers()


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config) -> Target:
    return resolve_target(pytestconfig)
