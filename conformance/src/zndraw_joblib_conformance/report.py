"""The two reports of a run: Markdown for a maintainer, JUnit XML for a CI.

Markdown: a summary, then every failure with the rule it broke and how to see it again (a curl
line), then one line per requirement. JUnit: one test case per requirement, grouped by
requirement group; a failure is a `<failure>`, not applicable and allow-listed failures are
`<skipped>` (so a CI that allow-lists its known gaps goes green while still listing them).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import UTC, datetime

from zndraw_joblib_conformance.outcomes import Outcome, RequirementResult, RunResult
from zndraw_joblib_conformance.requirements import GROUPS

MARK = {Outcome.PASS: "pass", Outcome.FAIL: "**FAIL**", Outcome.NOT_APPLICABLE: "n/a"}


def summary(run: RunResult) -> str:
    allowed = sum(1 for r in run.results if r.outcome is Outcome.FAIL and r.allow_listed)
    failed = run.count(Outcome.FAIL) - allowed
    return (
        f"{len(run.results)} requirements: {run.count(Outcome.PASS)} pass, {failed} fail"
        + (f", {allowed} fail (allow-listed)" if allowed else "")
        + f", {run.count(Outcome.NOT_APPLICABLE)} not applicable"
    )


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _failure_block(result: RequirementResult) -> list[str]:
    requirement = result.requirement
    tag = " (allow-listed)" if result.allow_listed else ""
    lines = [f"### {requirement.id}{tag}", "", f"Rule: {requirement.rule}  ", f"Where: {requirement.source}", ""]
    for finding in result.findings:
        lines.append(f"- {finding.message}")
        if finding.reproduce:
            lines += ["", "  ```sh", *(f"  {line}" for line in finding.reproduce.splitlines()), "  ```"]
    lines.append("")
    return lines


def markdown(run: RunResult) -> str:
    lines = [
        f"# zndraw-joblib conformance: {run.url}",
        "",
        f"Checked against openapi.yaml {run.openapi_version} and asyncapi.yaml {run.asyncapi_version} "
        f"(zndraw-joblib-conformance {run.package_version}) on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC "
        f"in {run.elapsed_seconds:.0f} s.",
        "",
        f"**{summary(run)}.** Exit code {run.exit_code}.",
        "",
        "Reproduction lines use `$TOKEN` (the superuser's token) and `$USER_TOKEN` (the second account's).",
        "",
    ]
    failures = [r for r in run.results if r.outcome is Outcome.FAIL]
    if failures:
        lines += ["## Failures", ""]
        for result in sorted(failures, key=lambda r: r.allow_listed):
            lines += _failure_block(result)
    if run.stale_allow_list:
        lines += [
            "## Allow-list entries that match no failure",
            "",
            "These pass now (or were not run): remove them from the allow-list.",
            "",
            *(f"- `{entry}`" for entry in run.stale_allow_list),
            "",
        ]
    if run.notes:
        lines += ["## Notes", "", *(f"- {_cell(note)}" for note in run.notes), ""]
    lines += ["## Requirements", "", "| id | result | rule | note |", "|---|---|---|---|"]
    for result in run.results:
        mark = MARK[result.outcome] + (" (allow-listed)" if result.allow_listed else "")
        note = result.note or (result.findings[0].message if result.findings else "")
        lines.append(f"| `{result.requirement.id}` | {mark} | {_cell(result.requirement.rule)} | {_cell(note)[:300]} |")
    lines += ["", "## Groups", ""]
    lines += [f"- **{group}**: {text}" for group, text in GROUPS.items()]
    return "\n".join(lines) + "\n"


def junit(run: RunResult) -> str:
    by_group: dict[str, list[RequirementResult]] = defaultdict(list)
    for result in run.results:
        by_group[result.requirement.group].append(result)
    root = ET.Element(
        "testsuites",
        name="zndraw-joblib-conformance",
        tests=str(len(run.results)),
        failures=str(len(run.blocking)),
        time=f"{run.elapsed_seconds:.3f}",
    )
    for group, results in by_group.items():
        suite = ET.SubElement(
            root,
            "testsuite",
            name=group,
            tests=str(len(results)),
            failures=str(sum(1 for r in results if r.blocking)),
            skipped=str(sum(1 for r in results if r.outcome is not Outcome.PASS and not r.blocking)),
        )
        for result in results:
            requirement = result.requirement
            case = ET.SubElement(suite, "testcase", classname=f"conformance.{group}", name=requirement.id)
            details = "\n\n".join(f"{f.message}\n{f.reproduce}" if f.reproduce else f.message for f in result.findings)
            if result.blocking:
                failure = ET.SubElement(
                    case, "failure", message=(result.findings[0].message if result.findings else "")[:500]
                )
                failure.text = f"Rule: {requirement.rule}\nWhere: {requirement.source}\n\n{details}"
            elif result.outcome is Outcome.FAIL:
                skipped = ET.SubElement(case, "skipped", message="allow-listed known gap")
                skipped.text = details
            elif result.outcome is Outcome.NOT_APPLICABLE:
                ET.SubElement(case, "skipped", message=f"not applicable: {result.note}")
            out = ET.SubElement(case, "system-out")
            out.text = f"{requirement.rule}\n{requirement.source}\n{result.note}"
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def console(run: RunResult) -> str:
    """The short form printed at the end of a command-line run."""
    lines = [f"zndraw-joblib conformance of {run.url}: {summary(run)} ({run.elapsed_seconds:.0f} s)"]
    for result in run.results:
        if result.outcome is Outcome.FAIL:
            tag = " (allow-listed)" if result.allow_listed else ""
            first = result.findings[0].message if result.findings else ""
            lines.append(f"  FAIL {result.requirement.id}{tag}: {_cell(first)[:200]}")
    lines += [f"  stale allow-list entry (no failure matches it): {entry}" for entry in run.stale_allow_list]
    return "\n".join(lines)
