"""Answers sent ahead of their request's end: a woken long-poll answers before it unwinds.

One PATCH that completes a task wakes every long-poll waiting on it, and the last of a
thousand waiters hears only when the 999 before it have run. Each waiter's answer is ready
the moment it wakes (the wake-up carries the terminal task's view, `bus.with_answer`), but
handing it back through the route, FastAPI and Starlette and then finishing the request
(closing the session, leaving the subscription, the latency metric) costs several times
what writing it costs. So the edge (`edge.Edge`) offers each request a way to answer at once
through the edge itself: the waiter writes its answer, lets every other woken waiter write
theirs, and only then unwinds. The app's own answer that follows is dropped by the edge.

An answer sent ahead is byte for byte the one the app would give (status, headers, body; the
edge adds the request id to both, and CORS sits outside the edge). Where no edge runs (a
library host that mounts the routes into its own app), `answer` returns False and the caller
answers as usual. The app may go on after its final body: ASGI allows it, and Starlette's
background tasks do the same.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from contextvars import ContextVar

Header = tuple[bytes, bytes]
Answer = Callable[[int, Sequence[Header], bytes], Awaitable[None]]
"""Send a complete answer (status, headers, body) through the edge, at once."""

current: ContextVar[Answer | None] = ContextVar("zndraw_joblib_answer_ahead", default=None)
"""What the edge offers the request that runs in this context, if any."""


async def answer(status: int, headers: Sequence[Header], body: bytes) -> bool:
    """Answer the current request now, if the edge offers it; True when sent.

    After sending, the caller waits one turn of the event loop, so that every request woken
    with it answers before any of them goes on to finish.
    """
    send = current.get()
    if send is None:
        return False
    await send(status, headers, body)
    await asyncio.sleep(0)
    return True


def json_headers(body: bytes, *extra: Header) -> list[Header]:
    """The headers of a JSON answer with this body, in the order Starlette's `Response` writes them."""
    return [*extra, (b"content-length", b"%d" % len(body)), (b"content-type", b"application/json")]
