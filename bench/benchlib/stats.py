"""Result rows, percentiles and the markdown table: one shape for every benchmark."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

Compare = Literal[">=", "<="]


@dataclass(frozen=True)
class Row:
    """One figure. `target`/`compare` make it a pass/fail check; without them it is context."""

    benchmark: str
    metric: str
    value: float
    unit: str
    target: float | None = None
    compare: Compare | None = None
    note: str = ""
    deployment: str = ""  # set by run.py when a run covers several deployments

    @property
    def verdict(self) -> str:
        if self.target is None or self.compare is None:
            return ""
        ok = self.value >= self.target if self.compare == ">=" else self.value <= self.target
        return "pass" if ok else "FAIL"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "verdict": self.verdict or None}


def percentile(values: Sequence[float], pct: float) -> float:
    """Linear-interpolated percentile (numpy's default method), so p99 of 200 samples is meaningful."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary_ms(values: Sequence[float]) -> dict[str, float]:
    """p50/p90/p99/max/mean of durations given in seconds, in milliseconds."""
    if not values:
        return {"count": 0}
    ms = [v * 1000.0 for v in values]
    return {
        "count": len(ms),
        "p50": percentile(ms, 50),
        "p90": percentile(ms, 90),
        "p99": percentile(ms, 99),
        "max": max(ms),
        "mean": statistics.fmean(ms),
    }


def cpu_percent(cpu_seconds: float | None, wall: float) -> float | None:
    """CPU time over wall time, in % of one core (more than 100 when several threads work)."""
    if cpu_seconds is None or wall <= 0:
        return None
    return 100.0 * cpu_seconds / wall


def _fmt(value: float) -> str:
    if math.isnan(value):
        return "n/a"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(rows: Sequence[Row]) -> str:
    """The rows as a GitHub markdown table (with a deployment column when any row names one)."""
    deployments = any(row.deployment for row in rows)
    lines = ["| benchmark | metric | value | target | verdict |", "|---|---|---:|---|---|"]
    if deployments:
        lines = ["| deployment " + lines[0], "|---" + lines[1]]
    for row in rows:
        target = f"{row.compare} {_fmt(row.target)} {row.unit}" if row.target is not None and row.compare else ""
        metric = f"{row.metric} ({row.note})" if row.note else row.metric
        line = f"| {row.benchmark} | {metric} | {_fmt(row.value)} {row.unit} | {target} | {row.verdict} |"
        lines.append(f"| {row.deployment} {line}" if deployments else line)
    return "\n".join(lines)
