"""The provider result cache and its in-flight locks: in-process TTL store, or Redis.

Keys are `<provider id>:<request hash>`. A read that misses takes the in-flight lock (`SET NX
EX` semantics) before it asks the provider, so concurrent identical reads send one
`provider_request`; the lock expires by itself if the provider never answers. The lock holds
the request's parameters, so a provider that joins late can be sent what is still in flight
(`inflight`).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Mapping
from typing import Protocol


def canonical_params(params: Mapping[str, str]) -> str:
    """The canonical JSON of read parameters: keys sorted, compact separators."""
    return json.dumps(dict(params), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def request_hash(params: Mapping[str, str]) -> str:
    return hashlib.sha256(canonical_params(params).encode()).hexdigest()


def cache_key(provider_id: object, digest: str) -> str:
    return f"{provider_id}:{digest}"


def error_key(key: str) -> str:
    """Where a provider's reported error for a read is kept (not listed as in flight)."""
    return f"error:{key}"


def repeat_key(key: str) -> str:
    """The lock that lets one waiting reader per interval ask again (not listed as in flight)."""
    return f"repeat:{key}"


INFLIGHT_LISTED = 100


class ResultStore(Protocol):
    async def get(self, key: str) -> bytes | None: ...

    async def put(self, key: str, value: bytes, ttl_seconds: float) -> None: ...

    async def acquire_inflight(self, key: str, ttl_seconds: float, value: str = "") -> bool:
        """Take the in-flight lock of `key`, holding `value`; False when someone holds it."""
        ...

    async def release_inflight(self, key: str) -> None: ...

    async def inflight(self, prefix: str, limit: int = INFLIGHT_LISTED) -> list[tuple[str, str]]:
        """Held in-flight locks whose key starts with `prefix`: (key, value), at most `limit`."""
        ...

    async def close(self) -> None: ...


class MemoryResultStore:
    """The embedded default: a dict with expiry times, purged as it is used."""

    PURGE_EVERY = 1024

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._values: dict[str, tuple[float, bytes]] = {}
        self._locks: dict[str, tuple[float, str]] = {}
        self._writes = 0

    async def get(self, key: str) -> bytes | None:
        entry = self._values.get(key)
        if entry is None:
            return None
        if entry[0] <= self._clock():
            del self._values[key]
            return None
        return entry[1]

    async def put(self, key: str, value: bytes, ttl_seconds: float) -> None:
        self._values[key] = (self._clock() + ttl_seconds, value)
        self._writes += 1
        if self._writes % self.PURGE_EVERY == 0:
            self._purge()

    async def acquire_inflight(self, key: str, ttl_seconds: float, value: str = "") -> bool:
        now = self._clock()
        held = self._locks.get(key)
        if held is not None and held[0] > now:
            return False
        self._locks[key] = (now + ttl_seconds, value)
        return True

    async def release_inflight(self, key: str) -> None:
        self._locks.pop(key, None)

    async def inflight(self, prefix: str, limit: int = INFLIGHT_LISTED) -> list[tuple[str, str]]:
        now = self._clock()
        held = [(key, value) for key, (expires, value) in self._locks.items() if expires > now]
        return [(key, value) for key, value in held if key.startswith(prefix)][:limit]

    async def close(self) -> None:
        self._values.clear()
        self._locks.clear()

    def _purge(self) -> None:
        now = self._clock()
        self._values = {k: v for k, v in self._values.items() if v[0] > now}
        self._locks = {k: v for k, v in self._locks.items() if v[0] > now}


class RedisResultStore:
    """Results under `SET … PX`, in-flight locks under `SET … NX PX`: shared by every replica."""

    def __init__(self, url: str, *, prefix: str = "zndraw-joblib:provider:", timeout_seconds: float = 2.0) -> None:
        import redis.asyncio as aioredis  # noqa: PLC0415 - only distributed deployments need it

        # Every command is bounded: a hung Redis fails a read with a RedisError (503), never holds it.
        self._redis = aioredis.Redis.from_url(
            url, socket_connect_timeout=timeout_seconds, socket_timeout=timeout_seconds
        )
        self._prefix = prefix

    async def get(self, key: str) -> bytes | None:
        value = await self._redis.get(f"{self._prefix}result:{key}")
        if value is None:
            return None
        return value if isinstance(value, bytes) else str(value).encode()

    async def put(self, key: str, value: bytes, ttl_seconds: float) -> None:
        await self._redis.set(f"{self._prefix}result:{key}", value, px=max(1, int(ttl_seconds * 1000)))

    async def acquire_inflight(self, key: str, ttl_seconds: float, value: str = "") -> bool:
        taken = await self._redis.set(
            f"{self._prefix}inflight:{key}", value.encode(), nx=True, px=max(1, int(ttl_seconds * 1000))
        )
        return bool(taken)

    async def release_inflight(self, key: str) -> None:
        await self._redis.delete(f"{self._prefix}inflight:{key}")

    async def inflight(self, prefix: str, limit: int = INFLIGHT_LISTED) -> list[tuple[str, str]]:
        head = f"{self._prefix}inflight:"
        found: list[tuple[str, str]] = []
        async for name in self._redis.scan_iter(match=f"{head}{prefix}*", count=limit):
            value = await self._redis.get(name)
            if value is not None:
                key = name.decode() if isinstance(name, bytes) else str(name)
                found.append((key[len(head) :], value.decode() if isinstance(value, bytes) else str(value)))
            if len(found) >= limit:
                break
        return found

    async def close(self) -> None:
        await self._redis.aclose()
