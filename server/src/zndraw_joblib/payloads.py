"""Task payloads checked against their job's JSON Schema (Draft 2020-12, formats included), bounded.

A payload is first checked on the event loop with a small budget (`INLINE_BUDGET_SECONDS`):
nearly every real payload finishes far inside it, without a thread hop. One that does not is
checked again in a worker thread with the whole budget (`payload_validation_budget_seconds`),
while the loop keeps serving others; at most `VALIDATION_THREADS` such checks run at once, so
a flood of expensive submits cannot take every thread and the GIL. Past the budget the submit
answers 422 `payload-too-complex`; no free slot within the budget answers 503.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from jsonschema import ValidationError
from referencing.exceptions import Unresolvable

from . import problems, schemas

MAX_REPORTED_ERRORS = 20
INLINE_BUDGET_SECONDS = 0.01
VALIDATION_THREADS = 2


Located = tuple[list[str | int], dict[str, Any]]
"""A payload and where it sits in the request body (`["body", "payload"]`, or
`["body", "tasks", 7, "payload"]` in a batch)."""


def _errors(schema: dict[str, Any], payloads: Sequence[Located], seconds: float) -> list[dict[str, Any]]:
    """Up to `MAX_REPORTED_ERRORS` + 1 errors, in body order; raises `BudgetExceeded`."""
    validator = schemas.cached_validator(schema)
    found: list[tuple[list[str | int], ValidationError]] = []
    with schemas.deadline(seconds):
        try:
            for loc, payload in payloads:
                errors = sorted(validator.iter_errors(payload), key=lambda e: [str(p) for p in e.absolute_path])
                found.extend((loc, error) for error in errors)
                if len(found) > MAX_REPORTED_ERRORS:
                    break
        except Unresolvable as exc:  # a schema stored before references were checked at registration
            loc = payloads[0][0] if len(payloads) == 1 else ["body"]
            return [{"loc": loc, "msg": f"the job's schema cannot be used: {exc}", "type": "schema"}]
    return [
        {"loc": [*loc, *e.absolute_path], "msg": schemas.short_message(e), "type": "json_schema"} for loc, e in found
    ]


def _refusal(errors: list[dict[str, Any]]) -> problems.ValidationFailed:
    count = f"more than {MAX_REPORTED_ERRORS}" if len(errors) > MAX_REPORTED_ERRORS else str(len(errors))
    return problems.ValidationFailed(
        errors[:MAX_REPORTED_ERRORS],
        detail=f"The payload does not match the job's parameter schema ({count} error(s)).",
    )


class PayloadChecker:
    """Checks payloads within `budget_seconds`, with at most `threads` checks off the loop at once.

    Two steps, so a caller can leave its transaction between them: `check_inline` (on the loop,
    `INLINE_BUDGET_SECONDS`) decides nearly every payload; when it cannot, `check_off_loop`
    decides with the whole budget in a worker thread. A batch is checked as a whole: one budget
    for all its payloads.
    """

    def __init__(self, budget_seconds: float, threads: int = VALIDATION_THREADS) -> None:
        self.budget_seconds = budget_seconds
        self._slots = asyncio.Semaphore(threads)

    def check_inline(self, schema: dict[str, Any], payloads: Sequence[Located]) -> bool:
        """True when the payloads match; raises 422 when one does not; False when undecided in time."""
        if not schema:
            return True
        try:
            errors = _errors(schema, payloads, min(INLINE_BUDGET_SECONDS, self.budget_seconds))
        except schemas.BudgetExceeded:
            return False
        if errors:
            raise _refusal(errors)
        return True

    async def check_off_loop(self, schema: dict[str, Any], payloads: Sequence[Located]) -> None:
        """Raise 422 `ValidationFailed` where a payload breaks the schema, 422 `PayloadTooComplex`
        past the budget, 503 when every validation thread stays busy for the whole budget."""
        budget = self.budget_seconds
        try:
            async with asyncio.timeout(budget):
                await self._slots.acquire()
        except TimeoutError:
            raise problems.ServiceUnavailable(
                "Every payload validation slot is busy; try again shortly.",
                safe_to_retry=True,
            ) from None
        try:
            errors = await asyncio.to_thread(_errors, schema, payloads, budget)  # CPU seconds of its own
        except schemas.BudgetExceeded:
            loc = payloads[0][0] if len(payloads) == 1 else ["body", "tasks"]
            what = "The payload" if len(payloads) == 1 else f"The {len(payloads)} payloads"
            raise problems.PayloadTooComplex(
                f"{what} could not be checked against the job's schema within {budget:g} s of CPU.", loc
            ) from None
        finally:
            self._slots.release()
        if errors:
            raise _refusal(errors)

    async def check(self, schema: dict[str, Any], payloads: Sequence[Located]) -> None:
        """Both steps at once, for callers that hold no transaction."""
        if not self.check_inline(schema, payloads):
            await self.check_off_loop(schema, payloads)
