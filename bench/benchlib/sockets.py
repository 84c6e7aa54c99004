"""Socket.IO clients as workers and frontends use them: python-socketio's AsyncClient, websocket only.

Handlers are registered before `connect`, so no event that arrives right after the join is
missed. Every client → server event is acknowledged; `join` fails the role unless the ack is
`{"ok": true}`.
"""

from __future__ import annotations

from typing import Any

import socketio

from .api import BenchError

CONNECT_TIMEOUT = 20.0


def new_client() -> socketio.AsyncClient:
    # a benchmark socket never reconnects: a dropped connection must show as missed events
    return socketio.AsyncClient(reconnection=False)


async def connect(client: socketio.AsyncClient, url: str, token: str) -> None:
    """Connect with the REST bearer token as the Socket.IO auth, over a websocket from the start."""
    await client.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=CONNECT_TIMEOUT)


async def join(client: socketio.AsyncClient, event: str, payload: dict[str, Any]) -> None:
    """Send a join event and require the ack `{"ok": true}`."""
    ack = await client.call(event, payload, timeout=CONNECT_TIMEOUT)
    if ack != {"ok": True}:
        raise BenchError(f"{event} {payload} was acknowledged with {ack!r}")
