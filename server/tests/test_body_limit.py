"""The body middleware: 413 over the limit, and no answer before the request body is read.

An answer sent while request bytes are still unread, followed by a closed connection, can be
destroyed by the kernel's reset before the client reads it (seen through a proxy).
"""

from __future__ import annotations

from starlette.types import Message, Receive, Scope, Send

from zndraw_joblib.http_errors import BodySizeLimit

CHUNK = b"x" * 1000


async def answer_without_reading(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 404, "headers": []})
    await send({"type": "http.response.body", "body": b"no route"})


async def call(app: BodySizeLimit, chunks: int) -> tuple[list[str], int]:
    """Run one request of `chunks` chunks; the order of events, and the chunks left unread."""
    events: list[str] = []
    left = chunks

    async def receive() -> Message:
        nonlocal left
        if left == 0:
            return {"type": "http.disconnect"}
        left -= 1
        events.append("body")
        return {"type": "http.request", "body": CHUNK, "more_body": left > 0}

    async def send(message: Message) -> None:
        events.append(message["type"])

    scope = {"type": "http", "method": "PATCH", "path": "/x", "headers": [], "query_string": b""}
    await app(scope, receive, send)
    return events, left


async def test_an_answer_that_ignores_the_body_waits_until_the_body_is_read() -> None:
    events, left = await call(BodySizeLimit(answer_without_reading, max_bytes=100 * len(CHUNK)), chunks=50)
    assert left == 0
    assert events.index("http.response.start") == 50  # after all fifty chunks


async def test_an_oversized_body_is_not_read_to_its_end() -> None:
    _, left = await call(BodySizeLimit(answer_without_reading, max_bytes=10 * len(CHUNK)), chunks=50)
    assert left > 0  # reading stops past the limit: a client cannot make the server read forever
