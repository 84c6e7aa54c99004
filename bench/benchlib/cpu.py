"""CPU seconds of the processes that serve a benchmark, read from /proc/<pid>/stat.

A source is `(name, pid, tree)`, picklable so client roles can read it too (the fan-out driver
samples it at its stage boundaries). `tree=False` counts one process (all its threads).
`tree=True` counts a process and its children, for PostgreSQL: the postmaster forks one
backend per connection, and a backend that exits leaves its CPU in the postmaster's
cutime/cstime. The sum therefore stays monotonic while backends come and go.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

Source = tuple[str, int, bool]  # (name, pid, tree)

_TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (field 3 onwards), or None."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def process_seconds(pid: int, *, children: bool = False) -> float | None:
    """utime + stime of one process; with `children`, plus cutime + cstime of its waited-for children."""
    fields = _stat(pid)
    if fields is None:
        return None
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of stat)
    if children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime (fields 16, 17)
    return ticks / _TICKS


def tree_seconds(pid: int) -> float | None:
    """A parent, its exited children and its live children (one level: PostgreSQL's layout)."""
    total = process_seconds(pid, children=True)
    if total is None:
        return None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat(int(entry.name))
        if fields is not None and int(fields[1]) == pid:  # ppid is field 4
            total += (int(fields[11]) + int(fields[12])) / _TICKS
    return total


def snapshot(sources: Sequence[Source]) -> dict[str, float]:
    """CPU seconds so far of every source that is still readable."""
    out: dict[str, float] = {}
    for name, pid, tree in sources:
        value = tree_seconds(pid) if tree else process_seconds(pid)
        if value is not None:
            out[name] = value
    return out


def delta(before: Mapping[str, float], after: Mapping[str, float]) -> dict[str, float]:
    """CPU seconds spent between two snapshots, per source present in both."""
    return {name: after[name] - before[name] for name in before if name in after}


def percent(seconds: Mapping[str, float], wall: float) -> dict[str, float]:
    """CPU seconds over a wall time, in % of one core, per source."""
    return {name: 100.0 * value / wall for name, value in seconds.items()} if wall > 0 else {}


def describe(percents: Mapping[str, float]) -> str:
    """'replica 1 71 %, replica 2 69 %' for a table note."""
    return ", ".join(f"{name} {value:.0f} %" for name, value in percents.items())


def rss_kb(pid: int) -> int | None:
    """Resident set size of one process in KiB (VmRSS of /proc/<pid>/status), or None."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None
