"""The folder of built browser assets inside the installed package, and how they are served."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC = Path(str(resources.files("zndraw_joblib.ui") / "static"))
"""`dashboard/` (the bundled page), `swagger-ui/` and `redoc/` (the packaged docs viewers)."""


class RevalidatedFiles(StaticFiles):
    """StaticFiles whose answers a browser revalidates (ETag) before reuse: the file names carry no
    hash, so an upgraded server must not be shadowed by a cached old bundle."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers.setdefault("Cache-Control", "no-cache")
        return response


def static_folder(name: str) -> Path:
    """One built folder; a clear error when the package was built without its assets."""
    folder = STATIC / name
    if not (folder.is_dir() and any(folder.iterdir())):
        raise FileNotFoundError(f"{folder} is missing: build the browser assets with `make ui`")
    return folder
