"""The edge's body guard: 413 over the limit, and no answer before the request body is read.

An answer sent while request bytes are still unread, followed by a closed connection, can be
destroyed by the kernel's reset before the client reads it (seen through a proxy).
"""

from __future__ import annotations

import json

from starlette.types import Message, Receive, Scope, Send

from zndraw_joblib.edge import Edge

CHUNK = b"x" * 1000


async def answer_without_reading(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 404, "headers": []})
    await send({"type": "http.response.body", "body": b"no route"})


async def call(app: Edge, chunks: int, headers: list[tuple[bytes, bytes]] | None = None) -> tuple[list[Message], int]:
    """Run one request of `chunks` chunks; what happened in order, and the chunks left unread."""
    events: list[Message] = []
    left = chunks

    async def receive() -> Message:
        nonlocal left
        if left == 0:
            return {"type": "http.disconnect"}
        left -= 1
        events.append({"type": "body"})
        return {"type": "http.request", "body": CHUNK, "more_body": left > 0}

    async def send(message: Message) -> None:
        events.append(message)

    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "PATCH",
        "path": "/x",
        "raw_path": b"/x",
        "headers": headers if headers is not None else [(b"transfer-encoding", b"chunked")],
        "query_string": b"",
    }
    await app(scope, receive, send)
    return events, left


def types(events: list[Message]) -> list[str]:
    return [e["type"] for e in events]


async def test_an_answer_that_ignores_the_body_waits_until_the_body_is_read() -> None:
    events, left = await call(Edge(answer_without_reading, max_bytes=100 * len(CHUNK)), chunks=50)
    assert left == 0
    assert types(events).index("http.response.start") == 50  # after all fifty chunks
    assert (b"x-request-id", events[50]["headers"][0][1]) in events[50]["headers"]


async def test_an_oversized_body_is_not_read_to_its_end() -> None:
    _, left = await call(Edge(answer_without_reading, max_bytes=10 * len(CHUNK)), chunks=50)
    assert left > 0  # reading stops past the limit: a client cannot make the server read forever


async def test_an_oversized_content_length_is_answered_413_before_anything_is_read() -> None:
    declared = [(b"content-length", str(50 * len(CHUNK)).encode())]
    events, left = await call(Edge(answer_without_reading, max_bytes=10 * len(CHUNK)), chunks=50, headers=declared)
    assert left == 50
    assert events[0]["status"] == 413
    assert json.loads(events[1]["body"])["status"] == 413


async def test_a_request_without_a_body_is_answered_without_reading() -> None:
    """HTTP/1.1 without Content-Length or Transfer-Encoding has no body: nothing to wait for."""
    events, left = await call(Edge(answer_without_reading, max_bytes=10 * len(CHUNK)), chunks=1, headers=[])
    assert left == 1
    assert types(events) == ["http.response.start", "http.response.body"]


async def test_an_unexpected_error_becomes_a_500_problem_that_closes_the_connection() -> None:
    async def broken(scope: Scope, receive: Receive, send: Send) -> None:
        raise RuntimeError("a bug")

    events, _ = await call(Edge(broken, max_bytes=100 * len(CHUNK)), chunks=1)
    start, body = [e for e in events if e["type"] != "body"]
    assert start["status"] == 500
    assert (b"connection", b"close") in start["headers"]
    assert json.loads(body["body"])["type"].endswith("internal-error")
