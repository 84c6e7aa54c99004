"""`scripts/services.sh`: the throwaway PostgreSQL and Redis of `make test`, started from a clone
in a private (0700) folder, as a home folder is, and always stopped again."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _pg_bin() -> Path:
    return sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: [int(x) for x in p.parent.name.split(".")])[
        -1
    ]


def _redis_answers(port: str) -> bool:
    result = subprocess.run(["redis-cli", "-p", port, "ping"], capture_output=True, text=True, check=False)
    return result.stdout.strip() == "PONG"


def _postgres_answers(port: str) -> bool:
    result = subprocess.run(
        [str(_pg_bin() / "pg_isready"), "-h", "127.0.0.1", "-p", port], capture_output=True, check=False
    )
    return result.returncode == 0


def _ports(env_file: Path) -> dict[str, str]:
    text = env_file.read_text()
    return {
        "postgres": re.search(r"POSTGRES_URL=\S+:(\d+)/", text).group(1),  # type: ignore[union-attr]
        "redis": re.search(r"REDIS_URL=\S+:(\d+)/", text).group(1),  # type: ignore[union-attr]
    }


@pytest.fixture
def clone(tmp_path: Path) -> Iterator[Path]:
    """The script in a clone inside a 0700 folder; whatever it started is stopped afterwards."""
    home = tmp_path / "home"
    (home / "clone" / "scripts").mkdir(parents=True)
    home.chmod(0o700)
    tmp_path.chmod(0o700)
    shutil.copy2(ROOT / "scripts" / "services.sh", home / "clone" / "scripts" / "services.sh")
    yield home / "clone"
    subprocess.run([str(home / "clone" / "scripts" / "services.sh"), "stop"], check=False, capture_output=True)


def _script(clone: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(clone / "scripts" / "services.sh"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, **env},
    )


def test_both_services_start_from_a_clone_in_a_private_folder_and_stop(clone: Path) -> None:
    started = _script(clone, "start")
    assert started.returncode == 0, started.stderr
    ports = _ports(clone / ".services" / "env")
    assert _redis_answers(ports["redis"])
    assert _postgres_answers(ports["postgres"])
    data = Path((clone / ".services" / "pg" / "root").read_text().strip())
    assert data.is_dir()
    assert not data.is_relative_to(clone)

    stopped = _script(clone, "stop")
    assert stopped.returncode == 0, stopped.stderr
    assert not _redis_answers(ports["redis"])
    assert not _postgres_answers(ports["postgres"])
    assert not data.exists(), "the throwaway data folder is removed"
    assert (clone / ".services" / "pg" / "server.log").exists(), "its log is kept"


def test_a_failed_start_stops_what_it_had_started(clone: Path) -> None:
    failed = _script(clone, "start", PG_BIN="/nonexistent/bin")  # PostgreSQL cannot start
    assert failed.returncode != 0
    port = re.search(r"redis on 127\.0\.0\.1:(\d+)", failed.stderr)
    assert port is not None, failed.stderr
    assert not _redis_answers(port.group(1)), "Redis was left running"
    assert "stopping what was started" in failed.stderr
    assert not (clone / ".services" / "env").exists()


@pytest.mark.parametrize("status", [0, 3])
def test_run_stops_both_services_whatever_the_command_returns(clone: Path, status: int) -> None:
    ran = _script(
        clone,
        "run",
        "sh",
        "-c",
        f'echo "$ZNDRAW_JOBLIB_TEST_POSTGRES_URL $ZNDRAW_JOBLIB_TEST_REDIS_URL"; exit {status}',
    )
    assert ran.returncode == status, ran.stderr
    postgres_port, redis_port = re.findall(r":(\d+)/", ran.stdout)
    assert not _redis_answers(redis_port)
    assert not _postgres_answers(postgres_port)
