"""`realtime.single_flight`: waiters woken together share one read, never one older than their wake."""

from __future__ import annotations

import asyncio
import itertools
import time

import pytest

from zndraw_joblib.realtime.bus import MemoryBus
from zndraw_joblib.realtime.single_flight import SingleFlight


class Reads:
    """A fetch that counts its calls and, while `gate` is closed, stays in flight."""

    def __init__(self) -> None:
        self.count = 0
        self.gate = asyncio.Event()
        self.gate.set()
        self.fail_with: Exception | None = None

    async def fetch(self) -> int:
        self.count += 1
        number = self.count
        await self.gate.wait()
        if self.fail_with is not None:
            raise self.fail_with
        return number


def ticking() -> SingleFlight[str, int]:
    """A clock that moves one tick per reading, so "started after" is never a tie by accident."""
    ticks = itertools.count(1)
    return SingleFlight(clock=lambda: float(next(ticks)))


async def test_callers_woken_before_a_read_began_share_it() -> None:
    flights, reads = ticking(), Reads()
    reads.gate.clear()
    callers = [asyncio.create_task(flights.read("t", 0.0, reads.fetch)) for _ in range(50)]
    await asyncio.sleep(0)
    reads.gate.set()
    assert await asyncio.gather(*callers) == [1] * 50
    assert reads.count == 1
    assert flights.reads == 1


async def test_a_caller_woken_after_a_read_began_gets_a_read_of_its_own() -> None:
    flights, reads = ticking(), Reads()
    reads.gate.clear()
    early = asyncio.create_task(flights.read("t", 0.0, reads.fetch))
    await asyncio.sleep(0)  # the read is in flight; it started at tick 1
    late = asyncio.create_task(flights.read("t", 1.0, reads.fetch))  # woken at tick 1: not strictly before
    later = asyncio.create_task(flights.read("t", 1.5, reads.fetch))  # woken after the first read began
    await asyncio.sleep(0)
    reads.gate.set()
    assert await early == 1
    assert await late == 2  # the second read, shared by the two callers it was fresh enough for
    assert await later == 2
    assert reads.count == 2


async def test_reads_of_different_keys_are_not_shared() -> None:
    flights, reads = ticking(), Reads()
    reads.gate.clear()
    a = asyncio.create_task(flights.read("a", 0.0, reads.fetch))
    b = asyncio.create_task(flights.read("b", 0.0, reads.fetch))
    await asyncio.sleep(0)
    reads.gate.set()
    assert sorted(await asyncio.gather(a, b)) == [1, 2]


async def test_a_failed_read_fails_every_sharer_and_the_next_wake_reads_again() -> None:
    flights, reads = ticking(), Reads()
    reads.gate.clear()
    reads.fail_with = ConnectionError("the database went away")
    callers = [asyncio.create_task(flights.read("t", 0.0, reads.fetch)) for _ in range(5)]
    await asyncio.sleep(0)
    reads.gate.set()
    outcomes = await asyncio.gather(*callers, return_exceptions=True)
    assert all(isinstance(o, ConnectionError) for o in outcomes)
    assert len(flights) == 0  # forgotten: not handed to the next caller
    reads.fail_with = None
    assert await flights.read("t", 0.0, reads.fetch) == 2


async def test_a_caller_that_leaves_does_not_cancel_the_read_of_the_others() -> None:
    flights, reads = ticking(), Reads()
    reads.gate.clear()
    leaving = asyncio.create_task(flights.read("t", 0.0, reads.fetch))
    staying = asyncio.create_task(flights.read("t", 0.0, reads.fetch))
    await asyncio.sleep(0)
    leaving.cancel()
    with pytest.raises(asyncio.CancelledError):
        await leaving
    reads.gate.set()
    assert await staying == 1


async def test_a_read_whose_every_caller_left_is_finished_and_forgotten_quietly() -> None:
    flights, reads = ticking(), Reads()
    reads.gate.clear()
    reads.fail_with = RuntimeError("nobody hears this")
    caller = asyncio.create_task(flights.read("t", 0.0, reads.fetch))
    await asyncio.sleep(0)
    caller.cancel()
    reads.gate.set()
    for _ in range(5):
        await asyncio.sleep(0)
    assert len(flights) == 0  # and no "exception was never retrieved" (warnings are errors here)


async def test_a_finished_read_is_forgotten_so_a_later_wake_reads_again() -> None:
    flights, reads = SingleFlight[str, int](), Reads()
    assert await flights.read("t", time.monotonic(), reads.fetch) == 1
    assert len(flights) == 0
    assert await flights.read("t", time.monotonic(), reads.fetch) == 2


async def test_the_memory_bus_stamps_each_wake_with_when_it_arrived() -> None:
    bus = MemoryBus()
    async with bus.subscribe("c") as early, bus.subscribe("c") as late:
        before = time.monotonic()
        await bus.publish("c", "look")
        after = time.monotonic()
        assert await early.wait(1.0) == "look"
        await asyncio.sleep(0.01)
        assert await late.wait(1.0) == "look"
        assert before <= early.woken_at <= after
        assert late.woken_at == early.woken_at  # when it arrived, not when the waiter looked
