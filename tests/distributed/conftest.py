"""The deployment for the multi-replica tests: needs the PostgreSQL and Redis of `make services`.

One deployment for the session (starting one takes half a minute on a busy machine); every test
works in rooms of its own, and the test that kills a replica starts it again."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from deployment import Deployment, RoundRobinProxy, new_deployment


@pytest.fixture(scope="session")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    postgres_url = os.environ.get("ZNDRAW_JOBLIB_TEST_POSTGRES_URL")
    redis_url = os.environ.get("ZNDRAW_JOBLIB_TEST_REDIS_URL")
    if not (postgres_url and redis_url):
        pytest.fail("the distributed tests need PostgreSQL and Redis: run them with `make test-distributed`")
    directory: Path = tmp_path_factory.mktemp("deployment")
    deployment = new_deployment(postgres_url, redis_url, directory)
    deployment.start(count=2)
    yield deployment
    deployment.stop()


@pytest.fixture(scope="session")
def proxy(deployment: Deployment) -> Iterator[RoundRobinProxy]:
    proxy = RoundRobinProxy([("127.0.0.1", r.port) for r in deployment.replicas])
    proxy.start()
    yield proxy
    proxy.stop()
