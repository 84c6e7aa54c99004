"""The operator's dashboard at `/ui/`: a single page (dashboard/ in the repository, bundled into
`static/dashboard/`) on the typed TypeScript client.

The page learns where the API is from a JSON block this module writes into its `index.html`
when it serves it: the REST prefix, the Socket.IO path and whether the password login exists.
So one build serves the standalone server and any host app that mounts the router elsewhere.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from fastapi import FastAPI
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route

from zndraw_joblib import problems
from zndraw_joblib.http_errors import problem_response

from .static_files import RevalidatedFiles, static_folder

DASHBOARD_PATH = "/ui"
CONFIG_BLOCK = '<script id="zndraw-joblib-config" type="application/json">{}</script>'
"""The placeholder of the built index.html that the served page carries its config in."""


@dataclass(frozen=True)
class DashboardConfig:
    """Where the page finds the API, relative to the server's origin."""

    api_base: str = ""
    """The prefix the REST routes are mounted under (`""`: at the origin's root, as standalone)."""
    socketio_path: str = "/socket.io"
    """The Socket.IO endpoint's path."""
    password_login: bool = True
    """`POST {api_base}/v1/auth/jwt/login` exists (standalone); a host with its own sign-in turns
    this off and the page asks for a bearer token instead."""

    def script(self) -> str:
        """The config block, safe inside HTML (`<` escaped, so no value can close the script)."""
        data = json.dumps(asdict(self), separators=(",", ":")).replace("<", "\\u003c")
        return CONFIG_BLOCK.replace("{}", data)


def dashboard_app(config: DashboardConfig | None = None) -> Starlette:
    """An ASGI app serving the dashboard: `index.html` (with `config`) at its root, assets beside it."""
    folder = static_folder("dashboard")
    template = (folder / "index.html").read_text(encoding="utf-8")
    if CONFIG_BLOCK not in template:
        raise RuntimeError(f"{folder / 'index.html'} lacks the config block {CONFIG_BLOCK!r}")
    page = template.replace(CONFIG_BLOCK, (config or DashboardConfig()).script())

    async def index(_request: Request) -> Response:
        return HTMLResponse(page, headers={"Cache-Control": "no-cache"})

    return Starlette(
        routes=[
            Route("/", index, methods=["GET", "HEAD"]),
            Route("/index.html", index, methods=["GET", "HEAD"]),
            Mount("/", RevalidatedFiles(directory=folder)),
        ],
        exception_handlers={HTTPException: _problem},
    )


async def _problem(request: Request, exc: Exception) -> Response:
    """A missing file or a wrong method is a problem (RFC 9457), as everywhere on the server."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    problem: problems.Problem
    if status == 404:
        problem = problems.NotFound(f"No dashboard file at {request.url.path}.")
    elif status == 405:
        problem = problems.MethodNotAllowed(f"{request.method} is not allowed here.", headers={"Allow": "GET, HEAD"})
    else:
        problem = problems.InternalError()
    return problem_response(problem, request)


def mount_dashboard(app: FastAPI, path: str = DASHBOARD_PATH, config: DashboardConfig | None = None) -> None:
    """Serve the dashboard under `path` (`/ui/`; `/ui` redirects there)."""
    app.mount(path, dashboard_app(config), name="zndraw-joblib-dashboard")
