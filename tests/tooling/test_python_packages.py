"""The two wheels as a user gets them: built from the tree, installed into a fresh venv by the
pip that venv comes with (no upgrade), and the server started from an unrelated folder."""

from __future__ import annotations

import email
import email.policy
import filecmp
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from zndraw_joblib.testing import free_port, wait_ready

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {"zndraw_joblib": ROOT / "server", "zndraw_joblib_client": ROOT / "clients" / "python"}
START_WITHIN = 120.0
"""Seconds the installed server may take to answer /readyz (a busy machine)."""


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--wheel-dir",
            str(out),
            *map(str, PACKAGES.values()),
        ],
        check=True,
        timeout=600,
    )
    return {name: next(out.glob(f"{name}-*.whl")) for name in PACKAGES}


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory, wheels: dict[str, Path]) -> Path:
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    installed = subprocess.run(
        # --no-compile: byte-compiling some 60 packages is a third of the time and tests nothing here
        [str(venv / "bin" / "pip"), "install", "--quiet", "--no-compile", *map(str, wheels.values())],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    return venv


def _metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.message_from_bytes(archive.read(name), policy=email.policy.compat32)


@pytest.mark.parametrize("package", list(PACKAGES))
def test_a_wheel_is_typed_licensed_and_described(wheels: dict[str, Path], package: str) -> None:
    with zipfile.ZipFile(wheels[package]) as archive:
        names = archive.namelist()
    assert f"{package}/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    metadata = _metadata(wheels[package])
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert len(str(metadata.get_payload())) > 500, "a long description (the package README)"


@pytest.fixture(scope="module")
def server_wheel_names(wheels: dict[str, Path]) -> set[str]:
    with zipfile.ZipFile(wheels["zndraw_joblib"]) as archive:
        return set(archive.namelist())


@pytest.mark.parametrize(
    "asset",
    [
        "dashboard/index.html",
        "dashboard/app.js",
        "dashboard/app.css",
        "swagger-ui/swagger-ui-bundle.js",
        "swagger-ui/swagger-ui.css",
        "redoc/redoc.standalone.js",
    ],
)
def test_the_server_wheel_contains_the_browser_asset(server_wheel_names: set[str], asset: str) -> None:
    assert f"zndraw_joblib/ui/static/{asset}" in server_wheel_names


def test_every_copy_of_the_license_is_the_repositorys() -> None:
    for folder in (ROOT / "server", ROOT / "clients" / "python", ROOT / "clients" / "ts"):
        assert filecmp.cmp(ROOT / "LICENSE", folder / "LICENSE", shallow=False), folder


def test_the_venvs_own_pip_installs_both_wheels_and_finds_no_conflict(fresh_venv: Path) -> None:
    checked = subprocess.run(
        [str(fresh_venv / "bin" / "pip"), "check"], capture_output=True, text=True, timeout=120, check=False
    )
    assert checked.returncode == 0, checked.stdout
    imported = subprocess.run(
        [str(fresh_venv / "bin" / "python"), "-c", "import zndraw_joblib.app, zndraw_joblib_client"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr


@pytest.fixture
def served_from_elsewhere(fresh_venv: Path, tmp_path: Path) -> Iterator[str]:
    """`zndraw-joblib serve --dev` of the fresh venv, run in an unrelated folder."""
    folder = tmp_path / "somewhere"
    folder.mkdir()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZNDRAW_JOBLIB_", "VIRTUAL_ENV"))}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [str(fresh_venv / "bin" / "zndraw-joblib"), "serve", "--dev", "--port", str(port)],
        cwd=folder,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, timeout=START_WITHIN, process=process, describe=(folder / "server.log").read_text)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
        log.close()


def test_the_installed_server_serves_from_an_unrelated_folder(served_from_elsewhere: str) -> None:
    login = httpx.post(
        f"{served_from_elsewhere}/v1/auth/jwt/login",
        data={"username": "admin@example.com", "password": "zndraw-admin"},
        timeout=30,
    )
    assert login.status_code == 200, login.text
    token = login.json()["access_token"]
    jobs = httpx.get(
        f"{served_from_elsewhere}/v1/joblib/rooms/@global/jobs",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert jobs.status_code == 200, jobs.text


def test_the_installed_server_serves_the_dashboard_and_the_docs(served_from_elsewhere: str) -> None:
    """From the installed wheel: `pip install` + `zndraw-joblib serve`, no Node on the way."""
    for path in ("/ui/", "/ui/app.js", "/docs", "/docs-assets/swagger-ui/swagger-ui-bundle.js", "/redoc"):
        response = httpx.get(f"{served_from_elsewhere}{path}", timeout=30)
        assert response.status_code == 200, (path, response.text[:500])
