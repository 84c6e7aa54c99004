"""Reports, the allow-list and exit codes, on a made-up run (no server)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from zndraw_joblib_conformance import allowlist, cli, report
from zndraw_joblib_conformance.options import Suite
from zndraw_joblib_conformance.outcomes import Finding, Ledger, RunResult
from zndraw_joblib_conformance.requirements import Requirement
from zndraw_joblib_conformance.runner import _apply_allow_list

REQUIREMENTS = [
    Requirement("REST-getTask-200", Suite.REST, "GET answers 200 as documented.", "openapi.yaml getTask"),
    Requirement("TASK-timestamps", Suite.REST, "Timestamps have an offset.", "openapi.yaml"),
    Requirement("EVT-join_room-ack", Suite.EVENTS, "join_room is acknowledged.", "asyncapi.yaml"),
    Requirement("CLEANUP-sweep", Suite.EVENTS, "Silent workers are swept.", "openapi.yaml"),
]


def made_up_run(allow: list[str]) -> RunResult:
    ledger = Ledger()
    ledger.passed("REST-getTask-200", 3)
    curl = "curl -sS -X GET 'http://x/v1/joblib/tasks/1' -H \"Authorization: Bearer $TOKEN\""
    ledger.failed("TASK-timestamps", Finding("created_at='2026-01-01T00:00:00' has no offset", curl))
    ledger.failed("EVT-join_room-ack", Finding("join_room got no ack within 10 s"))
    results = [ledger.judge(r, "needs --sweep-within" if r.id == "CLEANUP-sweep" else None) for r in REQUIREMENTS]
    stale = _apply_allow_list(results, allow)
    return RunResult("http://x", "0.1.0", "0.1.0", "0.1.0", 12.0, results, stale)


def test_markdown_has_a_line_per_requirement_and_each_failure_with_its_rule_and_curl() -> None:
    text = report.markdown(made_up_run([]))
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) == len(REQUIREMENTS)
    assert "| `REST-getTask-200` | pass |" in text
    assert "| `CLEANUP-sweep` | n/a |" in text
    assert "needs --sweep-within" in text
    assert "### TASK-timestamps" in text
    assert "Rule: Timestamps have an offset." in text
    assert "curl -sS -X GET" in text
    assert "4 requirements: 1 pass, 2 fail, 1 not applicable" in text


def test_junit_counts_failures_and_skips_what_is_not_applicable() -> None:
    root = ET.fromstring(report.junit(made_up_run([])))  # noqa: S314 - our own output
    assert root.get("failures") == "2"
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases["TASK-timestamps"].find("failure") is not None
    assert cases["CLEANUP-sweep"].find("skipped") is not None
    assert cases["REST-getTask-200"].find("failure") is None


def test_allow_listed_failures_are_listed_but_do_not_fail_the_run() -> None:
    run = made_up_run(["TASK-*", "EVT-join_room-ack", "ACCESS-job-owner"])
    assert run.exit_code == 0
    assert run.stale_allow_list == ["ACCESS-job-owner"]
    text = report.markdown(run)
    assert "### TASK-timestamps (allow-listed)" in text
    assert "ACCESS-job-owner" in text
    root = ET.fromstring(report.junit(run))  # noqa: S314 - our own output
    assert root.get("failures") == "0"
    assert made_up_run(["TASK-*"]).exit_code == 1


def test_the_allow_list_file_takes_ids_patterns_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "known-gaps.txt"
    path.write_text("# upstream 0.1.7\nTASK-timestamps   # no offsets\n\nREST-*-401\n")
    assert allowlist.read(path) == ["TASK-timestamps", "REST-*-401"]


def test_the_command_lists_the_catalogue_without_a_server(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("CLAIM-once\trest\t") for line in lines)
    assert any(line.startswith("CLEANUP-sweep\tevents [needs sweep-within]") for line in lines)


def test_the_command_needs_a_url_and_a_token() -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--url", "http://127.0.0.1:9"])
    assert exit_info.value.code == 2


def test_an_unreachable_server_is_exit_code_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--url", "http://127.0.0.1:9", "--token", "t", "--only", "events"]) == 2
    assert "cannot reach" in capsys.readouterr().err
