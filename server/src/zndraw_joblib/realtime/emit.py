"""Emissions, the outbox that holds them until the commit, and the emitters that send them.

A service never emits inside a transaction: it records what happened in an `Outbox`
(Socket.IO emissions and bus notifications); `Outbox.deliver` runs after the commit. Identical
(event, room) pairs of one operation are sent once: event models are frozen and hashable.
Delivery is best effort: the state is committed already, so a failed emit is logged and the
next ones are still sent.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

from pydantic import BaseModel

from .bus import Bus

log = logging.getLogger(__name__)


@cache
def event_name(model: type[BaseModel]) -> str:
    """The Socket.IO event name: the payload model's name in snake_case (asyncapi.yaml)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()


@dataclass(frozen=True, slots=True)
class Emission:
    event: BaseModel
    room: str

    @property
    def name(self) -> str:
        return event_name(type(self.event))

    def payload(self) -> dict[str, Any]:
        return self.event.model_dump(mode="json", by_alias=True)


class Emitter(Protocol):
    async def emit(self, emissions: Sequence[Emission]) -> None: ...


class NullEmitter:
    """Sends nothing (a library host without Socket.IO)."""

    async def emit(self, emissions: Sequence[Emission]) -> None:  # noqa: ARG002 - the Emitter protocol
        return None


class RecordingEmitter:
    """Keeps every emission in order; the server tests read it to check the emission sets."""

    def __init__(self) -> None:
        self.sent: list[Emission] = []

    async def emit(self, emissions: Sequence[Emission]) -> None:
        self.sent.extend(emissions)

    def names(self) -> list[tuple[str, str]]:
        return [(e.name, e.room) for e in self.sent]

    def clear(self) -> None:
        self.sent.clear()


class FanoutEmitter:
    """Sends to several emitters (e.g. Socket.IO and a recorder)."""

    def __init__(self, *emitters: Emitter) -> None:
        self.emitters = emitters

    async def emit(self, emissions: Sequence[Emission]) -> None:
        for emitter in self.emitters:
            await emitter.emit(emissions)


@dataclass
class Outbox:
    """What one operation will announce once its transaction has committed."""

    _emissions: dict[Emission, None] = field(default_factory=dict)
    _notifications: dict[tuple[str, str], None] = field(default_factory=dict)

    def emit(self, event: BaseModel, room: str) -> None:
        self._emissions[Emission(event, room)] = None

    def notify(self, channel: str, message: str) -> None:
        self._notifications[(channel, message)] = None

    def extend(self, other: Outbox) -> None:
        self._emissions.update(other._emissions)
        self._notifications.update(other._notifications)

    @property
    def emissions(self) -> list[Emission]:
        return list(self._emissions)

    @property
    def notifications(self) -> list[tuple[str, str]]:
        return list(self._notifications)

    async def deliver(self, emitter: Emitter, bus: Bus) -> None:
        for channel, message in self._notifications:
            try:
                await bus.publish(channel, message)
            except Exception:  # the bus is a hint; waiters re-check on their own
                log.exception("could not publish %s on the bus", channel)
        if self._emissions:
            try:
                await emitter.emit(list(self._emissions))
            except Exception:
                log.exception("could not emit %d event(s)", len(self._emissions))


def merge(outboxes: Iterable[Outbox]) -> Outbox:
    merged = Outbox()
    for outbox in outboxes:
        merged.extend(outbox)
    return merged
