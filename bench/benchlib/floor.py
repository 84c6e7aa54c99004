"""The floor of the stack: the waiters benchmark against a bare ASGI app under uvicorn.

How soon 1,000 woken long-polls can all be answered is bounded by what uvicorn, the event loop
and the kernel cost per answer, before any application code. This app answers the requests of
the long-poll roles with nothing else: `GET …/tasks/{id}` parks until a `PATCH …/tasks/{id}`
arrives, then every parked request gets the same ready-made 200; `/readyz` and `/healthz`
answer at once. It runs under uvicorn with our server's settings (uvloop, httptools), so the
rows measured against it are the best any server on this stack and this machine could do.

    python bench/benchlib/floor.py --port 8123
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from typing import Any

TASK_ID = "00000000-0000-7000-8000-000000000000"
_ANSWER = b'{"id":"' + TASK_ID.encode() + b'","status":"completed"}'
_HEADERS = [(b"content-type", b"application/json"), (b"content-length", str(len(_ANSWER)).encode())]
_WOKEN = [*_HEADERS, (b"preference-applied", b"wait=30")]


class Floor:
    """The bare app: one event per round of long-polls."""

    def __init__(self) -> None:
        self.completed = asyncio.Event()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        headers = _HEADERS
        if scope["method"] == "PATCH":
            while (await receive()).get("more_body"):
                pass
            self.completed.set()
            self.completed = asyncio.Event()
        elif "/tasks/" in scope["path"]:
            await self.completed.wait()
            headers = _WOKEN
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": _ANSWER})


def start() -> Any:
    """The floor app on a free port, as a bench `Server` (ready when this returns)."""
    from .server import launch  # noqa: PLC0415 - only the bench needs it

    server = launch(
        lambda port, _folder: [sys.executable, __file__, "--port", str(port)],
        env=dict(os.environ),
        label="floor",
        description="a bare ASGI app under uvicorn (uvloop, httptools): the stack's own cost",
        prefix="zndraw-joblib-bench-floor-",
        reference=True,
    )
    server.token = "floor"  # noqa: S105 - the clients send a bearer token; the floor app reads none
    return server


def main() -> None:
    import uvicorn  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    uvicorn.run(Floor(), host="127.0.0.1", port=args.port, loop="uvloop", http="httptools", log_level="warning",
                access_log=False, lifespan="off")  # fmt: skip


if __name__ == "__main__":
    main()
