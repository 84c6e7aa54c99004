"""Liveness and readiness probes."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import text

from zndraw_joblib import problems
from zndraw_joblib._generated import models
from zndraw_joblib._generated.api import HealthApi
from zndraw_joblib.context import Runtime

log = logging.getLogger(__name__)
PROBE_TIMEOUT_SECONDS = 2.0


class HealthService(HealthApi):
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    async def get_health(self) -> models.HealthStatus:
        return models.HealthStatus(status="ok")

    async def get_readiness(self) -> models.ReadinessStatus:
        failing = [name for name, ok in (("database", await self._database()), ("bus", await self._bus())) if not ok]
        if failing:
            raise problems.NotReady(f"Unreachable: {', '.join(failing)}.")
        return models.ReadinessStatus(status="ok", checks={"database": "ok", "bus": "ok"})

    async def _database(self) -> bool:
        try:
            async with asyncio.timeout(PROBE_TIMEOUT_SECONDS), self.runtime.session() as session:
                await session.execute(text("SELECT 1"))
        except Exception:
            log.warning("readiness: the database is unreachable", exc_info=True)
            return False
        return True

    async def _bus(self) -> bool:
        try:
            async with asyncio.timeout(PROBE_TIMEOUT_SECONDS):
                return await self.runtime.bus.ping()
        except Exception:
            log.warning("readiness: the bus is unreachable", exc_info=True)
            return False
