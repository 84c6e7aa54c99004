"""Two or more results files of bench/run.py as one markdown table: `value (run 1 / run 2 / …)`.

    .venv/bin/python bench/merge.py bench/results/run1.json bench/results/run2.json

Rows are matched by (deployment, benchmark, metric); a row missing from a run shows `n/a`, and
a note that differs between runs is given per run.
This is how the tables in bench/README.md are made.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from benchlib.stats import _fmt


def _key(row: dict[str, Any]) -> tuple[str, str, str]:
    return row.get("deployment") or "", row["benchmark"], row["metric"]


def merge(runs: list[list[dict[str, Any]]]) -> str:
    order: list[tuple[str, str, str]] = []
    by_run: list[dict[tuple[str, str, str], dict[str, Any]]] = []
    for rows in runs:
        index = {}
        for row in rows:
            key = _key(row)
            index[key] = row
            if key not in order:
                order.append(key)
        by_run.append(index)
    deployments = any(key[0] for key in order)
    head = "| benchmark | metric | value (run 1 / run 2) | target | verdict |"
    lines = [head, "|---|---|---:|---|---|"]
    if deployments:
        lines = ["| deployment " + lines[0], "|---" + lines[1]]
    for key in order:
        found = [index.get(key) for index in by_run]
        first = next(r for r in found if r is not None)
        values = " / ".join("n/a" if r is None else _fmt(r["value"]) for r in found)
        target = ""
        if first.get("target") is not None and first.get("compare"):
            target = f"{first['compare']} {_fmt(first['target'])} {first['unit']}"
        verdicts = [(r or {}).get("verdict") or "" for r in found]
        verdict = " / ".join(v or "n/a" for v in verdicts) if any(verdicts) else ""
        notes = [r.get("note") or "" for r in found if r is not None]
        note = (
            notes[0] if len(set(notes)) == 1 else "; ".join(f"run {i + 1}: {n or 'n/a'}" for i, n in enumerate(notes))
        )
        metric = f"{first['metric']} ({note})" if note else first["metric"]
        line = f"| {key[1]} | {metric} | {values} {first['unit']} | {target} | {verdict} |"
        lines.append(f"| {key[0]} {line}" if deployments else line)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    print(merge([json.loads(f.read_text())["rows"] for f in args.files]))


if __name__ == "__main__":
    main()
