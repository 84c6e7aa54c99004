"""A PostgreSQL server of the test's own, to stop and restart without disturbing the shared one.

Its data lives in a fresh folder under the system temp dir that the `postgres` user can enter
(initdb and postgres refuse to run as root; a home folder is 0700). The Debian binaries come
from `make services`, part of `make test`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import asyncpg
import pytest

from zndraw_joblib.testing import free_port


def _bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    if not found:
        pytest.fail("PostgreSQL is missing: `make services` (part of `make test`) installs it")
    return found[-1]


class PrivatePostgres:
    def __init__(self) -> None:
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="zndraw-joblib-pg-"))
        self.directory.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self.data = self.directory / "data"

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    async def fresh_database(self) -> str:
        """A new, empty database on this server; its SQLAlchemy URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        connection = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres")
        try:
            await connection.execute(f"CREATE DATABASE {name}")
        finally:
            await connection.close()
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *command: str) -> None:
        if os.geteuid() == 0:
            command = ("su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{part}'" for part in command))
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)

    def start(self) -> None:
        if not (self.data / "PG_VERSION").exists():
            self._run(str(_bin() / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} -c fsync=off"
        log = str(self.directory / "server.log")
        self._run(str(_bin() / "pg_ctl"), "-D", str(self.data), "-l", log, "-w", "-t", "60", "-o", options, "start")

    def stop(self) -> None:
        self._run(str(_bin() / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def restart(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} -c fsync=off"
        self._run(str(_bin() / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-o", options, "restart")

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(str(_bin() / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)
