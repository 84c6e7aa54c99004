"""Hand-written behaviour checks: one decorated async function per requirement id.

    @check("CLAIM-once", rule="…", source="openapi.yaml claimTask")
    async def claims_never_double(ctx: Context) -> None:
        ...  # assert what must hold; raise NotApplicable("why") when the server cannot be asked

A check passes when it returns, fails on an `AssertionError` (a `Violation` carries its own
reproduction; a plain `assert` gets the curl lines of the last requests), and is not applicable
on `NotApplicable`. Anything else it raises is reported as a failure of that requirement, never
as a crash of the run. The modules of `behaviour/` hold the checks; importing them registers them.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from zndraw_joblib_conformance.options import Need, Options, Suite
from zndraw_joblib_conformance.requirements import Requirement

if TYPE_CHECKING:
    from zndraw_joblib_conformance.asyncapi_contract import AsyncApiContract
    from zndraw_joblib_conformance.openapi_contract import OpenApiContract
    from zndraw_joblib_conformance.outcomes import Ledger
    from zndraw_joblib_conformance.sockets import Listener
    from zndraw_joblib_conformance.traffic import Http, Redactions

J = "/v1/joblib"  # the queue's REST prefix
T = TypeVar("T")


class Violation(AssertionError):  # noqa: N818 - the verdict on a rule, raised like an assert
    """A rule is broken; `reproduce` shows how (a curl line or a few steps)."""

    def __init__(self, message: str, reproduce: str | None = None) -> None:
        super().__init__(message)
        self.reproduce = reproduce


class NotApplicable(Exception):  # noqa: N818 - an outcome, not an error
    """The requirement cannot be checked against this server; the message says why."""


@dataclass
class Context:
    """What a check works with: the options, the contracts, one HTTP client per identity, sockets."""

    options: Options
    openapi: OpenApiContract
    asyncapi: AsyncApiContract
    ledger: Ledger
    redactions: Redactions
    admin: Http  # the superuser
    anonymous: Http  # no token
    garbled: Http  # a token that is not a JWT
    user: Http | None = None  # a second, non-superuser account
    user_token: str | None = None
    recent: deque[str] = field(default_factory=lambda: deque(maxlen=3))  # the last requests, as curl lines
    unanswered: dict[str, str] = field(default_factory=dict)  # client → server events that got no ack
    spawned: list[asyncio.Task[Any]] = field(default_factory=list)  # background requests of the running check

    @property
    def token(self) -> str:
        return self.options.token

    def other(self) -> Http:
        """The second account's client (a check that needs it declares `needs=[Need.USER_TOKEN]`)."""
        if self.user is None:
            raise NotApplicable("needs a second, non-superuser account (--user-token)")
        return self.user

    def spawn(self, awaitable: Awaitable[T]) -> asyncio.Task[T]:
        """Run `awaitable` in the background (a long-poll, a read that waits); the runner cancels what a
        check leaves behind, so a failing check never leaves a request running into the next one."""
        task = asyncio.ensure_future(awaitable)
        self.spawned.append(task)
        return task

    async def settle(self) -> None:
        """Cancel and reap the background work of the check that just ended."""
        for task in self.spawned:
            task.cancel()
        await asyncio.gather(*self.spawned, return_exceptions=True)
        self.spawned.clear()

    @staticmethod
    def unique(prefix: str) -> str:
        """A fresh name, so checks never see each other's (or an earlier run's) resources."""
        return f"{prefix}-{uuid.uuid4().hex[:10]}"

    @asynccontextmanager
    async def listener(self, token: str | None = None) -> AsyncIterator[Listener]:
        """A connected Socket.IO client whose every received event is checked against asyncapi.yaml."""
        from zndraw_joblib_conformance.sockets import Listener  # noqa: PLC0415 - sockets imports this module

        socket = Listener(self, token or self.token)
        await socket.connect()
        try:
            yield socket
        finally:
            await socket.close()


CheckFunction = Callable[[Context], Awaitable[None]]


@dataclass(frozen=True)
class Check:
    requirement: Requirement
    run: CheckFunction
    timeout: float | None  # seconds; None: the run's --check-timeout
    concurrent: bool = False  # may run at the same time as its concurrent neighbours (nothing timed)


REGISTRY: dict[str, Check] = {}


def check(
    requirement_id: str,
    *,
    rule: str,
    source: str,
    suite: Suite = Suite.REST,
    needs: Iterable[Need] = (),
    timeout: float | None = None,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register `function` as the check of requirement `requirement_id`."""

    def register(function: CheckFunction) -> CheckFunction:
        if requirement_id in REGISTRY:
            raise ValueError(f"two checks for {requirement_id}")
        requirement = Requirement(requirement_id, suite, rule, source, frozenset(needs))
        REGISTRY[requirement_id] = Check(requirement, function, timeout)
        return function

    return register
