"""`zndraw-joblib serve | users create | token`: the standalone server and its administration."""

from __future__ import annotations

import asyncio
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from fastapi_users import exceptions
from pydantic import ValidationError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from zndraw_joblib.settings import Settings

from . import auth, serving
from ._generated.models import UserCreate
from .store import migrate
from .store.engine import make_engine, make_sessionmaker

app = typer.Typer(help="zndraw-joblib: a job/task queue for interactive scientific apps.", no_args_is_help=True)
users = typer.Typer(help="Manage user accounts.", no_args_is_help=True)
app.add_typer(users, name="users")
db = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
app.add_typer(db, name="db")


class LogFormat(StrEnum):
    """`serve --log-format` (the `log_format` setting)."""

    text = "text"  # uvicorn's plain lines
    json = "json"  # one JSON object per line, with request ids


DEV_ADMIN_EMAIL = "admin@example.com"
DEV_ADMIN_PASSWORD = "zndraw-admin"  # noqa: S105 - the documented development login, only with --dev


def _settings(**overrides: Any) -> Settings:
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


@app.command()
def serve(
    *,
    host: Annotated[str | None, typer.Option(help="interface to bind (default 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default 8000)")] = None,
    database_url: Annotated[str | None, typer.Option(help="SQLAlchemy URL (default: a SQLite file)")] = None,
    dev: Annotated[bool, typer.Option(help="ensure a development admin and print how to use it")] = False,
    log_level: Annotated[str, typer.Option(help="uvicorn log level")] = "info",
    log_format: Annotated[
        LogFormat | None, typer.Option(help="text (default) or json: one JSON object per line, with request ids")
    ] = None,
) -> None:
    """Serve the REST API and the Socket.IO endpoint."""
    if dev:
        os.environ.setdefault("ZNDRAW_JOBLIB_ADMIN_EMAIL", DEV_ADMIN_EMAIL)
        os.environ.setdefault("ZNDRAW_JOBLIB_ADMIN_PASSWORD", DEV_ADMIN_PASSWORD)
        os.environ.setdefault("ZNDRAW_JOBLIB_INTERNAL_EXTENSIONS", '["zndraw_joblib.internal_jobs:Sleep"]')
        os.environ.setdefault("ZNDRAW_JOBLIB_ALLOW_REGISTRATION", "true")
    settings = _settings(
        host=host, port=port, database_url=database_url, log_format=log_format.value if log_format else None
    )

    url = f"http://{settings.host}:{settings.port}"
    typer.echo(f"zndraw-joblib on {url}  (database: {_shown(settings.effective_database_url)})")
    typer.echo(f"  dashboard: {url}/ui/")
    typer.echo(f"  API docs:  {url}/docs    contract: {url}/openapi.json, {url}/asyncapi.json")
    if settings.admin_email:
        typer.echo(f"  admin:     {settings.admin_email}" + (f" / {DEV_ADMIN_PASSWORD}" if dev else ""))
        typer.echo(f"  a token:   zndraw-joblib token {settings.admin_email}")
        typer.echo(f'  then:      curl -H "Authorization: Bearer $TOKEN" {url}/v1/joblib/rooms/@global/jobs')
    serving.serve(settings, log_level=log_level)


async def _prepared(settings: Settings) -> tuple[AsyncEngine, async_sessionmaker[AsyncSession]]:
    engine = make_engine(settings.effective_database_url)
    await migrate.prepare(engine, auto_migrate=settings.auto_migrate)
    return engine, make_sessionmaker(engine)


def _shown(url: str) -> str:
    """The database URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


async def _existing_schema(url: str) -> str | None:
    """The schema revision of an existing database, None when it has no zndraw-joblib schema."""
    engine = make_engine(url)
    try:
        return await migrate.current_revision(engine)
    finally:
        await engine.dispose()


def _require_existing_database(settings: Settings) -> None:
    """Refuse to go on (exit 1) unless the database exists and has the schema: a command that
    reads users must not create an empty database (e.g. when run from another folder than the
    server, whose default SQLite file is relative to its working directory)."""
    url = settings.effective_database_url
    file = _sqlite_file(url)
    missing = file is not None and not file.exists()
    if not missing:
        try:
            missing = asyncio.run(_existing_schema(url)) is None
        except (OSError, DBAPIError) as exc:
            typer.echo(f"cannot read the database at {_shown(url)}: {exc}", err=True)
            raise typer.Exit(1) from None
    if missing:
        typer.echo(
            f"no zndraw-joblib database at {_shown(url)}\n"
            "  run this command in the folder the server runs in, or point it at the server's database\n"
            "  with --database-url (or ZNDRAW_JOBLIB_DATABASE_URL / ZNDRAW_JOBLIB_DATA_DIR)",
            err=True,
        )
        raise typer.Exit(1)


@users.command("create")
def users_create(
    email: str,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, help="at least 8 characters")],
    superuser: Annotated[bool, typer.Option(help="make the user a superuser")] = False,
    database_url: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Create a user account (the rules of `POST /v1/auth/register`: a valid email, a password
    of 8 to 1024 characters)."""
    try:
        UserCreate(email=email, password=password)
    except ValidationError as exc:
        for error in exc.errors():
            typer.echo(f"invalid {'.'.join(map(str, error['loc']))}: {error['msg']}", err=True)
        raise typer.Exit(1) from None
    settings = _settings(database_url=database_url)

    async def run() -> None:
        engine, sessionmaker = await _prepared(settings)
        try:
            async with sessionmaker() as session:
                identity = await auth.create_user(
                    session, settings, email=email, password=password, superuser=superuser
                )
        finally:
            await engine.dispose()
        typer.echo(f"created {identity.email} ({identity.id}){' as superuser' if superuser else ''}")
        typer.echo(f"  in {_shown(settings.effective_database_url)}")

    try:
        asyncio.run(run())
    except exceptions.UserAlreadyExists:
        typer.echo(f"a user {email} exists already", err=True)
        raise typer.Exit(1) from None
    except exceptions.InvalidPasswordException as exc:
        typer.echo(f"invalid password: {exc.reason}", err=True)
        raise typer.Exit(1) from None


@app.command()
def token(email: str, database_url: Annotated[str | None, typer.Option()] = None) -> None:
    """Print a bearer token (JWT) for an existing user, for scripts and curl.

    Reads the server's database and key: run it where the server runs (its `data_dir`), or pass
    `--database-url`. It never creates a database; without one it says where it looked.
    """
    settings = _settings(database_url=database_url)
    _require_existing_database(settings)

    async def run() -> str:
        engine, sessionmaker = await _prepared(settings)
        try:
            return await auth.issue_token(sessionmaker, settings, email=email)
        finally:
            await engine.dispose()

    try:
        typer.echo(asyncio.run(run()))
    except (exceptions.UserNotExists, exceptions.UserInactive):
        typer.echo(f"no active user {email} in {_shown(settings.effective_database_url)}", err=True)
        raise typer.Exit(1) from None


@db.command("upgrade")
def db_upgrade(
    revision: Annotated[str, typer.Argument(help="target revision")] = "head",
    database_url: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Migrate the database to the newest (or the given) revision. Run once before starting replicas."""
    settings = _settings(database_url=database_url)

    async def run() -> str | None:
        engine = make_engine(settings.effective_database_url)
        try:
            await migrate.upgrade(engine, revision)
            return await migrate.current_revision(engine)
        finally:
            await engine.dispose()

    typer.echo(f"database at revision {asyncio.run(run())}")


@db.command("current")
def db_current(database_url: Annotated[str | None, typer.Option()] = None) -> None:
    """Print the database's revision and the code's newest one."""
    settings = _settings(database_url=database_url)

    async def run() -> str | None:
        engine = make_engine(settings.effective_database_url)
        try:
            return await migrate.current_revision(engine)
        finally:
            await engine.dispose()

    typer.echo(f"database: {asyncio.run(run()) or 'empty'}; code: {migrate.head()}")


def _mount_admin_commands() -> None:
    """`tasks`, `workers`, `jobs` and `stats` (the admin CLI over REST) live in the client package,
    which an operator may install without the server; mounted here when it is installed."""
    try:
        from zndraw_joblib_client import admin  # noqa: PLC0415 - optional: the client package
    except ImportError:  # the server alone: `pip install zndraw-joblib-client` adds them
        return
    admin.register(app)


_mount_admin_commands()

if __name__ == "__main__":  # pragma: no cover
    app()
