"""The Makefile's promises: `make run` needs only Python, and `make test` runs every suite even
after one failed, then fails naming the failed ones."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _make(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_make_run_installs_neither_node_packages_nor_test_extras() -> None:
    planned = _make("--dry-run", "--always-make", "run")  # every recipe it would run on a fresh clone
    assert planned.returncode == 0, planned.stderr
    assert "zndraw-joblib serve --dev" in planned.stdout
    assert "-m venv" in planned.stdout
    for needless in ("npm", "node ", "[test", "[dev", "chromium", "services.sh"):
        assert needless not in planned.stdout, planned.stdout


def test_every_suite_runs_and_the_failed_ones_are_named_at_the_end() -> None:
    ran = _make("test-all", "SUITES=help no-such-suite help")
    assert ran.returncode != 0
    assert ran.stdout.count("==> help") == 2, "the suite after the failed one ran too"
    assert ran.stdout.count("<== help passed") == 2
    assert ran.stdout.rstrip().endswith("make test: failed suites: no-such-suite"), ran.stdout[-2000:]


def test_make_test_stops_the_services_after_the_suites() -> None:
    recipe = _make("--dry-run", "test").stdout
    assert "scripts/services.sh run" in recipe
