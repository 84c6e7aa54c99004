"""The allow-list file: known gaps a CI accepts while it converges.

One requirement id per line, or an fnmatch pattern (`REST-*-503`, `EVT-*`); `#` starts a
comment. An allow-listed failure is still reported, but does not fail the run; an entry that
matches no failure is reported as stale so the list only ever shrinks.
"""

from __future__ import annotations

from pathlib import Path


def read(path: Path) -> list[str]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return entries
