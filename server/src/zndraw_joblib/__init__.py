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
