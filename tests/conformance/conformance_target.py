"""Which server the conformance suites test.

The conformance suites hold a server to openapi.yaml and asyncapi.yaml from the outside.

By default they build our app in-process on a fresh SQLite file (fast, inside `make test`).
`--base-url URL --token JWT` points them at any running server instead (ours under `make run`,
a multi-replica deployment, or an alternative implementation); the token should be a
superuser's, so that the `@global` operations are exercised too.
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ADMIN_EMAIL = "conformance-admin@example.com"
ADMIN_PASSWORD = "conformance-password"


@dataclass
class Target:
    """What the suites talk to: an ASGI app in-process, or a URL."""

    app: Any | None
    base_url: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def _in_process(tmp: Path) -> Target:
    from zndraw_joblib import auth  # noqa: PLC0415 - only for the in-process target
    from zndraw_joblib.app import create_app  # noqa: PLC0415
    from zndraw_joblib.settings import Settings  # noqa: PLC0415
    from zndraw_joblib.store.engine import create_tables, make_engine, make_sessionmaker  # noqa: PLC0415

    settings = Settings(
        data_dir=tmp,
        secret_key="conformance-secret-key-long-enough-for-hs256",
        admin_email=ADMIN_EMAIL,
        admin_password=ADMIN_PASSWORD,
        long_poll_max_wait_seconds=1,
        provider_long_poll_default_seconds=0.1,
        provider_long_poll_max_seconds=0.5,
        sweeper_interval_seconds=3600,
    )

    async def admin_token() -> str:
        engine = make_engine(settings.effective_database_url)
        await create_tables(engine)
        sessionmaker = make_sessionmaker(engine)
        await auth.ensure_admin(sessionmaker, settings)
        token = await auth.issue_token(sessionmaker, settings, email=ADMIN_EMAIL)
        await engine.dispose()
        return token

    return Target(app=create_app(settings), base_url="http://testserver", token=asyncio.run(admin_token()))


_TARGET: list[Target] = []


def resolve_target(config: pytest.Config) -> None:
    """Resolve the target before collection: schemathesis binds the app when it builds its tests."""
    if config.getoption("--base-url", None) is None and not _collecting_conformance(config):
        return
    base_url = config.getoption("--base-url")
    if base_url:
        token = config.getoption("--token")
        if not token:
            raise pytest.UsageError("--base-url needs --token (a superuser's bearer token)")
        _TARGET.append(Target(app=None, base_url=base_url.rstrip("/"), token=token))
    else:
        _TARGET.append(_in_process(Path(tempfile.mkdtemp(prefix="zndraw-conformance-"))))


def _collecting_conformance(config: pytest.Config) -> bool:
    here = Path(__file__).parent
    return any(here in Path(arg.split("::")[0]).resolve().parents or Path(arg).resolve() == here for arg in config.args)


def current_target() -> Target:
    if not _TARGET:
        raise RuntimeError("the conformance target is resolved in pytest_configure")
    return _TARGET[0]
