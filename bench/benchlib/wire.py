"""A bare keep-alive HTTP/1.1 client for the drain's workers: the least client CPU per request.

With httpx each drained task (claim + 2 PATCH) cost its worker 8-10 ms of CPU on this machine
type, more than the server spent on it: four such workers on two cores measured themselves,
not the server. This client writes the request line and headers itself and reads the answer
by its `Content-Length` (or chunks), one request at a time on one connection, as a worker
does; it costs a fraction of a millisecond per request. Every server of a comparison run
(ours, the previous revision, upstream) is driven by the same code.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self
from urllib.parse import urlsplit

from .api import API, BenchError


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class Wire:
    """One connection to `base_url`, reopened when the server closes it."""

    def __init__(self, base_url: str, token: str, *, timeout: float = 120.0) -> None:
        parts = urlsplit(base_url)
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port or 80
        self._timeout = timeout
        self._head = f"Host: {self._host}:{self._port}\r\nAuthorization: Bearer {token}\r\n".encode()
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._writer is not None:
            self._writer.close()
            self._reader = self._writer = None

    async def request(
        self, method: str, path: str, body: Any = None, headers: Mapping[str, str] | None = None
    ) -> Answer:
        """One request; a JSON `body` is sent as such."""
        async with asyncio.timeout(self._timeout):
            return await self._exchange(method, path, body, headers or {})

    async def _exchange(self, method: str, path: str, body: Any, headers: Mapping[str, str]) -> Answer:
        if self._writer is None or self._writer.is_closing():
            self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        reader, writer = self._reader, self._writer
        assert reader is not None
        data = b"" if body is None else json.dumps(body, separators=(",", ":")).encode()
        extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items()).encode()
        kind = b"Content-Type: application/json\r\n" if body is not None else b""
        writer.write(
            b"%s %s HTTP/1.1\r\n%s%s%sContent-Length: %d\r\n\r\n%s"
            % (method.encode(), path.encode(), self._head, extra, kind, len(data), data)
        )
        status = int((await reader.readline()).split(b" ", 2)[1])
        received: dict[str, str] = {}
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            received[name.strip().lower()] = value.strip()
        chunked = "chunked" in received.get("transfer-encoding", "").lower()
        length = int(received.get("content-length", "0"))
        content = await (self._chunks(reader) if chunked else reader.readexactly(length))
        if "close" in received.get("connection", "").lower():
            writer.close()
            self._reader = self._writer = None
        return Answer(status, received, content)

    @staticmethod
    async def _chunks(reader: asyncio.StreamReader) -> bytes:
        parts = []
        while size := int((await reader.readline()).split(b";")[0], 16):
            parts.append(await reader.readexactly(size))
            await reader.readline()
        await reader.readline()
        return b"".join(parts)

    async def call(self, method: str, path: str, expect: int, body: Any = None) -> Any:
        answer = await self.request(method, path, body)
        if answer.status != expect:
            raise BenchError(f"{method} {path} answered {answer.status}: {answer.body[:400]!r}")
        return answer.json()

    async def run_one(self, worker_id: str) -> dict[str, Any] | None:
        """A worker's cycle: claim, running, completed. The claimed task, or None if none was pending."""
        task = (await self.call("POST", f"{API}/tasks/claim", 200, {"worker_id": worker_id}))["task"]
        if task is None:
            return None
        await self.call("PATCH", f"{API}/tasks/{task['id']}", 200, {"status": "running"})
        await self.call("PATCH", f"{API}/tasks/{task['id']}", 200, {"status": "completed"})
        return dict(task)
