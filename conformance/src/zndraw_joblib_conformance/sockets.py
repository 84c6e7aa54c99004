"""Socket.IO clients that check every event they receive against asyncapi.yaml.

Every received event is evidence: its payload validates (`EVT-<event>-payload`), it is declared
for server → client (`EVT-declared-only`), and it arrived in a room the socket joined whose
channel the document gives for that event, the payload naming the same room
(`EVT-<event>-room`). Joins are client → server events answered with an ack; a server that never
acknowledges an event is remembered, so later checks fail at once instead of waiting again.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from typing import Any

import socketio

from zndraw_joblib_conformance import ids
from zndraw_joblib_conformance.checks import Context, Violation
from zndraw_joblib_conformance.outcomes import Finding

ACK_TIMEOUT = 5.0  # seconds a client → server event may take to be acknowledged (ours: milliseconds)
EVENT_TIMEOUT = 10.0  # seconds an expected server → client event may take to arrive


ALL_ROOMS = "room:*"
"""The channel of a superuser's socket that follows every room (`join_all_rooms`)."""


def room_fits(event: str, room: str, data: Any) -> bool:
    """The room parameter agrees with the payload where the payload names it."""
    if not isinstance(data, dict):
        return True
    if event == "task_status_event":
        return room in (f"room:{data.get('room_id')}", ALL_ROOMS)
    if event == "task_available":
        return room == f"jobs:{data.get('job_name')}"
    if event == "provider_request":
        return room == f"providers:{data.get('provider_name')}"
    return True


class Listener:
    """A connected socket that records and checks every event it receives."""

    def __init__(self, ctx: Context, token: str) -> None:
        self.ctx = ctx
        self.token = token
        self.client = socketio.AsyncClient(reconnection=False)
        self.rooms: set[str] = set()
        self.inbox: list[tuple[str, Any]] = []
        self.arrived = asyncio.Event()
        self.client.on("*", self._record)

    async def connect(self) -> None:
        await self.client.connect(
            self.ctx.options.base_url, auth={"token": self.token}, transports=["websocket"], wait_timeout=10
        )

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.client.disconnect()

    async def _record(self, event: str, data: Any = None) -> None:
        ledger = self.ctx.ledger
        contract = self.ctx.asyncapi
        shown = f"{event} {json.dumps(data, default=str)[:400]}"
        if ("send", event) not in contract.declared:
            ledger.failed(ids.EVENTS_DECLARED_ONLY, Finding(f"received the undeclared event {shown}"))
        else:
            ledger.passed(ids.EVENTS_DECLARED_ONLY)
            errors = contract.errors("send", event, data)
            if errors:
                ledger.failed(ids.event_payload(event), Finding(f"{'; '.join(errors[:4])} in {shown}"))
            else:
                ledger.passed(ids.event_payload(event))
            if any(contract.room_matches(event, room) and room_fits(event, room, data) for room in self.rooms):
                ledger.passed(ids.event_room(event))
            else:
                message = f"{shown} reached a socket in {sorted(self.rooms) or 'no room'}, not in its documented room"
                ledger.failed(ids.event_room(event), Finding(message))
        self.inbox.append((event, data))
        self.arrived.set()

    async def call(self, event: str, payload: Any) -> Any:
        """Send a client → server event and return its ack (a server that never acks fails fast)."""
        if event in self.ctx.unanswered:
            raise Violation(f"{event} is not acknowledged by this server ({self.ctx.unanswered[event]})")
        try:
            return await self.client.call(event, payload, timeout=ACK_TIMEOUT)
        except socketio.exceptions.TimeoutError:
            reason = f"no ack within {ACK_TIMEOUT:g} s"
            self.ctx.unanswered[event] = reason
            raise Violation(f"{event} {json.dumps(payload)} got {reason}") from None

    async def join(self, event: str, payload: dict[str, Any], room: str) -> Any:
        """A join; on `{"ok": true}` the socket counts as a member of `room`."""
        ack = await self.call(event, payload)
        if isinstance(ack, dict) and ack.get("ok") is True:
            self.rooms.add(room)
            if "worker_id" in payload:  # a worker's socket is also in its worker's channel (asyncapi.yaml)
                self.rooms.add(f"workers:{payload['worker_id']}")
        return ack

    async def must_join(self, event: str, payload: dict[str, Any], room: str) -> None:
        ack = await self.join(event, payload, room)
        if ack != {"ok": True}:
            raise Violation(f"{event} {json.dumps(payload)} was answered {ack!r}, not {{'ok': true}}")

    async def next(
        self, event: str, predicate: Callable[[Any], bool] | None = None, within: float = EVENT_TIMEOUT
    ) -> Any:
        """The first not yet consumed `event` matching `predicate`, waiting for it if needed."""
        deadline = time.monotonic() + within
        while True:
            for i, (name, data) in enumerate(self.inbox):
                if name == event and (predicate is None or predicate(data)):
                    del self.inbox[i]
                    return data
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                seen = [n for n, _ in self.inbox]
                raise Violation(f"no matching {event} within {within:g} s (this socket got {seen or 'nothing'})")
            self.arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.arrived.wait(), remaining)
