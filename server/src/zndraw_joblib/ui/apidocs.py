"""`/docs` (Swagger UI) and `/redoc` from copies shipped in this package, so the API docs render
on a machine without internet (FastAPI's defaults load both from a CDN, and a cluster node
without one shows a blank page). No font, favicon or validator is fetched from elsewhere."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from starlette.responses import HTMLResponse

from .static_files import RevalidatedFiles, static_folder

DOCS_ASSETS_PATH = "/docs-assets"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' blob:",  # the pages' inline start-up script; Redoc's search worker
        "worker-src 'self' blob:",
        "style-src 'self' 'unsafe-inline'",  # both viewers style elements inline
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
    )
)
"""The docs pages load nothing from another host, even where the viewers would: Redoc's sidebar
shows a logo from its vendor's CDN, which the browser now refuses without a request."""


def install_api_docs(
    app: FastAPI,
    *,
    title: str,
    openapi_url: str = "/openapi.json",
    docs_url: str = "/docs",
    redoc_url: str = "/redoc",
    assets_url: str = DOCS_ASSETS_PATH,
) -> None:
    """Add the two docs pages and their assets (under `assets_url`) to `app`.

    Create the app with `docs_url=None, redoc_url=None` so FastAPI's CDN pages do not shadow these.
    """
    for viewer in ("swagger-ui", "redoc"):
        app.mount(f"{assets_url}/{viewer}", RevalidatedFiles(directory=static_folder(viewer)), name=f"docs-{viewer}")
    favicon = f"{assets_url}/swagger-ui/favicon-32x32.png"

    @app.get(docs_url, include_in_schema=False)
    async def _swagger_ui() -> HTMLResponse:
        return _self_contained(
            get_swagger_ui_html(
                openapi_url=openapi_url,
                title=f"{title}: Swagger UI",
                swagger_js_url=f"{assets_url}/swagger-ui/swagger-ui-bundle.js",
                swagger_css_url=f"{assets_url}/swagger-ui/swagger-ui.css",
                swagger_favicon_url=favicon,
                swagger_ui_parameters={"validatorUrl": None},  # no badge from validator.swagger.io
            )
        )

    @app.get(redoc_url, include_in_schema=False)
    async def _redoc() -> HTMLResponse:
        return _self_contained(
            get_redoc_html(
                openapi_url=openapi_url,
                title=f"{title}: ReDoc",
                redoc_js_url=f"{assets_url}/redoc/redoc.standalone.js",
                redoc_favicon_url=favicon,
                with_google_fonts=False,
            )
        )


def _self_contained(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return page
