"""The `Prefer: wait=N` header (RFC 7240), parsed leniently: unknown preferences are ignored.

`N` may be any non-negative number (fractions allowed); a value above the server's maximum means
the maximum, never "no wait".
"""

from __future__ import annotations

import re

_WAIT = re.compile(r"(?:^|[\s,;])wait\s*=\s*\"?(\d+(?:\.\d+)?)\"?(?=$|[\s,;])", re.IGNORECASE)


def requested_wait(prefer: str | None) -> float | None:
    """The `wait` preference in seconds, found anywhere in the header; None when absent."""
    if not prefer:
        return None
    match = _WAIT.search(prefer)
    return float(match.group(1)) if match else None


def effective_wait(prefer: str | None, *, default: float | None, maximum: float) -> float | None:
    """`min(requested, maximum)`, or `default` (capped too) when nothing was requested."""
    wanted = requested_wait(prefer)
    if wanted is None:
        return None if default is None else min(default, maximum)
    return min(wanted, maximum)


def applied(seconds: float) -> str:
    """The `Preference-Applied` value for a wait that was honoured (`wait=30`, `wait=1.5`)."""
    return "wait=" + f"{seconds:.3f}".rstrip("0").rstrip(".")
