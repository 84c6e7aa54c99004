"""`zndraw-joblib serve | users create | token`: the standalone server and its administration."""

from __future__ import annotations

import asyncio
import os
from typing import Annotated, Any

import typer
from fastapi_users import exceptions
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from zndraw_joblib.settings import Settings

from . import auth, serving
from .store import migrate
from .store.engine import make_engine, make_sessionmaker

app = typer.Typer(help="zndraw-joblib: a job/task queue for interactive scientific apps.", no_args_is_help=True)
users = typer.Typer(help="Manage user accounts.", no_args_is_help=True)
app.add_typer(users, name="users")
db = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
app.add_typer(db, name="db")

DEV_ADMIN_EMAIL = "admin@example.com"
DEV_ADMIN_PASSWORD = "zndraw-admin"  # noqa: S105 - the documented development login, only with --dev


def _settings(**overrides: Any) -> Settings:
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="interface to bind (default 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default 8000)")] = None,
    database_url: Annotated[str | None, typer.Option(help="SQLAlchemy URL (default: a SQLite file)")] = None,
    dev: Annotated[bool, typer.Option(help="ensure a development admin and print how to use it")] = False,
    log_level: Annotated[str, typer.Option(help="uvicorn log level")] = "info",
) -> None:
    """Serve the REST API and the Socket.IO endpoint."""
    if dev:
        os.environ.setdefault("ZNDRAW_JOBLIB_ADMIN_EMAIL", DEV_ADMIN_EMAIL)
        os.environ.setdefault("ZNDRAW_JOBLIB_ADMIN_PASSWORD", DEV_ADMIN_PASSWORD)
        os.environ.setdefault("ZNDRAW_JOBLIB_INTERNAL_EXTENSIONS", '["zndraw_joblib.internal_jobs:Sleep"]')
        os.environ.setdefault("ZNDRAW_JOBLIB_ALLOW_REGISTRATION", "true")
    settings = _settings(host=host, port=port, database_url=database_url)

    url = f"http://{settings.host}:{settings.port}"
    shown = make_url(settings.effective_database_url).render_as_string(hide_password=True)
    typer.echo(f"zndraw-joblib on {url}  (database: {shown})")
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


@users.command("create")
def users_create(
    email: str,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, help="at least 8 characters")],
    superuser: Annotated[bool, typer.Option(help="make the user a superuser")] = False,
    database_url: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Create a user account."""
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
    """Print a bearer token (JWT) for an existing user, for scripts and curl."""
    settings = _settings(database_url=database_url)

    async def run() -> str:
        engine, sessionmaker = await _prepared(settings)
        try:
            return await auth.issue_token(sessionmaker, settings, email=email)
        finally:
            await engine.dispose()

    try:
        typer.echo(asyncio.run(run()))
    except (exceptions.UserNotExists, exceptions.UserInactive):
        typer.echo(f"no active user {email}", err=True)
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


if __name__ == "__main__":  # pragma: no cover
    app()
