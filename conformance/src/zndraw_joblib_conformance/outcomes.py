"""Results: what each requirement came to, and the evidence collected on the way.

Evidence is gathered per requirement id in a `Ledger` while the suite runs (a schemathesis check,
a validated response, a received event, a hand-written check); `Ledger.judge` turns it into one
`RequirementResult` per requirement: any failure fails it, otherwise one passing observation
passes it, otherwise it is not applicable, with the reason.
"""

from __future__ import annotations

import fnmatch
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from zndraw_joblib_conformance.requirements import Requirement

MAX_FINDINGS = 5  # distinct findings kept per requirement: enough to act on, short enough to read


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    NOT_APPLICABLE = "not applicable"


@dataclass(frozen=True)
class Finding:
    """One observed violation: what happened, and how to see it again."""

    message: str
    reproduce: str | None = None  # a curl line (or a few steps) that shows it


@dataclass
class RequirementResult:
    requirement: Requirement
    outcome: Outcome
    note: str = ""  # pass: how often it was checked; not applicable: why
    findings: list[Finding] = field(default_factory=list)
    allow_listed: bool = False

    @property
    def blocking(self) -> bool:
        """A failure that makes the run fail (not allow-listed)."""
        return self.outcome is Outcome.FAIL and not self.allow_listed


@dataclass
class RunResult:
    url: str
    openapi_version: str
    asyncapi_version: str
    package_version: str
    elapsed_seconds: float
    results: list[RequirementResult]
    stale_allow_list: list[str] = field(default_factory=list)  # allow-list entries that match no failure
    notes: list[str] = field(default_factory=list)  # what the run itself ran into (engine errors)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    @property
    def blocking(self) -> list[RequirementResult]:
        return [r for r in self.results if r.blocking]

    @property
    def exit_code(self) -> int:
        return 1 if self.blocking else 0

    def result(self, requirement_id: str) -> RequirementResult:
        for r in self.results:
            if r.requirement.id == requirement_id:
                return r
        raise KeyError(requirement_id)


class Ledger:
    """Evidence per requirement id, collected during a run."""

    def __init__(self) -> None:
        self.passes: Counter[str] = Counter()
        self.failures: dict[str, list[Finding]] = {}
        self.reasons: dict[str, str] = {}

    def passed(self, requirement_id: str, times: int = 1) -> None:
        self.passes[requirement_id] += times

    def failed(self, requirement_id: str, finding: Finding) -> None:
        kept = self.failures.setdefault(requirement_id, [])
        if len(kept) < MAX_FINDINGS and all(f.message != finding.message for f in kept):
            kept.append(finding)

    def not_applicable(self, requirement_id: str, reason: str) -> None:
        self.reasons.setdefault(requirement_id, reason)

    def judge(self, requirement: Requirement, skipped: str | None = None) -> RequirementResult:
        """The outcome of one requirement; `skipped` says why it was not run at all."""
        rid = requirement.id
        if skipped is not None:
            return RequirementResult(requirement, Outcome.NOT_APPLICABLE, skipped)
        if rid in self.failures:
            return RequirementResult(requirement, Outcome.FAIL, "", list(self.failures[rid]))
        if self.passes[rid]:
            times = self.passes[rid]
            return RequirementResult(requirement, Outcome.PASS, f"checked {times} time{'s' * (times != 1)}")
        reason = self.reasons.get(rid) or requirement.unobserved
        return RequirementResult(requirement, Outcome.NOT_APPLICABLE, reason)


def matches(requirement_id: str, patterns: list[str] | tuple[str, ...]) -> bool:
    """Whether an id matches any fnmatch pattern (`REST-*-503`, `EVT-*`, an exact id)."""
    return any(fnmatch.fnmatchcase(requirement_id, pattern) for pattern in patterns)
