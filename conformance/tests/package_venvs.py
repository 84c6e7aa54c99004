"""Fresh virtualenvs for the package tests that need them, built side by side.

- `Venvs.wheel`: the conformance package's wheel (built from this checkout) installed with the default
  pip into an empty venv, nothing else: what another project's CI installs.
- `Venvs.upstream`: the upstream library `zndraw-joblib==0.1.7` from PyPI with what its host app needs.

Both are throwaway (a temporary folder); pip's own download cache makes the second run fast.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = [
    "zndraw-joblib==0.1.7",
    # zndraw-auth's fastapi-users-db-sqlalchemy caps SQLAlchemy below 2.1, and pip's resolver gives
    # up on the set unless told so up front.
    "sqlalchemy[asyncio]<2.1",
    "aiosqlite",  # the host's SQLite driver
    "uvicorn",  # the host's server
]
INSTALL_TIMEOUT = 600  # seconds; a cold pip cache downloads some 60 wheels


@dataclass(frozen=True)
class Venvs:
    wheel: Path  # the venv's bin/ with zndraw-joblib-conformance
    upstream: Path  # the venv's bin/ with zndraw-joblib 0.1.7


def clean_env() -> dict[str, str]:
    """The environment without this repository's venv or paths: the child sees only its own venv."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}}
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    return env


def _new_venv(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, env=clean_env())
    return folder / "bin"


def build(base: Path) -> Venvs:
    """Build the wheel and both venvs under `base`."""
    dist = base / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--wheel-dir",
            str(dist),
            str(ROOT / "conformance"),
        ],
        check=True,
        env=clean_env(),
        timeout=INSTALL_TIMEOUT,
    )
    (wheel,) = dist.glob("zndraw_joblib_conformance-*.whl")
    wheel_bin, upstream_bin = _new_venv(base / "wheel"), _new_venv(base / "upstream")
    installs = [
        subprocess.Popen(
            [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--no-compile", *packages],
            env=clean_env(),
            cwd=base,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for bin_dir, packages in ((wheel_bin, [str(wheel)]), (upstream_bin, UPSTREAM))
    ]
    for install in installs:
        output, _ = install.communicate(timeout=INSTALL_TIMEOUT)
        assert install.returncode == 0, output[-3000:]
    return Venvs(wheel=wheel_bin, upstream=upstream_bin)
