"""What a browser loads from the server: the operator's dashboard (`/ui/`) and the API docs
(`/docs`, `/redoc`), every asset shipped in this package (`static/`), none from a CDN.

`static/` is built by `make ui` (dashboard/scripts/build.mjs: the bundled dashboard and the
packaged Swagger UI and Redoc files); `make check-generated` proves it matches a fresh build.
The standalone app mounts both (`app.create_app`); a host app in library mode calls
`mount_dashboard` and `install_api_docs` itself.
"""

from __future__ import annotations

from .apidocs import install_api_docs
from .dashboard import DashboardConfig, dashboard_app, mount_dashboard

__all__ = ["DashboardConfig", "dashboard_app", "install_api_docs", "mount_dashboard"]
