"""Our server against the conformance package: one test per requirement of its catalogue.

The package (conformance/, `zndraw_joblib_conformance`) runs once per session against the
target (our app in-process, or `--base-url`); each test then asserts its requirement's verdict.
Against our own in-process server every requirement passes, or is not applicable for one of the
reasons listed in NOT_APPLICABLE_HERE (answers a client cannot provoke, or rules our standalone
defaults never trigger). A requirement that becomes not applicable for any other reason (a new
operation or event nothing exercises yet) fails here until a check covers it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conformance_target import Target

from zndraw_joblib_conformance import Outcome, RunResult, catalogue, run
from zndraw_joblib_conformance.outcomes import matches
from zndraw_joblib_conformance.report import junit, markdown

# Requirement ids (fnmatch patterns) that stay not applicable against our in-process server, and why.
NOT_APPLICABLE_HERE = {
    "REST-*-503": "a 503 needs a lost database or Redis",
    "PROBLEM-service-unavailable": "a 503 needs a lost database or Redis",
    "PROBLEM-not-ready": "a 503 needs a lost database or Redis",
    "REST-*-408": "a 408 needs a body that stalls past body_timeout_seconds (30 s)",
    "PROBLEM-request-timeout": "a 408 needs a body that stalls past body_timeout_seconds (30 s)",
    "PROBLEM-internal-error": "a fault of the server itself",
    "PROBLEM-payload-too-complex": "our validations finish within the budget",
    # the standalone server's room policy (OpenRooms) lets every user read and submit everywhere
    **{
        f"REST-{op}-403": "OpenRooms never refuses a room"
        for op in (
            "getJob",
            "getProviderInfo",
            "getTask",
            "listJobTasks",
            "listJobs",
            "listProviders",
            "listRoomTasks",
            "listRoomWorkers",
            "readProvider",
            "submitTask",
            "getRoomStats",
        )
    },
    # a path id that is not a UUID matches no route here (404), so these documented 422s never occur
    **{
        f"REST-{op}-422": "a malformed path id is a 404 (no route); the operation has nothing else to validate"
        for op in ("deleteProvider", "deleteWorker", "heartbeatWorker")
    },
}

# Known gaps of our server, allow-listed (still reported) until fixed: everywhere, and in a
# deployment of several replicas (`--base-url` behind a round-robin proxy).
KNOWN_GAPS: dict[str, str] = {}
KNOWN_GAPS_ON_REPLICAS = {
    **KNOWN_GAPS,
    "AUTH-login-rate-limit": "the failed-login limiter is in-process: each replica counts its own 10 failures",
}

REQUIREMENTS = [r.id for r in catalogue()]


@pytest.fixture(scope="session")
def outcome(target: Target, tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    result = run(target.options, list(KNOWN_GAPS_ON_REPLICAS if target.remote else KNOWN_GAPS))
    folder: Path = tmp_path_factory.mktemp("conformance-report")
    (folder / "report.md").write_text(markdown(result))
    (folder / "junit.xml").write_text(junit(result))
    print(f"\nconformance report: {folder / 'report.md'}")  # noqa: T201 - where to read the whole report
    return result


@pytest.mark.parametrize("requirement_id", REQUIREMENTS)
def test_requirement_holds(requirement_id: str, outcome: RunResult, target: Target) -> None:
    result = outcome.result(requirement_id)
    if result.blocking:
        details = "\n".join(f"- {f.message}" + (f"\n  {f.reproduce}" if f.reproduce else "") for f in result.findings)
        pytest.fail(f"{requirement_id}: {result.requirement.rule}\n{details}", pytrace=False)
    if result.outcome is Outcome.NOT_APPLICABLE and not target.remote:
        assert matches(requirement_id, list(NOT_APPLICABLE_HERE)), (
            f"{requirement_id} is not applicable against our own server: {result.note}. "
            "Add a check that exercises it (conformance/src/zndraw_joblib_conformance/behaviour/), or, if "
            "our server cannot be made to show it, list it in NOT_APPLICABLE_HERE with the reason."
        )


def test_every_listed_exception_is_still_not_applicable(outcome: RunResult, target: Target) -> None:
    """NOT_APPLICABLE_HERE only shrinks: an entry that now passes is removed."""
    if target.remote:
        return
    stale = [
        pattern
        for pattern in NOT_APPLICABLE_HERE
        if not any(
            matches(r.requirement.id, [pattern]) and r.outcome is Outcome.NOT_APPLICABLE for r in outcome.results
        )
    ]
    assert stale == [], f"these are checked now, remove them from NOT_APPLICABLE_HERE: {stale}"


def test_every_known_gap_still_fails(outcome: RunResult, target: Target) -> None:
    """KNOWN_GAPS only shrinks: a gap that is fixed is removed from it."""
    if target.remote:
        return
    assert outcome.stale_allow_list == [], f"fixed, remove them from KNOWN_GAPS: {outcome.stale_allow_list}"
