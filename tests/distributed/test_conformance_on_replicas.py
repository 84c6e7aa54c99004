"""The conformance suites (REST and events) against the two replicas, requests alternating.

They run in a child pytest pointed at the round-robin proxy with `--base-url`: every HTTP
request (sent with `Connection: close`) lands on the other replica than the one before.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from deployment import SWEEPER_INTERVAL_SECONDS, WORKER_TIMEOUT_SECONDS, Deployment, RoundRobinProxy

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.timeout(1200)  # the whole suite, every request on a new connection, on a busy machine
def test_the_conformance_suites_pass_against_two_replicas(deployment: Deployment, proxy: RoundRobinProxy) -> None:
    sweep_within = WORKER_TIMEOUT_SECONDS + 6 * SWEEPER_INTERVAL_SECONDS + 5
    result = subprocess.run(
        [
            sys.executable, "-m", "pytest", str(ROOT / "tests" / "conformance"), "-q", "-p", "no:cacheprovider",
            "--base-url", proxy.url, "--token", deployment.token, "--sweep-within", str(sweep_within),
            "--max-examples", "10",  # the replicas' behaviour is the point here; the fuzzing ran in test-conformance
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=1100, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        (deployment.directory / "conformance.log").write_text(result.stdout + result.stderr)
    findings = [line for line in result.stdout.splitlines() if line.lstrip(" |").startswith(("- ", "curl ", "FAILED"))]
    assert result.returncode == 0, "\n".join(line[:300] for line in findings[:40]) or result.stdout[-4000:]
