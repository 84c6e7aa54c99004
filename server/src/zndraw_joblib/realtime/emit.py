"""Emissions, the outbox that holds them until the commit, and the emitters that send them.

A service never emits inside a transaction: it records what happened in an `Outbox`
(Socket.IO emissions and bus notifications); `Outbox.deliver` runs after the commit. Identical
(event, room) pairs of one operation are sent once: event models are frozen, and hashable unless
they hold a list (`tasks_submitted`), which is then compared by its JSON.
Delivery is best effort and bounded: the state is committed already, so a failed or hung
publish (a Redis that stopped answering) is given up after a timeout, logged once per outage,
and the next ones are still sent; long-polls re-read the database on their own meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel

from zndraw_joblib._generated.event_names import EVENT_NAMES

from .bus import Bus, with_answer

if TYPE_CHECKING:
    from zndraw_joblib.faults import OutageLog

log = logging.getLogger(__name__)
DELIVERY_SECONDS = 2.0
OUTAGE_SECONDS = 0.1


def event_name(model: type[BaseModel]) -> str:
    """The Socket.IO event name of a payload model, as asyncapi.yaml gives it (generated table)."""
    return EVENT_NAMES[model]


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


def is_local(target: object) -> bool:
    """Whether a bus or emitter delivers within this process and cannot hang (an in-process bus,
    Socket.IO without a Redis manager, a recorder): its deliveries need no timeout. Anything that
    does not say so (e.g. a host's own emitter) is bounded."""
    return bool(getattr(target, "local", False))


class NullEmitter:
    """Sends nothing (a library host without Socket.IO)."""

    local = True

    async def emit(self, emissions: Sequence[Emission]) -> None:  # noqa: ARG002 - the Emitter protocol
        return None


class RecordingEmitter:
    """Keeps every emission in order; the server tests read it to check the emission sets."""

    local = True

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
        self.local = all(is_local(emitter) for emitter in emitters)

    async def emit(self, emissions: Sequence[Emission]) -> None:
        for emitter in self.emitters:
            await emitter.emit(emissions)


def _json_identity(emission: Emission) -> Hashable:
    """The identity of an emission whose event holds a list (unhashable): its JSON."""
    return (type(emission.event), emission.event.model_dump_json(), emission.room)


@dataclass
class Outbox:
    """What one operation will announce once its transaction has committed."""

    _emissions: dict[Hashable, Emission] = field(default_factory=dict)
    _notifications: dict[tuple[str, str], Callable[[], str] | None] = field(default_factory=dict)
    _later: list[tuple[float, Emission]] = field(default_factory=list)
    _after_commit: dict[Hashable, Callable[[], None]] = field(default_factory=dict)

    def after_commit(self, key: Hashable, action: Callable[[], None]) -> None:
        """Run `action` once when the outbox is delivered (after the commit), e.g. count a task's
        move in the metrics; a second action under the same `key` replaces the first."""
        self._after_commit[key] = action

    def emit(self, event: BaseModel, room: str) -> None:
        self._add(Emission(event, room))

    def _add(self, emission: Emission) -> None:
        try:
            self._emissions.setdefault(emission, emission)
        except TypeError:  # a list inside the event
            self._emissions.setdefault(_json_identity(emission), emission)

    def emit_later(self, event: BaseModel, room: str, seconds: float) -> None:
        """Emit `seconds` after the commit (a retried task becomes claimable; see `Runtime.deliver`)."""
        self._later.append((seconds, Emission(event, room)))

    @property
    def later(self) -> list[tuple[float, Emission]]:
        return list(self._later)

    @classmethod
    def single(cls, emission: Emission) -> Outbox:
        outbox = cls()
        outbox._add(emission)
        return outbox

    def notify(self, channel: str, message: str, answer: Callable[[], str] | None = None) -> None:
        """Publish `message` on the bus after the commit; with `answer`, the JSON its waiters would
        answer, built only if the bus says someone may listen (`bus.with_answer`)."""
        self._notifications[(channel, message)] = answer

    def extend(self, other: Outbox) -> None:
        self._emissions.update(other._emissions)
        self._notifications.update(other._notifications)
        self._later.extend(other._later)
        self._after_commit.update(other._after_commit)

    @property
    def emissions(self) -> list[Emission]:
        return list(self._emissions.values())

    @property
    def notifications(self) -> list[tuple[str, str]]:
        return list(self._notifications)

    async def deliver(
        self, emitter: Emitter, bus: Bus, failures: OutageLog | None = None, seconds: float = DELIVERY_SECONDS
    ) -> None:
        """Run the after-commit actions, publish the wake-ups, then emit the events, each within
        `seconds` (`OUTAGE_SECONDS` while `failures` says delivery is down: a request then waits a
        fraction of a second, not seconds, and a recovered bus still answers within it)."""
        for action in self._after_commit.values():
            action()  # in-process bookkeeping (metrics): cheap, and it must not be lost to a slow bus
        if failures is not None and failures.down:
            seconds = min(seconds, OUTAGE_SECONDS)
        delivered = True
        for (channel, hint), answer in self._notifications.items():
            message = with_answer(hint, answer()) if answer is not None and bus.listens(channel) else hint
            delivered &= await _bounded(bus.publish(channel, message), seconds, failures, local=is_local(bus))
        if self._emissions:
            emissions = list(self._emissions.values())
            delivered &= await _bounded(emitter.emit(emissions), seconds, failures, local=is_local(emitter))
        if delivered and failures is not None:
            failures.succeeded()


async def _bounded(call: Any, seconds: float, failures: OutageLog | None, *, local: bool = False) -> bool:
    try:
        if local:  # nothing to wait for: a timer per delivery cost more than the delivery
            await call
        else:
            async with asyncio.timeout(seconds):
                await call
    except Exception as exc:  # the state is committed; events are hints, waiters re-check on their own
        if failures is None:
            log.warning("could not deliver events: %s", exc)
        else:
            failures.failed(exc)
        return False
    return True


def merge(outboxes: Iterable[Outbox]) -> Outbox:
    merged = Outbox()
    for outbox in outboxes:
        merged.extend(outbox)
    return merged
