"""Plain-text tables and times for the admin CLI: aligned columns, no colours, no wrapping.

Plain text on purpose: the output is read by people in a terminal and by scripts (`grep`,
`awk`) alike, and stays the same whatever the terminal's width.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

GAP = "  "
NONE = "-"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Columns as wide as their widest cell, separated by two spaces; `None` shows as `-`."""
    cells = [[NONE if value is None else str(value) for value in row] for row in rows]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]
    lines = [GAP.join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += [GAP.join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)


def when(moment: dt.datetime | None) -> str:
    """A timestamp in UTC to the second, e.g. `2026-11-30 20:14:03`."""
    if moment is None:
        return NONE
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def age(moment: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """How long ago, coarsely: `12s`, `4m`, `3h`, `2d`."""
    if moment is None:
        return NONE
    seconds = max(0, int(((now or dt.datetime.now(dt.UTC)) - moment).total_seconds()))
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
