"""The internal job the server ships: `@internal:analysis:Sleep`.

It waits, then completes (or fails on request): server-side work that is handy for trying a
frontend, a long-poll or the task lifecycle without running any worker. Enabled by
`zndraw-joblib serve --dev`, or with `internal_extensions = ["zndraw_joblib.internal_jobs:Sleep"]`.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

from pydantic import Field

from zndraw_joblib.internal import InternalContext, InternalExtension


class Sleep(InternalExtension):
    """Wait `seconds`, then complete; with `fail_with`, fail with that message instead."""

    category: ClassVar[str] = "analysis"

    seconds: float = Field(1.0, ge=0, le=60, description="how long to wait, in seconds")
    fail_with: str | None = Field(None, max_length=1000, description="fail with this error instead of completing")

    async def run(self, ctx: InternalContext) -> None:  # noqa: ARG002 - the context is not needed to wait
        await asyncio.sleep(self.seconds)
        if self.fail_with is not None:
            raise RuntimeError(self.fail_with)
