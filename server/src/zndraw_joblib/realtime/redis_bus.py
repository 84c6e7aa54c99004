"""The Redis bus: wake-ups across replicas.

One pattern subscription (`<prefix>*`) per process, made at start and kept: a waiter only
registers a local queue, so there is no per-wait SUBSCRIBE round trip and no window in which a
publish could be missed. Messages are dispatched to the local queues of their channel.

If Redis becomes unreachable the reader reconnects with backoff; meanwhile every waiter gets a
`RECHECK` hint each `recheck_seconds`, so long-polls degrade to bounded database re-reads
instead of hanging, and after the reconnect every waiter re-reads once (messages published
during the outage are lost). While healthy, waiters still re-read every
`healthy_recheck_seconds` as a safety net.

Publishing uses a second connection with a command timeout (`timeout_seconds`): a Redis that
accepts connections but never answers (a hung process) fails a publish within that time
instead of holding the request. A failed publish still wakes this process's own waiters and
counts as unhealthy (waiters re-check every `recheck_seconds`) until a publish succeeds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from zndraw_joblib.realtime.bus import LocalWaiters, QueueSubscription, Stamped, Subscription

log = logging.getLogger(__name__)

RECHECK = "recheck"
PREFIX_DEFAULT = "zndraw-joblib:bus:"
RECHECK_SECONDS_DEFAULT = 1.0
HEALTHY_RECHECK_SECONDS_DEFAULT = 10.0
BACKOFF_MAX_SECONDS = 5.0
TIMEOUT_SECONDS_DEFAULT = 2.0


class _RedisSubscription(QueueSubscription):
    """Waits at most the bus's re-check interval at a time: a `RECHECK` then says "read again"."""

    def __init__(self, bus: RedisBus, queue: asyncio.Queue[Stamped]) -> None:
        super().__init__(queue)
        self._bus = bus

    async def wait(self, seconds: float) -> str | None:
        if not self._queue.empty():
            return self.took(self._queue.get_nowait())
        if seconds <= 0:
            return None
        cap = self._bus.healthy_recheck_seconds if self._bus.healthy else self._bus.recheck_seconds
        step = min(seconds, cap)
        try:
            async with asyncio.timeout(step):  # not wait_for: that starts a task per wait
                stamped = await self._queue.get()
        except TimeoutError:
            if step >= seconds:
                return None
            return self.took(Stamped.now(RECHECK))  # whatever the bus may have missed until now
        return self.took(stamped)


class RedisBus:
    def __init__(
        self,
        url: str,
        *,
        prefix: str = PREFIX_DEFAULT,
        recheck_seconds: float = RECHECK_SECONDS_DEFAULT,
        healthy_recheck_seconds: float = HEALTHY_RECHECK_SECONDS_DEFAULT,
        timeout_seconds: float = TIMEOUT_SECONDS_DEFAULT,
    ) -> None:
        # The subscriber waits for messages as long as there are none: no read timeout there.
        self._redis = aioredis.Redis.from_url(url, socket_connect_timeout=timeout_seconds, health_check_interval=10)
        self._commands = aioredis.Redis.from_url(
            url, socket_connect_timeout=timeout_seconds, socket_timeout=timeout_seconds
        )
        self._publish_failing = False
        self._prefix = prefix
        self.recheck_seconds = recheck_seconds
        self.healthy_recheck_seconds = healthy_recheck_seconds
        self._waiters = LocalWaiters()
        self._connected = asyncio.Event()
        self._reader: asyncio.Task[None] | None = None

    @property
    def healthy(self) -> bool:
        return self._connected.is_set() and not self._publish_failing

    async def start(self, wait_seconds: float = 5.0) -> None:
        """Start the reader; wait (bounded) for the subscription, but start degraded if Redis is down."""
        self._reader = asyncio.create_task(self._read_forever(), name="zndraw-joblib-redis-bus")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._connected.wait(), wait_seconds)
        if not self.healthy:
            log.warning("the Redis bus is not connected yet; long-polls re-check the database meanwhile")

    async def _read_forever(self) -> None:
        backoff = 0.1
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.psubscribe(f"{self._prefix}*")
                async for message in pubsub.listen():
                    kind = message.get("type")
                    if kind == "psubscribe":
                        self._connected.set()
                        self._waiters.broadcast(RECHECK)  # anything published while we were away is lost
                        backoff = 0.1
                    elif kind == "pmessage":
                        channel = message["channel"].decode()[len(self._prefix) :]
                        data = message["data"]
                        self._waiters.deliver(channel, data.decode() if isinstance(data, bytes) else str(data))
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError) as exc:
                if self.healthy:
                    log.warning("lost the Redis bus (%s); reconnecting", exc)
            finally:
                if self.healthy:
                    self._connected.clear()
                    self._waiters.broadcast(RECHECK)  # waiters switch to bounded database re-reads now
                with contextlib.suppress(Exception):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, BACKOFF_MAX_SECONDS)

    async def publish(self, channel: str, message: str) -> None:
        try:
            await self._commands.publish(f"{self._prefix}{channel}", message)
        except BaseException:
            # Redis did not take it: wake this process's waiters at least, and make every waiter
            # re-check the database at the short interval until publishing works again.
            self._publish_failing = True
            self._waiters.deliver(channel, message)
            raise
        self._publish_failing = False

    @contextlib.asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[Subscription]:
        with self._waiters.waiting(channel) as queue:
            yield _RedisSubscription(self, queue)

    def listens(self, channel: str) -> bool:  # noqa: ARG002 - another replica may have waiters
        return True

    async def ping(self) -> bool:
        try:
            return bool(await self._commands.ping()) and self._connected.is_set()
        except (RedisError, OSError):
            return False

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        self._waiters.clear()
        await self._redis.aclose()
        await self._commands.aclose()

    def wake_all(self, message: str) -> None:
        self._waiters.broadcast(message)

    @property
    def channel_count(self) -> int:
        return len(self._waiters)
