"""A worker with two extensions: `Rotate` (a modifier) and `Centroid` (an analysis).

Each room has a tiny "scene" (a few points) held in this process, standing in for what ZnDraw
passes to its extensions. The worker registers both jobs for every room (`@global`, which needs
a superuser, like the development admin of `zndraw-joblib serve --dev`), then runs their tasks
until Ctrl-C or SIGTERM.

    python examples/worker.py

Configuration (environment): ZNDRAW_JOBLIB_URL (default http://127.0.0.1:8000),
ZNDRAW_JOBLIB_EMAIL and ZNDRAW_JOBLIB_PASSWORD (default: the `--dev` admin).
"""

# ruff: noqa: T201 - an example prints what it does

from __future__ import annotations

import logging
import math
import os
from typing import Any, ClassVar

from pydantic import Field
from typing_extensions import override

from zndraw_joblib_client import Category, ClaimedTask, Client, Extension, JobManager

Point = tuple[float, float]


class Scene:
    """The points of one room."""

    def __init__(self, room_id: str) -> None:
        self.room_id = room_id
        self.points: list[Point] = [(1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0)]


class Rotate(Extension):
    """Rotate every point of the scene about the origin."""

    category: ClassVar[Category] = Category.MODIFIER
    angle: float = Field(90.0, description="degrees, counter-clockwise")

    @override
    def run(self, ctx: Scene, **kwargs: Any) -> None:
        a = math.radians(self.angle)
        ctx.points = [(x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)) for x, y in ctx.points]
        print(f"{ctx.room_id}: rotated {len(ctx.points)} points by {self.angle:g} degrees", flush=True)


class Centroid(Extension):
    """Report the centre of the scene's points."""

    category: ClassVar[Category] = Category.ANALYSIS
    decimals: int = Field(3, ge=0, le=10, description="digits after the decimal point")

    @override
    def run(self, ctx: Scene, **kwargs: Any) -> None:
        n = len(ctx.points)
        # `+ 0.0` turns a rounded -0.0 into 0.0
        cx = round(sum(x for x, _ in ctx.points) / n, self.decimals) + 0.0
        cy = round(sum(y for _, y in ctx.points) / n, self.decimals) + 0.0
        print(f"{ctx.room_id}: centroid ({cx:g}, {cy:g})", flush=True)


def connect() -> Client:
    """Log in (retrying for 30 s while the server starts)."""
    return Client.login(
        os.environ.get("ZNDRAW_JOBLIB_URL", "http://127.0.0.1:8000"),
        os.environ.get("ZNDRAW_JOBLIB_EMAIL", "admin@example.com"),
        os.environ.get("ZNDRAW_JOBLIB_PASSWORD", "zndraw-admin"),
        startup_timeout=30.0,
    )


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    scenes: dict[str, Scene] = {}

    def execute(task: ClaimedTask[Any]) -> None:
        scene = scenes.setdefault(task.room_id, Scene(task.room_id))
        task.run(scene)

    with connect() as client, JobManager(client, execute=execute) as manager:
        manager.register(Rotate)
        manager.register(Centroid)
        print(f"serving {', '.join(manager)} as worker {manager.worker_id}; Ctrl-C stops", flush=True)
        reason = manager.wait()
        print(f"stopped: {reason}", flush=True)


if __name__ == "__main__":
    main()
