"""What a run checks and against which server."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Suite(StrEnum):
    """A part of the suite that `--only` selects."""

    REST = "rest"  # schemathesis' examples, coverage and fuzzing phases + the REST behaviour checks
    EVENTS = "events"  # Socket.IO: payloads, rooms, acks, timing, and the behaviours seen through events
    STATEFUL = "stateful"  # schemathesis' stateful phase: operations chained through the document's links


class Need(StrEnum):
    """Something a requirement needs that not every run has; without it the requirement is not applicable."""

    USER_TOKEN = "user-token"  # noqa: S105 - the option's name, not a secret; a second, non-superuser account (`--user-token`, or one the suite may create)
    SWEEP = "sweep-within"  # how long the server takes to sweep a silent worker (`--sweep-within`)


@dataclass(frozen=True)
class Options:
    """One run of the suite.

    Attributes:
        url: the server's base URL (REST and Socket.IO), e.g. `http://127.0.0.1:8000`.
        token: a superuser's bearer token; the `@global` operations need one.
        user_token: a second, non-superuser account's token for the permission rules. Without it
            the suite tries to create such an account (`POST /v1/auth/register` with the
            superuser's token, then a login) and reports those rules as not applicable if it cannot.
        sweep_within: seconds within which the server has certainly swept a silent worker (its
            worker timeout + sweeper interval + slack); without it the sweep rule is not applicable.
        only: the suites to run.
        max_examples: examples per operation and phase in schemathesis' generated phases.
        seed: schemathesis' seed; `None` derandomizes (the same cases every run).
        shrink: let schemathesis shrink a failing case to a minimal one (slower on a failing server).
        connection_close: send every request on a new connection (several replicas behind a
            round-robin proxy then answer alternately).
        select: fnmatch patterns of requirement ids to run; empty runs everything.
        check_timeout: seconds one hand-written check may take before it counts as failed.
        create_user: without `user_token`, whether the suite may create a second account.
    """

    url: str
    token: str
    user_token: str | None = None
    sweep_within: float | None = None
    only: frozenset[Suite] = field(default_factory=lambda: frozenset(Suite))
    max_examples: int = 40
    seed: int | None = None
    shrink: bool = True
    connection_close: bool = False
    select: tuple[str, ...] = ()
    check_timeout: float = 120.0
    create_user: bool = True

    @property
    def base_url(self) -> str:
        return self.url.rstrip("/")
