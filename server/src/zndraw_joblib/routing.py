"""Percent-encoded slashes in names: `GET …/jobs/room:modifiers:a%2Ftasks` is the job `a/tasks`.

Starlette routes on the decoded path, where `%2F` and `/` look the same, so a job whose name
ends in `/tasks` (a provider's in `/info`) could not be fetched: the longer route matched
first. `EncodedSlashes` rewrites the path it routes on so that each `%2F` stays one character
(`ENCODED_SLASH`), and the generated `slashed` convertor gives the name back with its `/`.
Hosts that embed the router add it too: `app.add_middleware(EncodedSlashes)`.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from starlette.types import ASGIApp, Receive, Scope, Send

from ._generated.api import ENCODED_SLASH

_SLASH = re.compile(rb"%2f", re.IGNORECASE)


def routed_path(raw_path: bytes | None) -> str | None:
    """The path to route on when `raw_path` holds a `%2F`, else None (route on the decoded path).

    A path that also holds an encoded NUL keeps its plain decoding (it names nothing anyway).
    """
    if not raw_path or not _SLASH.search(raw_path) or b"%00" in raw_path:
        return None
    parts = _SLASH.split(raw_path.split(b"?", 1)[0])
    return ENCODED_SLASH.join(unquote(part.decode("latin-1")) for part in parts)


class EncodedSlashes:
    """The middleware for hosts (the standalone server's `edge.Edge` does the same)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = routed_path(scope.get("raw_path")) if scope["type"] == "http" else None
        if path is None:
            await self.app(scope, receive, send)
            return
        routed = {**scope, "path": path}
        try:
            await self.app(routed, receive, send)
        finally:
            if "route" in routed:  # what served it, for the outer middleware (request metrics)
                scope["route"] = routed["route"]
