"""The CLI: create users and mint tokens the server accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from zndraw_joblib.cli import app


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ZNDRAW_JOBLIB_DATA_DIR", str(tmp_path))
    return tmp_path


def test_users_create_then_token_prints_a_jwt(env: Path) -> None:
    runner = CliRunner()
    created = runner.invoke(app, ["users", "create", "dev@example.com", "--password", "long-enough", "--superuser"])
    assert created.exit_code == 0, created.output
    assert "as superuser" in created.output
    again = runner.invoke(app, ["users", "create", "dev@example.com", "--password", "long-enough"])
    assert again.exit_code == 1
    token = runner.invoke(app, ["token", "dev@example.com"])
    assert token.exit_code == 0
    assert token.output.count(".") == 2  # header.payload.signature
    assert (env / "secret_key").exists()  # the key the server will use too


def test_token_for_an_unknown_user_fails(env: Path) -> None:
    result = CliRunner().invoke(app, ["token", "nobody@example.com"])
    assert result.exit_code == 1
