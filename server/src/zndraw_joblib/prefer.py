"""The `Prefer: wait=N` header (RFC 7240), parsed leniently: unknown preferences are ignored."""

from __future__ import annotations

import re

_WAIT = re.compile(r"(?:^|[\s,;])wait\s*=\s*\"?(\d{1,9})\"?(?=$|[\s,;])", re.IGNORECASE)


def requested_wait(prefer: str | None) -> int | None:
    """The `wait` preference in seconds, found anywhere in the header; None when absent."""
    if not prefer:
        return None
    match = _WAIT.search(prefer)
    return int(match.group(1)) if match else None


def effective_wait(prefer: str | None, *, default: float | None, maximum: float) -> float | None:
    """`min(requested, maximum)`, or `default` (capped too) when nothing was requested."""
    wanted = requested_wait(prefer)
    if wanted is None:
        return None if default is None else min(default, maximum)
    return min(float(wanted), maximum)


def applied(seconds: float) -> str:
    """The `Preference-Applied` value for a wait that was honoured."""
    return f"wait={int(seconds)}"
