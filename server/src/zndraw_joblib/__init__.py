"""zndraw-joblib: a job/task queue for interactive scientific apps.

Standalone: `zndraw-joblib serve`, or `create_app(Settings(...))` under any ASGI server.

Library: include `router` in a host FastAPI app, register the problem handlers, give the app a
`Runtime`, and override the identity dependencies:

    from zndraw_joblib import Runtime, Settings, install_problem_handlers, router
    from zndraw_joblib.dependencies import get_current_user, get_is_superuser, get_session

    app.include_router(router)
    install_problem_handlers(app)
    app.state.zndraw_joblib = Runtime(Settings(), sessionmaker=host_sessionmaker)
    app.dependency_overrides[get_current_user] = host_current_user   # an object with `.id`
    app.dependency_overrides[get_is_superuser] = host_is_admin       # a bool

The layers, bottom up (each imports only its own layer and those below; test_layers.py checks):

- `_generated/`: models, event models, the operation stubs and router, the event-name maps —
  written by `make generate` from openapi.yaml and asyncapi.yaml, never by hand;
- foundations, pure: `names`, `problems`, `task_states` (the state machine), `access` (the room
  policy), `schemas` and `payloads` (bounded JSON Schema checks), `views` (rows → models),
  `faults`, `settings`, `prefer`, `providers_cache`, `routing`;
- `store/`: tables, migrations and every SQL statement, named for its transition;
- `realtime/`: transport plumbing only — the bus, the outbox and emitters, room names, the
  Socket.IO server object;
- `context` (the runtime, a request's context, the unit of work that commits then announces)
  and `announce` (every event the server sends);
- `transitions` (every status change of a task after its submission, orphan checks) and
  `cleanup` (a worker leaving);
- the HTTP edge: `auth`, `dependencies`, `http_errors`;
- operations: `services/` (one module per tag of openapi.yaml, implementing the stubs),
  `sweeper`, `internal` (server-side jobs);
- `sockets`: the Socket.IO handlers of asyncapi.yaml, reusing the services' checks;
- composition: `app`, `serving`, `cli`, `internal_worker`.

A new endpoint: openapi.yaml → `make generate` → the method in `services/<tag>.py`. A new
query: a function in `store/`, tested in `test_store_*.py` on both databases. A new event:
asyncapi.yaml → `make generate` → a function in `announce`.
"""

from __future__ import annotations

from .app import create_app
from .context import Runtime
from .http_errors import install as install_problem_handlers
from .services import queue_router
from .settings import Settings

router = queue_router()
"""The workers, jobs, tasks and providers operations, for a host app to include."""

__all__ = ["Runtime", "Settings", "create_app", "install_problem_handlers", "router"]
