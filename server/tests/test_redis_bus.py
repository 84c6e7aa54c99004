"""The Redis bus across processes' worth of instances, through an outage and back.

Uses a private redis-server (the Debian binary `make services` installs) on its own port, so
the test can kill and restart it without disturbing the shared one.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from private_redis import PrivateRedis

from zndraw_joblib.realtime.bus import with_answer
from zndraw_joblib.realtime.redis_bus import RECHECK, RedisBus


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[PrivateRedis]:
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


async def test_a_message_published_on_one_instance_wakes_a_waiter_on_another(redis_server: PrivateRedis) -> None:
    a, b = RedisBus(redis_server.url), RedisBus(redis_server.url)
    await a.start()
    await b.start()
    try:
        async with b.subscribe("task:1") as subscription:
            started = time.monotonic()
            await a.publish("task:1", "completed")
            assert await subscription.wait(5) == "completed"
            assert time.monotonic() - started < 1.0
            assert subscription.answer is None
            await a.publish("task:2", "completed")  # another channel: not for this waiter
            assert await subscription.wait(0.2) is None
            await a.publish("task:1", with_answer("completed", '{"status":"completed","note":"é"}'))
            assert await subscription.wait(5) == "completed"
            assert subscription.answer == '{"status":"completed","note":"é"}'.encode()  # carried to another replica
            assert a.listens("task:1")
            assert a.listens("task:3")
        assert b.channel_count == 0
    finally:
        await a.close()
        await b.close()


async def test_waiters_recheck_during_an_outage_and_the_bus_recovers(redis_server: PrivateRedis) -> None:
    publisher, bus = RedisBus(redis_server.url), RedisBus(redis_server.url, recheck_seconds=0.3)
    await publisher.start()
    await bus.start()
    try:
        assert await bus.ping()
        async with bus.subscribe("task:9") as subscription:
            redis_server.stop()
            started = time.monotonic()
            assert await subscription.wait(5) == RECHECK  # a bounded hint to re-read the database
            assert time.monotonic() - started < 2.5
            assert not await bus.ping()
            redis_server.start()
            deadline = time.monotonic() + 15
            while not await bus.ping():
                assert time.monotonic() < deadline, "the bus did not reconnect"
                await asyncio.sleep(0.1)
            await asyncio.sleep(0.3)  # the publisher's pool reconnects on its next command
            while await subscription.wait(0) is not None:  # drain the hints of the outage
                pass
            await publisher.publish("task:9", "failed")
            assert await subscription.wait(5) == "failed"
    finally:
        await publisher.close()
        await bus.close()
