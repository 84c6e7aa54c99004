"""zndraw-joblib-client: the REST client generated from openapi.yaml and the worker SDK.

- `_generated/`: the typed low-level client (`make generate`; never edited by hand).
- `Client`: one server and one bearer token; calls generated operations, raises `errors.*`.
- `Extension`, `Category`, `Provider`: what a worker offers.
- `JobManager`: registers them, claims and runs their tasks, stays alive.
- `TaskWatcher`, `await_task`: follow a submitted task to its end.
"""

from . import errors
from .claimed import ClaimedTask, current_task
from .connection import Client
from .extension import Category, Extension, Retry
from .keeper import StopReason
from .manager import JobManager
from .provider import Provider
from .realtime import RealtimeConnection
from .watch import TaskWatcher, await_task

__all__ = [
    "Category",
    "ClaimedTask",
    "Client",
    "Extension",
    "JobManager",
    "Provider",
    "RealtimeConnection",
    "Retry",
    "StopReason",
    "TaskWatcher",
    "await_task",
    "current_task",
    "errors",
]
