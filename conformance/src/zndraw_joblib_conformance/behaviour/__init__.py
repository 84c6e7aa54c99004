"""The hand-written behaviour checks, one module per group; importing a module registers its checks."""

from __future__ import annotations

import importlib

MODULES = (
    "http_edge",
    "auth",
    "jobs",
    "tasks",
    "lifecycle",
    "claims",
    "longpoll",
    "access",
    "providers",
    "cleanup",
    "events",
    "hostile",
)


def load() -> None:
    """Register every check (idempotent: a module registers once, when first imported)."""
    for name in MODULES:
        importlib.import_module(f"{__name__}.{name}")
