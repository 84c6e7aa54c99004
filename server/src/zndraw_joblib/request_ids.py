"""A request's id: the `X-Request-ID` it came with, or one made up, for its whole life.

The id is answered in the `X-Request-ID` response header, closes the `instance` of a problem
(`<path>#request-<id>`) and is added to every log line written while the request runs, so a
user's failed request can be found in the logs from what the user saw. It is held in a context
variable: code that logs needs no request object, and tasks started by the request inherit it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from contextvars import ContextVar

HEADER = "X-Request-ID"
KEY = HEADER.lower().encode("latin-1")
"""The header's name as ASGI carries it."""
_ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{1,128}")
"""An incoming id is kept only if it is this tame: it lands in logs and headers verbatim."""

current: ContextVar[str | None] = ContextVar("zndraw_joblib_request_id", default=None)


def accepted_or_new(incoming: str | None) -> str:
    """The client's id when it is well-formed, else a new random one (32 hex digits)."""
    if incoming is not None and _ACCEPTED.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def from_headers(headers: Mapping[bytes, bytes]) -> str:
    """The id of a request with these ASGI headers: its own `X-Request-ID` when well-formed, else a new one."""
    incoming = headers.get(KEY)
    return accepted_or_new(incoming.decode("latin-1") if incoming is not None else None)


def instance(path: str | None) -> str | None:
    """A problem's `instance`: the path and, inside a request, its id."""
    request_id = current.get()
    if request_id is None:
        return path
    return f"{path or ''}#request-{request_id}"
