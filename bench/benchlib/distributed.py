"""A PostgreSQL + Redis deployment with N replicas, started the way an operator starts one.

`scripts/services.sh start` (idempotent) provides throwaway PostgreSQL and Redis servers and
writes their URLs to `.services/env`. Each deployment gets a database of its own, migrated
with `zndraw-joblib db upgrade`, a superuser from `users create`, a token from `token`, and N
`zndraw-joblib serve` processes sharing the database, Redis and the secret key. The database
is dropped when the deployment stops; the services keep running.

CPU sources: each replica, PostgreSQL (the postmaster and all its backends, whoever opened
them) and redis-server, from the pid files the services script leaves under `.services/`.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from . import cpu
from .api import BenchError
from .server import Server, free_port, server_command, spawn, wait_ready

REPO = Path(__file__).resolve().parents[2]
SERVICES_SCRIPT = REPO / "scripts" / "services.sh"
SERVICES_DIR = REPO / ".services"
SECRET = "bench-distributed-secret-key-long-enough"  # noqa: S105 - a throwaway deployment's key
ADMIN_EMAIL = "bench@example.com"
ADMIN_PASSWORD = "bench-password"  # noqa: S105 - a throwaway deployment's superuser
_EXPORT = re.compile(r"^export (\w+)=(.*)$")


def deployment_label(replicas: int) -> str:
    return f"pg+redis, {replicas} replica{'s' if replicas > 1 else ''}"


def start_services() -> tuple[str, str]:
    """Start (or find running) PostgreSQL and Redis; their (admin database URL, Redis URL)."""
    try:
        subprocess.run([str(SERVICES_SCRIPT), "start"], check=True, capture_output=True, text=True, timeout=600)  # noqa: S603
    except subprocess.CalledProcessError as exc:
        raise BenchError(f"{SERVICES_SCRIPT.name} start failed:\n{exc.stderr[-2000:]}") from exc
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BenchError(f"{SERVICES_SCRIPT.name} start failed: {exc}") from exc
    exported = {}
    for line in (SERVICES_DIR / "env").read_text().splitlines():
        if match := _EXPORT.match(line.strip()):
            exported[match[1]] = match[2]
    try:
        return exported["ZNDRAW_JOBLIB_TEST_POSTGRES_URL"], exported["ZNDRAW_JOBLIB_TEST_REDIS_URL"]
    except KeyError as exc:
        raise BenchError(f"{SERVICES_DIR / 'env'} does not export {exc}") from exc


def service_sources() -> list[cpu.Source]:
    """PostgreSQL (postmaster + backends) and redis-server, if their pid files are readable."""
    sources: list[cpu.Source] = []
    for name, pid_file, tree in (
        ("postgres", SERVICES_DIR / "pg" / "data" / "postmaster.pid", True),
        ("redis", SERVICES_DIR / "redis" / "redis.pid", False),
    ):
        try:
            sources.append((name, int(pid_file.read_text().split()[0]), tree))
        except (OSError, ValueError, IndexError):
            print(f"note: no CPU figures for {name} ({pid_file} unreadable)", file=sys.stderr)
    return sources


async def _admin(admin_url: str, statement: str) -> None:
    url = make_url(admin_url)
    connection = await asyncpg.connect(
        user=url.username, password=url.password, host=url.host, port=url.port, database=url.database or "postgres"
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def _cli(env: dict[str, str], cwd: Path, *args: str) -> str:
    result = subprocess.run(  # noqa: S603
        [*server_command(), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    if result.returncode != 0:
        raise BenchError(f"zndraw-joblib {' '.join(args[:2])} failed:\n{result.stderr[-2000:]}")
    return result.stdout.strip()


def start_deployment(replicas: int, log_level: str = "warning") -> Server:
    """A fresh database, migrated, a superuser and its token, and `replicas` serve processes."""
    admin_url, redis_url = start_services()
    name = f"bench_{uuid.uuid4().hex[:10]}"
    try:
        asyncio.run(_admin(admin_url, f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError) as exc:
        raise BenchError(f"could not create the database {name} on {admin_url}: {exc}") from exc
    tmp = tempfile.TemporaryDirectory(prefix="zndraw-joblib-bench-dist-")
    directory = Path(tmp.name)
    database_url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("ZNDRAW_JOBLIB_")},
        "ZNDRAW_JOBLIB_DATABASE_URL": database_url,
        "ZNDRAW_JOBLIB_REDIS_URL": redis_url,
        "ZNDRAW_JOBLIB_SECRET_KEY": SECRET,
        "ZNDRAW_JOBLIB_DATA_DIR": str(directory),
    }

    def drop() -> None:
        asyncio.run(_admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        tmp.cleanup()

    server = Server(
        urls=[],
        token="",
        label=deployment_label(replicas),
        description=f"{replicas} x `zndraw-joblib serve` on PostgreSQL (database {name}) + Redis ({redis_url})",
        distributed=True,
        services=service_sources(),
        log_dir=directory,
        cleanups=[drop],
    )
    try:
        _cli(env, directory, "db", "upgrade")
        _cli(env, directory, "users", "create", ADMIN_EMAIL, "--password", ADMIN_PASSWORD, "--superuser")
        server.token = _cli(env, directory, "token", ADMIN_EMAIL).splitlines()[-1].strip()
        for i in range(replicas):
            port = free_port()
            command = [*server_command(), "serve", "--port", str(port), "--log-level", log_level]
            server.processes.append(spawn(command, env=env, cwd=directory, log=directory / f"replica-{i + 1}.log"))
            server.urls.append(f"http://127.0.0.1:{port}")
        for url, process in zip(server.urls, server.processes, strict=True):
            wait_ready(url, process)
    except BaseException:
        tail = server.log_tail()
        server.stop()
        if tail:
            print(tail, file=sys.stderr)
        raise
    return server
