"""Comparison servers, measured in the same run with the same client code (`run.py --compare`).

- **previous**: this repository's server as of a git revision (default `0523507`, the last
  commit of main before issue 16; its server is the same as `3956913`'s), installed from
  `git archive <rev> server` into a venv of its own and started exactly as the embedded
  server is (`zndraw-joblib serve --dev` on a free port, a temporary data dir).
- **upstream**: `zndraw-joblib==0.1.7` from PyPI in a venv of its own, inside the small host
  app `conformance/tests/upstream/host.py --benchmark` (the host the upstream README asks for,
  with upstream's defaults and a `/readyz`).

Both venvs are cached under `bench/.cache/` (gitignored), keyed by the revision's commit or the
upstream version, so only the first run pays for the installs. A venv whose install did not
finish has no `.ready` stamp and is rebuilt.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

from .api import BenchError
from .server import Server, launch, start_server

BENCH = Path(__file__).resolve().parents[1]
REPO = BENCH.parent
CACHE = BENCH / ".cache"
HOST = Path(__file__).resolve().parents[2] / "conformance" / "tests" / "upstream" / "host.py"  # with --benchmark
UPSTREAM_VERSION = "0.1.7"
UPSTREAM_PACKAGES = [
    f"zndraw-joblib=={UPSTREAM_VERSION}",
    "sqlalchemy[asyncio]<2.1",  # zndraw-auth's fastapi-users-db-sqlalchemy caps it; pip's resolver needs the hint
    "aiosqlite",
    "uvicorn[standard]",  # uvloop + httptools, as our server has
]
INSTALL_TIMEOUT = 900.0
DEFAULT_REVISION = "0523507"  # the last commit of main before issue 16 (the same server as 3956913)


def clean_env() -> dict[str, str]:
    """Our environment without this venv: a child sees only its own interpreter's packages."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}}
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    return env


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)  # noqa: S603, S607
    if done.returncode != 0:
        raise BenchError(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def default_revision() -> str:
    """The server before issue 16 (fixed: a merge base moves once the issue's work is merged)."""
    return DEFAULT_REVISION


def resolve(revision: str) -> str:
    return _git("rev-parse", "--verify", f"{revision}^{{commit}}")


def _python() -> str:
    """A base interpreter for the throwaway venvs (not this venv's, so nothing leaks in)."""
    base = getattr(sys, "_base_executable", None) or sys.executable
    return base if Path(base).exists() else sys.executable


def _venv(folder: Path, install: list[str], stamp: str) -> Path:
    """A cached venv in `folder` with `pip install <install>`; its bin/ directory."""
    ready = folder / ".ready"
    if ready.exists() and ready.read_text() == stamp:
        return folder / "venv" / "bin"
    shutil.rmtree(folder / "venv", ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"  building {folder.relative_to(BENCH)} (cached for later runs) ...", flush=True)
    subprocess.run([_python(), "-m", "venv", str(folder / "venv")], check=True, env=clean_env())  # noqa: S603
    pip = [str(folder / "venv" / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-compile"]
    done = subprocess.run(  # noqa: S603
        [*pip, *install],
        env=clean_env(),
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"pip install {' '.join(install)} failed:\n{(done.stdout + done.stderr)[-3000:]}")
    ready.write_text(stamp)
    return folder / "venv" / "bin"


def revision_venv(revision: str) -> tuple[str, Path]:
    """(commit, bin/) of a venv with the server as of `revision`."""
    commit = resolve(revision)
    folder = CACHE / f"rev-{commit[:12]}"
    src = folder / "src"
    if not (folder / ".ready").exists():
        shutil.rmtree(src, ignore_errors=True)
        src.mkdir(parents=True)
        archive = subprocess.run(  # noqa: S603
            ["git", "archive", "--format=tar", commit, "server"],  # noqa: S607
            cwd=REPO,
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, check=True)  # noqa: S603, S607
    return commit, _venv(folder, [str(src / "server")], commit)


def upstream_venv() -> Path:
    return _venv(CACHE / f"upstream-{UPSTREAM_VERSION}", UPSTREAM_PACKAGES, " ".join(UPSTREAM_PACKAGES))


def prepare(revision: str | None, upstream: bool) -> dict[str, Path | str]:
    """Build (or find) the venvs before any measurement, so no install runs between deployments."""
    out: dict[str, Path | str] = {}
    if revision is not None:
        out["commit"], out["revision_bin"] = revision_venv(revision)
    if upstream:
        out["upstream_bin"] = upstream_venv()
    return out


def start_revision(commit: str, venv_bin: Path) -> Server:
    return start_server(
        script=[str(venv_bin / "zndraw-joblib")],
        env=clean_env(),
        label=f"previous {commit[:7]}",
        description=f"`zndraw-joblib serve --dev` as of {commit[:12]} (SQLite + in-process bus)",
        reference=True,
    )


def start_upstream(venv_bin: Path) -> Server:
    """The upstream host (--benchmark) from the upstream venv on a free port, its own data dir; once /readyz is 200."""
    email, password = "admin@example.com", secrets.token_urlsafe(12)

    def command(port: int, folder: Path) -> list[str]:
        return [
            *(str(venv_bin / "python"), str(HOST), "--port", str(port), "--data-dir", str(folder)),
            *("--admin-email", email, "--admin-password", password, "--benchmark"),
        ]

    return launch(
        command,
        env=clean_env(),
        label=f"upstream {UPSTREAM_VERSION}",
        description=f"zndraw-joblib=={UPSTREAM_VERSION} from PyPI in conformance/tests/upstream/host.py (SQLite)",
        prefix="zndraw-joblib-bench-upstream-",
        reference=True,
        credentials=(email, password),
    )
