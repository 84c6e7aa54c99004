"""The CLI: create users and mint tokens the server accepts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zndraw_joblib import serving
from zndraw_joblib.cli import app
from zndraw_joblib.settings import Settings


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


@pytest.mark.parametrize("password", ["x", "7-chars"])
def test_users_create_refuses_a_password_shorter_than_the_api_allows(env: Path, password: str) -> None:
    result = CliRunner().invoke(app, ["users", "create", "short@example.com", "--password", password])
    assert result.exit_code == 1
    assert "password" in result.output
    assert "at least 8 characters" in result.output
    assert not (env / "joblib.sqlite").exists()  # refused before touching the database


def test_users_create_refuses_an_invalid_email(env: Path) -> None:
    result = CliRunner().invoke(app, ["users", "create", "not-an-email", "--password", "long-enough"])
    assert result.exit_code == 1
    assert "email" in result.output


def test_users_create_says_which_database_it_wrote(env: Path) -> None:
    result = CliRunner().invoke(app, ["users", "create", "eight@example.com", "--password", "12345678"])
    assert result.exit_code == 0, result.output
    assert str(env / "joblib.sqlite") in result.output


def test_token_in_a_folder_without_a_database_says_where_it_looked_and_creates_none(env: Path) -> None:
    result = CliRunner().invoke(app, ["token", "dev@example.com"])
    assert result.exit_code == 1
    assert f"no zndraw-joblib database at sqlite+aiosqlite:///{env / 'joblib.sqlite'}" in result.output
    assert "--database-url" in result.output
    assert not (env / "joblib.sqlite").exists()
    assert not (env / "secret_key").exists()


def test_token_refuses_a_database_without_the_schema(env: Path) -> None:
    (env / "other.sqlite").touch()
    url = f"sqlite+aiosqlite:///{env / 'other.sqlite'}"
    result = CliRunner().invoke(app, ["token", "dev@example.com", "--database-url", url])
    assert result.exit_code == 1
    assert f"no zndraw-joblib database at {url}" in result.output
    with sqlite3.connect(env / "other.sqlite") as db:  # not migrated
        assert db.execute("select name from sqlite_master").fetchall() == []


def test_token_for_an_unknown_user_names_the_database(env: Path) -> None:
    assert CliRunner().invoke(app, ["users", "create", "dev@example.com", "--password", "long-enough"]).exit_code == 0
    result = CliRunner().invoke(app, ["token", "nobody@example.com"])
    assert result.exit_code == 1
    assert f"no active user nobody@example.com in sqlite+aiosqlite:///{env / 'joblib.sqlite'}" in result.output


@pytest.mark.parametrize("given", ["json", "text"])
def test_serve_log_format_reaches_the_settings(env: Path, given: str, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[Settings] = []
    monkeypatch.setattr(serving, "serve", lambda settings, **_kw: served.append(settings))
    result = CliRunner().invoke(app, ["serve", "--log-format", given])
    assert result.exit_code == 0, result.output
    assert served[0].log_format == given
    refused = CliRunner().invoke(app, ["serve", "--log-format", "yaml"])
    assert refused.exit_code == 2
